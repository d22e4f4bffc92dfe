"""Wrong: extract_ticket() never calls the model: it files the email by keyword.

It passes for the page's billing email and fails for any reply the model would give.
"""

EXPECT = "call model.complete"
BASE = "atlas/roadmap/first_call/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        '    """Step 4: ask for JSON matching the schema; try `attempts` times, then give up loudly."""\n    messages: list[Message] = [\n        {"role": "system", "content": "Turn the support email into a ticket."},\n        {"role": "user", "content": f"{email}\\nWhich category, is it urgent, and what happened?"},\n    ]\n    schema = Ticket.model_json_schema()\n    for _ in range(attempts):\n        ticket = parse_ticket(model.complete(messages, temperature=0.0, json_schema=schema))\n        if ticket is not None:\n            return ticket\n',
        '    """Step 4: ask for JSON matching the schema; retry once, then give up loudly."""\n    for category in ("billing", "shipping", "account"):\n        if category in email.lower():\n            return Ticket(category=category, urgent="urgent" in email.lower(), summary=email)\n',
    ),
]
