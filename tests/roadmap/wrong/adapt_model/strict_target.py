"""Wrong: a score equal to the target does not count as meeting it."""

EXPECT = "at least the target"
BASE = "atlas/roadmap/adapt_model/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
    return s.has_eval_set and s.score >= s.target
""",
        """\
    return s.has_eval_set and s.score > s.target
""",
    ),
]
