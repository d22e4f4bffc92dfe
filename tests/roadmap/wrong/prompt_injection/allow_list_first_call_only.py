"""Wrong: the allow-list is checked on the first call of a turn only.

After a first allowed call, later calls are checked against every tool the application
has. A tool result carrying an injected instruction then gets the model to call a tool
the task was never meant to have.
"""

EXPECT = "not only the first"
BASE = "atlas/roadmap/prompt_injection/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
    for _ in range(MAX_STEPS):
""",
        """\
    for turn in range(MAX_STEPS):
""",
    ),
    (
        """\
            call = validate_call(reply, tools, allowed)
""",
        """\
            call = validate_call(reply, tools, allowed if turn == 0 else set(tools))
""",
    ),
]
