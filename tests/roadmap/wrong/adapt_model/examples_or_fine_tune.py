"""Wrong: with enough labelled examples, fine-tuning replaces examples in the prompt instead
of coming after them, skipping a cheap rung.
"""

EXPECT = "in LADDER order"
BASE = "atlas/roadmap/adapt_model/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
        steps.append(EXAMPLES)
""",
        """\
""",
    ),
    (
        """\
            steps.append(FINE_TUNE)
""",
        """\
            steps.append(FINE_TUNE)
        else:
            steps.append(EXAMPLES)
""",
    ),
]
