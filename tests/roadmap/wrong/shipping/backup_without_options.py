"""Wrong: the backup is called without temperature and json_schema, so a fallback reply
to a structured-output request is plain text.
"""

EXPECT = "pass temperature and json_schema on to the backup"
BASE = "atlas/roadmap/shipping/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
        return self.backup.complete(messages, temperature=temperature, json_schema=json_schema)
""",
        """\
        return self.backup.complete(messages)
""",
    ),
]
