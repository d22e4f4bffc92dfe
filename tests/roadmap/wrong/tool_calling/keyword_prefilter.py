"""Wrong: run_turn answers NO_TOOL itself when no tool description shares a word with it.

A shortcut fitted to the visible examples (it saves a model call for the weather question)
that decides for the model: 'Say hello to Ada' never reaches greet ('Greet someone.').
"""

EXPECT = "ask the model"
BASE = "atlas/roadmap/tool_calling/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
    specs = [tool_spec(f) for f in tools.values()]
""",
        """\
    specs = [tool_spec(f) for f in tools.values()]
    asked = {w.strip("?.,!").lower() for w in question.split()}
    if not any(asked & set(s["description"].lower().rstrip(".").split()) for s in specs):
        return NO_TOOL  # no tool is about this question: skip the model call
""",
    ),
    (
        """\
    return execute(call, tools)
""",
        """\
    return execute(call, tools)


""",
    ),
]
