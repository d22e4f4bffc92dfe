"""Valid: the first two stretch goals as the page words them.

A second tool, add_term(term, definition), and the glossary offered as an MCP resource as
well as a tool, with read_glossary() reading it back through a client.
"""

BASE = "atlas/roadmap/mcp_server/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
        search_glossary
    )
""",
        '        search_glossary\n    )\n    server.tool(description="Add a term to the glossary (trusted callers only).")(add_term)\n\n    @server.resource("glossary://terms", description="Every term with its definition.")\n    def glossary_resource() -> str:\n        return "\\n".join(f"{term}: {text}" for term, text in GLOSSARY.items())\n\n',
    ),
    (
        """\
    return server
""",
        '    return server\n\n\ndef add_term(term: str, definition: str) -> str:\n    """Add or replace a glossary term."""\n    GLOSSARY[term] = definition\n    return f"Added {term}."\n\n\ndef read_glossary(server: MCPServer) -> str:\n    """Read the glossary resource through an MCP client."""\n\n    async def read() -> str:\n        async with Client(server) as client:\n            result = await client.read_resource("glossary://terms")\n        return "\\n".join(part.text for part in result.contents)\n\n    return anyio.run(read)\n',
    ),
]
