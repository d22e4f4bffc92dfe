"""Wrong: a reply that took exactly max_seconds counts as too slow."""

EXPECT = "exactly 2.5 s"
BASE = "atlas/roadmap/shipping/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
            if self.clock() - start <= self.max_seconds:
""",
        """\
            if self.clock() - start < self.max_seconds:
""",
    ),
]
