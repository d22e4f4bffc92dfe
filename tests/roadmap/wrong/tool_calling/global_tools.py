"""Wrong: run_turn and parse_call use the module's TOOLS instead of the tools they are given.

Works for the two example tools, which is all the old check ever passed in; any other set
of tools is described wrongly and refused.
"""

EXPECT = "the tools"
BASE = "atlas/roadmap/tool_calling/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
    if name not in tools:
        raise ToolError(f"unknown tool {name!r}; the tools are {sorted(tools)}")
    schema = tool_spec(tools[name])["parameters"]
""",
        """\
    if name not in TOOLS:
        raise ToolError(f"unknown tool {name!r}; the tools are {sorted(TOOLS)}")
    schema = tool_spec(TOOLS[name])["parameters"]
""",
    ),
    (
        """\
    specs = [tool_spec(f) for f in tools.values()]
""",
        """\
    specs = [tool_spec(f) for f in TOOLS.values()]
""",
    ),
    (
        """\
            "properties": {"tool": {"enum": ["none", *sorted(tools)]}},
""",
        """\
            "properties": {"tool": {"enum": ["none", *sorted(TOOLS)]}},
""",
    ),
    (
        """\
    return execute(call, tools)
""",
        """\
    return execute(call, TOOLS)


""",
    ),
]
