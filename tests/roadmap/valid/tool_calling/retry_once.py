"""Valid: the two stretch goals as the page words them.

A call that fails validation is sent back with the ToolError message for one corrected
try, and answer_turn() sends a tool's result back to the model for a final sentence
(run_turn itself still returns the tool's result, so the check applies unchanged).
"""

BASE = "atlas/roadmap/tool_calling/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
    try:
        call = parse_call(json.dumps({"tool": name, "arguments": json.loads(arguments)}), tools)
    except (ToolError, json.JSONDecodeError) as error:
        return f"Tool error: {error}"
    return execute(call, tools)
""",
        '    for attempt in range(2):\n        try:\n            call = parse_call(json.dumps({"tool": name, "arguments": json.loads(arguments)}), tools)\n            return execute(call, tools)\n        except (ToolError, json.JSONDecodeError) as error:\n            if attempt == 1:\n                return f"Tool error: {error}"\n            arguments = model.complete(\n                [\n                    {"role": "system", "content": f"Fill in the arguments of {name}."},\n                    {"role": "user", "content": f"{question}\\nYour last try was refused: {error}"},\n                ],\n                json_schema=spec["parameters"],\n            )\n    raise AssertionError("unreachable")\n\n\ndef answer_turn(model: ChatModel, question: str, tools: dict[str, Callable[..., Any]]) -> str:\n    """Stretch goal: let the model turn the tool result into a sentence."""\n    result = run_turn(model, question, tools)\n    if result == NO_TOOL:\n        return result\n    return model.complete(\n        [\n            {"role": "system", "content": f"A tool said: {result}"},\n            {"role": "user", "content": question},\n        ]\n    )\n',
    ),
]
