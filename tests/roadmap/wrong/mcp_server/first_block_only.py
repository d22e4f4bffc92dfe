"""Wrong: call_tool returns only the first text block of a result.

A tool whose result has several blocks loses all but the first.
"""

EXPECT = "joined with newlines"
BASE = "atlas/roadmap/mcp_server/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        '    text = "\\n".join(block.text for block in result.content if block.type == "text")\n',
        """\
    text = result.content[0].text if result.content else ""
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
