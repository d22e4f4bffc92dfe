"""Wrong: parse_call accepts any JSON number for an integer parameter.

order_id=12.5 reaches the tool; JSON does tell 12 from 12.5, and so should the check.
"""

EXPECT = "integer"
BASE = "atlas/roadmap/tool_calling/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
PYTHON_TYPES = {"string": (str,), "integer": (int,), "number": (int, float), "boolean": (bool,)}
""",
        """\
PYTHON_TYPES = {
    "string": (str,),
    "integer": (int, float),
    "number": (int, float),
    "boolean": (bool,),
}
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
