"""Valid: the stretch goal as written, a `language` field added to Ticket.

The check builds its test replies from your Ticket's schema, so the extra field must not
make it fail.
"""

BASE = "atlas/roadmap/first_call/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
    summary: str
""",
        """\
    summary: str
    language: Literal["en", "fr", "de"]
""",
    ),
    (
        '    """Step 4: ask for JSON matching the schema; try `attempts` times, then give up loudly."""\n',
        '    """Step 4: ask for JSON matching the schema; retry once, then give up loudly."""\n',
    ),
]
