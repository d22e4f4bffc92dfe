"""The mcp-server project: an MCP server exposing a tool, with the official ``mcp`` SDK (2.x).

Fill in the steps in order; after each, run the done-when check from the project's root
folder:

    make check P=mcp-server

In mcp 2.x the server class is ``MCPServer`` (it was ``FastMCP`` in 1.x) and the client
is ``Client``, which can talk to a server object in the same process.
"""

import re  # noqa: F401  (Step 1)
from typing import Any

import anyio  # noqa: F401  (Step 3)
from mcp import Client  # noqa: F401  (Step 3)
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
    raise NotImplementedError(
        "Step 1: for each GLOSSARY term found in the text as a whole word (any case, a "
        "plural 's' allowed), add a line 'TERM: definition' (in GLOSSARY's order); return "
        "the lines joined with newlines, or NOTHING when no term is found."
    )


def build_server() -> MCPServer:
    """Step 2: an MCP server named "atlas-glossary" offering ``search_glossary`` as a tool."""
    raise NotImplementedError(
        "Step 2: create MCPServer('atlas-glossary') and register search_glossary with "
        "server.tool(description='Define the AI engineering terms that appear in a "
        "text.'); return the server."
    )


def describe_tools(server: MCPServer) -> list[dict[str, Any]]:
    """Step 3a: what an MCP client sees: each tool's name, description and input schema."""
    raise NotImplementedError(
        "Step 3a: in an async function, `async with Client(server) as client:` (the "
        "server you are given, whatever its tools) then "
        "`await client.list_tools()`; return [{'name', 'description', 'input_schema'}] "
        "for each tool; run the async function with anyio.run."
    )


def call_tool(server: MCPServer, name: str, arguments: dict[str, Any]) -> str:
    """Step 3b: call a tool through an MCP client; a tool error raises RuntimeError."""
    raise NotImplementedError(
        "Step 3b: `await client.call_tool(name, arguments)`; join the .text of the "
        "result's text content blocks with newlines; if result.is_error, raise "
        "RuntimeError(text) with that error text."
    )


def answer(model: ChatModel, server: MCPServer, question: str) -> str:
    """Step 4: like an MCP host: call the tool, give its result to the model as context."""
    raise NotImplementedError(
        "Step 4: call_tool(server, 'search_glossary', {'text': question}) (through MCP, "
        "not the function); if it returns NOTHING, return NOTHING without calling the "
        "model; else return the model's reply to the definitions in the system message "
        "and the question as the user message."
    )


if __name__ == "__main__":
    build_server().run()  # stdio: connect it from any MCP host
