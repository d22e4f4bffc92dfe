"""Wrong: call_tool raises RuntimeError without the error text of the tool's result.

The caller learns that something failed, never what.
"""

EXPECT = "error text"
BASE = "atlas/roadmap/mcp_server/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
        raise RuntimeError(text)
""",
        """\
        raise RuntimeError("the tool call failed")
""",
    ),
    (
        """\
    build_server().run()  # stdio: connect it from any MCP host
""",
        """\
    build_server().run()  # stdio: connect it from any MCP host

""",
    ),
]
