"""Wrong: parse_verdict() hands the whole reply to json.loads.

Clean JSON parses, but a reply in a ```json fence, or with a word before it, is read as
no verdict at all: models wrap JSON like that often, even when asked not to.
"""

EXPECT = "fence"
BASE = "atlas/roadmap/prompt_evals/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
        found = json.loads(reply[start : end + 1])
""",
        """\
        found = json.loads(reply)
""",
    ),
]
