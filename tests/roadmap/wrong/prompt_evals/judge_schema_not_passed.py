"""Wrong: judge() asks for JSON in the prompt only, and never passes the schema.

The prompt's words are only a request; json_schema lets an API that supports structured
output hold the reply to the schema.
"""

EXPECT = "json_schema=VERDICT_SCHEMA"
BASE = "atlas/roadmap/prompt_evals/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
        judge_messages(question, answer, rubric), temperature=0.0, json_schema=VERDICT_SCHEMA
""",
        """\
        judge_messages(question, answer, rubric), temperature=0.0
""",
    ),
]
