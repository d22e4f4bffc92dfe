"""Wrong: evaluate compares phrases case-sensitively ('Free shipping' misses 'free SHIPPING')."""

EXPECT = "case-insensitively"
BASE = "atlas/roadmap/evals_tracing/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
            answer = app(case.question).lower()
            found = sum(phrase.lower() in answer for phrase in case.must_include)
""",
        """\
            answer = app(case.question)
            found = sum(phrase in answer for phrase in case.must_include)
""",
    ),
]
