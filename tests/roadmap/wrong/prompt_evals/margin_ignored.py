"""Wrong: pick_prompt() switches on any improvement, ignoring `margin`."""

EXPECT = "margin"
BASE = "atlas/roadmap/prompt_evals/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
    return candidate if new.mean > old.mean + margin else current
""",
        """\
    return candidate if new.mean > old.mean else current
""",
    ),
]
