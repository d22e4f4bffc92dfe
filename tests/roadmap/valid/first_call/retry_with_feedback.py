"""Valid: other wording and structure; the retry tells the model what was wrong.

build_messages labels the context, ask passes temperature=0 (an int), parse_ticket uses
json.loads and the constructor, and extract_ticket keeps a conversation: each invalid
reply goes back to the model with a request to fix it.
"""

BASE = "atlas/roadmap/first_call/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        'Try ``starter.py`` first; compare with this file once your check passes or you are stuck.\n"""\n\n',
        'Try ``starter.py`` first; compare with this file once your check passes or you are stuck.\n"""\n\nimport json\n',
    ),
    (
        """\
from pydantic import BaseModel, ValidationError
""",
        """\
from pydantic import BaseModel
""",
    ),
    (
        '    """Step 1: instructions and context in a system message, the question as the user\'s."""\n    return [\n        {"role": "system", "content": f"{SYSTEM}\\n{context}"},\n        {"role": "user", "content": question},\n    ]\n',
        '    system = "\\n\\n".join([SYSTEM, "Context:", context])\n    return [dict(role="system", content=system), dict(role="user", content=question)]\n',
    ),
    (
        '    """Step 2: one call to the model, deterministic (temperature 0), reply trimmed."""\n    return model.complete(build_messages(context, question), temperature=0.0).strip()\n',
        """\
    reply = model.complete(build_messages(context, question), temperature=0)
    return reply.strip()
""",
    ),
    (
        '    """Step 3: validate a reply against the schema; ``None`` if it does not fit."""\n',
        """\
""",
    ),
    (
        """\
        return Ticket.model_validate_json(reply)
    except ValidationError:
""",
        """\
        data = json.loads(reply)
        if not isinstance(data, dict):
            return None
        return Ticket(**data)
    except (ValueError, TypeError):  # pydantic's ValidationError is a ValueError
""",
    ),
    (
        '    """Step 4: ask for JSON matching the schema; try `attempts` times, then give up loudly."""\n',
        """\
""",
    ),
    (
        '        {"role": "system", "content": "Turn the support email into a ticket."},\n        {"role": "user", "content": f"{email}\\nWhich category, is it urgent, and what happened?"},\n',
        """\
        {"role": "system", "content": "You file support emails as tickets, in JSON."},
        {"role": "user", "content": email},
""",
    ),
    (
        """\
    schema = Ticket.model_json_schema()
    for _ in range(attempts):
        ticket = parse_ticket(model.complete(messages, temperature=0.0, json_schema=schema))
        if ticket is not None:
""",
        """\
    tries = 0
    while tries < attempts:
        tries += 1
        reply = model.complete(messages, json_schema=Ticket.model_json_schema())
        ticket = parse_ticket(reply)
        if ticket:
""",
    ),
    (
        """\
    raise ValueError(f"no valid ticket after {attempts} attempts")
""",
        """\
        messages += [
            {"role": "assistant", "content": reply},
            {"role": "user", "content": "That did not match the schema. Reply with JSON only."},
        ]
    raise ValueError(f"gave up after {tries} invalid replies")
""",
    ),
]
