"""Wrong: ask() returns a hard-coded sentence instead of the model's reply.

It calls the model, then ignores the reply: it fits the page's one example (refunds take
5 days) and nothing else.
"""

EXPECT = "model's reply"
BASE = "atlas/roadmap/first_call/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
    return model.complete(build_messages(context, question), temperature=0.0).strip()
""",
        """\
    model.complete(build_messages(context, question), temperature=0.0)
    return "Refunds take 5 days."
""",
    ),
    (
        '    """Step 4: ask for JSON matching the schema; try `attempts` times, then give up loudly."""\n',
        '    """Step 4: ask for JSON matching the schema; retry once, then give up loudly."""\n',
    ),
]
