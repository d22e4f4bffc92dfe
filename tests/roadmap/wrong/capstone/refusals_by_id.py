"""Wrong: the gate looks for invented answers only in the two case ids of cases.json."""

EXPECT = "whatever its id"
BASE = "atlas/roadmap/capstone/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
        if case["source"] is None and scores.get(case["id"], 0.0) < 1.0:
""",
        """\
        if case["id"] in ("capital", "crypto") and scores.get(case["id"], 0.0) < 1.0:
""",
    ),
]
