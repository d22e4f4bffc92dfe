"""Wrong: build_messages() puts only the context in the system message.

The instructions (SYSTEM) never reach the model, so nothing tells it to stay within the
context.
"""

EXPECT = "SYSTEM"
BASE = "atlas/roadmap/first_call/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        '        {"role": "system", "content": f"{SYSTEM}\\n{context}"},\n',
        """\
        {"role": "system", "content": context},
""",
    ),
    (
        '    """Step 4: ask for JSON matching the schema; try `attempts` times, then give up loudly."""\n',
        '    """Step 4: ask for JSON matching the schema; retry once, then give up loudly."""\n',
    ),
]
