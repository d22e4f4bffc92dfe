"""Wrong: score() gives 0.0 to a case with no must_include phrases.

Guarding the division by zero this way fails every open question in the eval set.
"""

EXPECT = "no must_include phrases scores 1.0"
BASE = "atlas/roadmap/prompt_evals/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
        return 1.0
""",
        """\
        return 0.0
""",
    ),
]
