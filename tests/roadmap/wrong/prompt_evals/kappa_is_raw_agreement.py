"""Wrong: agreement() reports raw agreement as kappa too.

On labels where most answers pass, a judge that passes everything then looks good: raw
agreement 0.9 on a set where 9 in 10 answers pass, though it never tells good from bad.
"""

EXPECT = "no better than chance"
BASE = "atlas/roadmap/prompt_evals/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
    kappa = (raw - chance) / (1 - chance) if chance < 1 else float("nan")
""",
        """\
    kappa = raw
""",
    ),
]
