"""Wrong: fine-tuning needs more than MIN_EXAMPLES examples, not at least that many."""

EXPECT = "at least MIN_EXAMPLES"
BASE = "atlas/roadmap/adapt_model/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
        if s.labelled_examples >= MIN_EXAMPLES:
""",
        """\
        if s.labelled_examples > MIN_EXAMPLES:
""",
    ),
]
