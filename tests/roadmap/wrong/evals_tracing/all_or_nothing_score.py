"""Wrong: a case scores 1.0 only when every phrase is found, not the share found."""

EXPECT = "share of must_include phrases"
BASE = "atlas/roadmap/evals_tracing/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
            scores[case.id] = found / len(case.must_include) if case.must_include else 1.0
""",
        """\
            scores[case.id] = 1.0 if found == len(case.must_include) else 0.0
""",
    ),
]
