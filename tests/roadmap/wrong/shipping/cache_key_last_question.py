"""Wrong: the cache keys on the last question only, so the same question asked with other
context (another system message, a longer conversation) gets a stale reply.
"""

EXPECT = "different messages"
BASE = "atlas/roadmap/shipping/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
        key = json.dumps([list(messages), json_schema], sort_keys=True)
""",
        """\
        key = json.dumps([messages[-1]["content"], json_schema], sort_keys=True)
""",
    ),
]
