"""Wrong: live data is sent to retrieval as well as tools, although documents go stale."""

EXPECT = "each rung fits its own kind of failure"
BASE = "atlas/roadmap/adapt_model/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
    if s.missing_knowledge:
""",
        """\
    if s.missing_knowledge or s.needs_live_data:
""",
    ),
]
