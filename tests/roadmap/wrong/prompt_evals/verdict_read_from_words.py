"""Wrong: parse_verdict() looks for the word "pass" anywhere in the reply.

A reason such as "it would pass if it said 5 days" then turns a fail into a pass.
"""

EXPECT = 'read its "verdict"'
BASE = "atlas/roadmap/prompt_evals/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
    start, end = reply.find("{"), reply.rfind("}")
    if start == -1 or end < start:
        return None
    try:
        found = json.loads(reply[start : end + 1])
    except json.JSONDecodeError:
        return None
    verdict = found.get("verdict") if isinstance(found, dict) else None
    if not isinstance(verdict, str):
        return None
    return {"pass": True, "fail": False}.get(verdict.strip().lower())
""",
        """\
    text = reply.lower()
    if "pass" in text:
        return True
    if "fail" in text:
        return False
    return None
""",
    ),
]
