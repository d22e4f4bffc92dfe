"""Wrong: a mean equal to the threshold blocks the release."""

EXPECT = "equal to the threshold"
BASE = "atlas/roadmap/capstone/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
    if mean < threshold:
""",
        """\
    if mean <= threshold:
""",
    ),
]
