"""Valid: the same behaviour written differently.

Terms are found by a word scan instead of one regular expression per term, one async
helper serves both client functions, and the host words its prompt its own way.
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
    words = set(re.findall(r"[\w-]+", text.lower()))
    lines = []
    for term, definition in GLOSSARY.items():
        if term.lower() in words or f"{term.lower()}s" in words:
            lines.append(f"{term}: {definition}")
    return "\n".join(lines) or NOTHING


def build_server() -> MCPServer:
    server = MCPServer(name="atlas-glossary")

    @server.tool(
        name="search_glossary", description="Define the AI engineering terms that appear in a text."
    )
    def tool(text: str) -> str:
        return search_glossary(text)

    return server


def _with_client(server: MCPServer, work):
    async def run():
        async with Client(server) as client:
            return await work(client)

    return anyio.run(run)


def describe_tools(server: MCPServer) -> list[dict[str, Any]]:
    async def work(client):
        return (await client.list_tools()).tools

    return [
        {"name": t.name, "description": t.description, "input_schema": t.input_schema}
        for t in _with_client(server, work)
    ]


def call_tool(server: MCPServer, name: str, arguments: dict[str, Any]) -> str:
    async def work(client):
        return await client.call_tool(name, arguments)

    result = _with_client(server, work)
    texts = [getattr(block, "text", None) for block in result.content]
    text = "\n".join(t for t in texts if t is not None)
    if result.is_error:
        raise RuntimeError(f"the tool {name} failed: {text}")
    return text


def answer(model: ChatModel, server: MCPServer, question: str) -> str:
    context = call_tool(server, "search_glossary", {"text": question})
    if context == NOTHING:
        return NOTHING
    system = f"You explain AI engineering terms. Use only the glossary entries below.\n\n{context}"
    return model.complete(
        [{"role": "system", "content": system}, {"role": "user", "content": question}],
        temperature=0.0,
    )


if __name__ == "__main__":
    build_server().run()
