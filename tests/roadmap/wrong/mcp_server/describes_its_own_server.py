"""Wrong: describe_tools and call_tool ignore the server they are given and build their own.

Fine for the glossary server, wrong for any other: a client lists and calls the server it
is connected to.
"""

EXPECT = "server it is given"
BASE = "atlas/roadmap/mcp_server/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
async def _describe(server: MCPServer) -> list[dict[str, Any]]:
    async with Client(server) as client:
""",
        """\
async def _describe(server: MCPServer) -> list[dict[str, Any]]:
    async with Client(build_server()) as client:
""",
    ),
    (
        """\
async def _call(server: MCPServer, name: str, arguments: dict[str, Any]) -> str:
    async with Client(server) as client:
""",
        """\
async def _call(server: MCPServer, name: str, arguments: dict[str, Any]) -> str:
    async with Client(build_server()) as client:
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
