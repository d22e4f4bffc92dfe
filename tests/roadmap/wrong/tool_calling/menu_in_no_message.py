"""Wrong: the first call offers the tool names in the schema but never describes the tools.

The model sees only the names (the stand-in happens to guess from them for the examples),
not the one-line descriptions that tool_spec made for exactly this purpose.
"""

EXPECT = "name: description"
BASE = "atlas/roadmap/tool_calling/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        "    menu = \"\\n\".join(f\"{s['name']}: {s['description']}\" for s in specs)\n",
        """\
""",
    ),
    (
        '            {"role": "system", "content": f"Pick the tool that answers the question.\\n{menu}"},\n',
        """\
            {"role": "system", "content": f"Pick the tool for: {question}"},
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
