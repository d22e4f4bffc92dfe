"""Wrong: answer() calls the Python function search_glossary directly, not the tool through MCP.

It ignores the server it is given: a host that talks MCP never sees the tool being used.
"""

EXPECT = "through the MCP server"
BASE = "atlas/roadmap/mcp_server/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
    definitions = call_tool(server, "search_glossary", {"text": question})
""",
        """\
    definitions = search_glossary(question)
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
