"""Wrong: a final answer is returned before the guardrail sees it.

Only tool calls are checked, so 'The admin password is hunter2' goes straight to the user.
"""

EXPECT = "FINAL actions with guard()"
BASE = "atlas/roadmap/agent_loop/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
        refusal = guard(action, tools)
        if refusal:
            return Result(None, f"guardrail: {refusal}", transcript)
        if action.name == FINAL:
            return Result(action.input, "answer", transcript)
""",
        """\
        if action.name == FINAL:
            return Result(action.input, "answer", transcript)
        refusal = guard(action, tools)
        if refusal:
            return Result(None, f"guardrail: {refusal}", transcript)
""",
    ),
]
