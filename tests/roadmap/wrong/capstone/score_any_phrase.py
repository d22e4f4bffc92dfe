"""Wrong: one must_include phrase is enough for a case to score 1.0."""

EXPECT = "only one of the two"
BASE = "atlas/roadmap/capstone/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
    said = all(p.lower() in reply.text.lower() for p in case["must_include"])
""",
        """\
    said = not case["must_include"] or any(
        p.lower() in reply.text.lower() for p in case["must_include"]
    )
""",
    ),
]
