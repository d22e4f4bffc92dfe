"""Wrong: parse_ticket() builds a Ticket without validating it.

model_construct() skips validation, so an unknown category or a missing field slips
through as a Ticket.
"""

EXPECT = "return None when a reply does not fit"
BASE = "atlas/roadmap/first_call/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        'Try ``starter.py`` first; compare with this file once your check passes or you are stuck.\n"""\n\n',
        'Try ``starter.py`` first; compare with this file once your check passes or you are stuck.\n"""\n\nimport json\n',
    ),
    (
        """\
        return Ticket.model_validate_json(reply)
    except ValidationError:
""",
        """\
        return Ticket.model_construct(**json.loads(reply))
    except (ValidationError, ValueError, TypeError):
""",
    ),
    (
        '    """Step 4: ask for JSON matching the schema; try `attempts` times, then give up loudly."""\n',
        '    """Step 4: ask for JSON matching the schema; retry once, then give up loudly."""\n',
    ),
]
