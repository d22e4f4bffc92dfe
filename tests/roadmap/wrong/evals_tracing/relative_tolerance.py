"""Wrong: tolerance is read as a fraction of the baseline score (1.0 -> 0.75 allowed at 0.25,
but also 0.5 -> 0.375), not as an absolute drop in score.
"""

EXPECT = "the cases named should be"
BASE = "atlas/roadmap/evals_tracing/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
        elif current[case_id] < before - tolerance:
""",
        """\
        elif current[case_id] < before * (1 - tolerance):
""",
    ),
]
