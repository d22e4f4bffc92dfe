"""Wrong: pick_prompt() switches when the candidate wins by exactly the margin.

The page says the candidate must win by more than the margin.
"""

EXPECT = "more than the current one's plus margin"
BASE = "atlas/roadmap/prompt_evals/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
    return candidate if new.mean > old.mean + margin else current
""",
        """\
    return candidate if new.mean >= old.mean + margin else current
""",
    ),
]
