"""Wrong: must_include phrases are matched case-sensitively."""

EXPECT = "in any letter case"
BASE = "atlas/roadmap/capstone/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
    said = all(p.lower() in reply.text.lower() for p in case["must_include"])
""",
        """\
    said = all(p in reply.text for p in case["must_include"])
""",
    ),
]
