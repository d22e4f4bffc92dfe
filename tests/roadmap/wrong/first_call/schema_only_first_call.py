"""Wrong: extract_ticket() sends the JSON schema on the first call only.

The retry asks for the same ticket without saying what shape it must have.
"""

EXPECT = "json_schema=Ticket.model_json_schema() on every call"
BASE = "atlas/roadmap/first_call/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        '    """Step 4: ask for JSON matching the schema; try `attempts` times, then give up loudly."""\n',
        '    """Step 4: ask for JSON matching the schema; retry once, then give up loudly."""\n',
    ),
    (
        """\
    for _ in range(attempts):
        ticket = parse_ticket(model.complete(messages, temperature=0.0, json_schema=schema))
""",
        """\
    for attempt in range(attempts):
        options = {"json_schema": schema} if attempt == 0 else {}
        ticket = parse_ticket(model.complete(messages, temperature=0.0, **options))
""",
    ),
]
