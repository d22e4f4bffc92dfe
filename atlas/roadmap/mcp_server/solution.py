"""The mcp-server project, reference solution: an MCP server exposing a tool (``mcp`` SDK 2.x).

Try ``starter.py`` first; compare with this file once your check passes or you are stuck.
Run the server for a real MCP host (it talks over standard input and output):

    python atlas/roadmap/mcp_server/solution.py
"""

import re
from typing import Any

import anyio
from mcp import Client
from mcp.server.mcpserver import MCPServer

from atlas.llm import ChatModel

GLOSSARY = {
    "LLM": "A large language model: a model trained on a great deal of text to continue it.",
    "RAG": "Retrieval-augmented generation: retrieved documents are put into the prompt.",
    "MCP": "The Model Context Protocol: a standard way to offer tools and data to a model.",
    "eval": "An evaluation: a set of cases that scores what a model or an application does.",
    "fine-tuning": "Further training of a trained model's weights on your own examples.",
}
NOTHING = "No glossary term found."


def search_glossary(text: str) -> str:
    """Step 1: define every glossary term that appears in ``text``, one per line."""
    found = [
        f"{term}: {definition}"
        for term, definition in GLOSSARY.items()
        if re.search(rf"(?<![\w-]){re.escape(term)}s?(?![\w-])", text, re.IGNORECASE)
    ]
    return "\n".join(found) if found else NOTHING


def build_server() -> MCPServer:
    """Step 2: an MCP server named "atlas-glossary" offering ``search_glossary`` as a tool."""
    server = MCPServer("atlas-glossary")
    server.tool(description="Define the AI engineering terms that appear in a text.")(
        search_glossary
    )
    return server


async def _describe(server: MCPServer) -> list[dict[str, Any]]:
    async with Client(server) as client:
        listed = await client.list_tools()
    return [
        {"name": t.name, "description": t.description, "input_schema": t.input_schema}
        for t in listed.tools
    ]


async def _call(server: MCPServer, name: str, arguments: dict[str, Any]) -> str:
    async with Client(server) as client:
        result = await client.call_tool(name, arguments)
    text = "\n".join(block.text for block in result.content if block.type == "text")
    if result.is_error:
        raise RuntimeError(text)
    return text


def describe_tools(server: MCPServer) -> list[dict[str, Any]]:
    """Step 3a: what an MCP client sees: each tool's name, description and input schema."""
    return anyio.run(_describe, server)


def call_tool(server: MCPServer, name: str, arguments: dict[str, Any]) -> str:
    """Step 3b: call a tool through an MCP client; a tool error raises RuntimeError."""
    return anyio.run(_call, server, name, arguments)


def answer(model: ChatModel, server: MCPServer, question: str) -> str:
    """Step 4: like an MCP host: call the tool, give its result to the model as context."""
    definitions = call_tool(server, "search_glossary", {"text": question})
    if definitions == NOTHING:
        return NOTHING
    return model.complete(
        [
            {"role": "system", "content": f"Answer with these definitions.\n{definitions}"},
            {"role": "user", "content": question},
        ]
    )


if __name__ == "__main__":
    build_server().run()  # stdio: connect it from any MCP host
