"""Wrong: evaluate calls the app before opening the eval span, so the span does not contain
the model calls it is meant to explain and its duration is zero.
"""

EXPECT = "inside the `with tracer.span('eval'"
BASE = "atlas/roadmap/evals_tracing/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
    for case in cases:
""",
        """\
    for case in cases:
        answer = app(case.question).lower()
""",
    ),
    (
        """\
            answer = app(case.question).lower()
""",
        """\
""",
    ),
]
