"""Wrong: run_agent never passes the json_schema, trusting the instructions alone.

The schema is what keeps a real model to the actions that exist.
"""

EXPECT = "json_schema"
BASE = "atlas/roadmap/agent_loop/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
    schema = {
        "type": "object",
        "required": ["action", "input"],
        "properties": {"action": {"enum": [FINAL, *sorted(tools)]}, "input": {"type": "string"}},
    }
""",
        """\
""",
    ),
    (
        """\
        reply = model.complete(messages, json_schema=schema)
""",
        """\
        reply = model.complete(messages)
""",
    ),
    (
        """\
        transcript.append(f"Observation: {observation}")
""",
        """\
        transcript.append(f"Observation: {observation}")


""",
    ),
]
