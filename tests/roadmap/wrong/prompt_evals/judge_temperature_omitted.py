"""Wrong: judge() never passes a temperature.

A real model then samples at its own default, and the same answer can get another
verdict on the next run: the judge's agreement with people is then not one number.
"""

EXPECT = "temperature=0.0"
BASE = "atlas/roadmap/prompt_evals/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
        judge_messages(question, answer, rubric), temperature=0.0, json_schema=VERDICT_SCHEMA
""",
        """\
        judge_messages(question, answer, rubric), json_schema=VERDICT_SCHEMA
""",
    ),
]
