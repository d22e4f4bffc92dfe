"""Wrong: pick_prompt() compares total scores, not mean scores, with the margin.

With more than one case a total grows with the number of cases, so the margin shrinks to
nothing.
"""

EXPECT = "mean score"
BASE = "atlas/roadmap/prompt_evals/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
    return candidate if new.mean > old.mean + margin else current
""",
        """\
    return candidate if sum(new.scores) > sum(old.scores) + margin else current
""",
    ),
]
