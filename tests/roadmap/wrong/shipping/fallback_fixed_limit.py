"""Wrong: Fallback compares with 10 seconds, the default, instead of self.max_seconds."""

EXPECT = "use self.max_seconds"
BASE = "atlas/roadmap/shipping/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
            if self.clock() - start <= self.max_seconds:
""",
        """\
            if self.clock() - start <= 10.0:
""",
    ),
]
