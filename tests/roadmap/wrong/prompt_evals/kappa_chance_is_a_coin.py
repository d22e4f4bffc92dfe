"""Wrong: agreement() takes chance agreement to be 0.5, a fair coin, whatever the labels.

Chance agreement depends on how often each side says pass: when 9 in 10 answers pass, a
judge that always says pass agrees 90% of the time by chance alone, not 50%.
"""

EXPECT = "chance = p_judge_pass * p_human_pass + p_judge_fail * p_human_fail"
BASE = "atlas/roadmap/prompt_evals/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
    chance = judge_pass * human_pass + (1 - judge_pass) * (1 - human_pass)
""",
        """\
    chance = 0.5
""",
    ),
]
