"""Wrong: durations are not rounded to three decimals, so traces differ in noise digits."""

EXPECT = "rounded to three decimals"
BASE = "atlas/roadmap/evals_tracing/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
            record.milliseconds = round((self.clock() - start) * 1000, 3)
""",
        """\
            record.milliseconds = (self.clock() - start) * 1000
""",
    ),
]
