"""Wrong: guard() allows a fixed list of tool names instead of the tools it is given.

Fitted to the check's one example tool: any other tool is refused, and a tool removed
from the loop's tools would still be allowed.
"""

EXPECT = "tools it is given"
BASE = "atlas/roadmap/agent_loop/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
    if action.name != FINAL and action.name not in tools:
""",
        """\
    if action.name not in (FINAL, "lookup_order"):
""",
    ),
    (
        """\
        transcript.append(f"Observation: {observation}")
""",
        """\
        transcript.append(f"Observation: {observation}")


""",
    ),
]
