"""Done-when check for the mcp-server project. Run: make check P=mcp-server

It tests your copy, work/mcp_server.py (``make reference P=mcp-server`` tests the
reference solution). Everything runs in this process, or over standard input and output:
no network. Besides your server, the check builds a server of its own, with tools the
page does not show, so that your client and host code must work with any MCP server.
"""

import os
import sys
from pathlib import Path

import anyio
import pytest
from mcp import Client, StdioServerParameters
from mcp.server.mcpserver import MCPServer
from mcp.server.mcpserver.exceptions import ToolError

from atlas.llm import OfflineStandIn
from atlas.roadmap.checking import Scripted, load_reader_module, step

code = load_reader_module(__file__)
ROOT = Path(__file__).resolve().parents[3]
DESCRIPTION = "Define the AI engineering terms that appear in a text."
CANARY = "canary: a word that only the check's own server knows."


def line(term):
    return f"{term}: {code.GLOSSARY[term]}"


@pytest.mark.parametrize(
    "text, terms",
    [
        ("Are evals worth it before RAG?", ["RAG", "eval"]),
        ("What do llms and Rag have in common?", ["LLM", "RAG"]),
        ("FINE-TUNING or an Eval first?", ["eval", "fine-tuning"]),
        ("MCP, RAG, LLM: which comes first?", ["LLM", "RAG", "MCP"]),
    ],
)
def test_step1_search_glossary_finds_terms(text, terms):
    with step("Step 1, search_glossary"):
        found = code.search_glossary(text)
    expected = [line(term) for term in terms]
    assert found.splitlines() == expected, (
        f"search_glossary({text!r}) should give one 'TERM: definition' line for each of "
        f"{terms}, in GLOSSARY's order, in any case, plurals too; got {found!r}"
    )


@pytest.mark.parametrize(
    "text",
    [
        "What is the weather?",
        "I like ragtime and medical terms.",
        "An evaluation of the mcpx format by allmcp.",
    ],
)
def test_step1_search_glossary_says_when_nothing_matches(text):
    with step("Step 1, search_glossary"):
        found = code.search_glossary(text)
    assert found == code.NOTHING, (
        f"search_glossary({text!r}) should return NOTHING: terms count only as whole words "
        f"(a plural 's' allowed), got {found!r}"
    )


def server():
    with step("Step 2, build_server"):
        return code.build_server()


def other_server():
    """A server of the check's own, with tools your code has never seen."""
    other = MCPServer("check-tools")

    @other.tool(description="Shout the text back.")
    def shout(text: str) -> str:
        return text.upper() + "!"

    @other.tool(description="Always refuses, with the reason it is given.")
    def refuse(reason: str) -> str:
        raise ToolError(reason)

    @other.tool(description="Two results at once.")
    def pair() -> list[str]:
        return ["first half", "second half"]

    @other.tool(description="Stands in for the glossary tool.")
    def search_glossary(text: str) -> str:
        return CANARY

    return other


def test_step2_the_server_offers_the_tool():
    built = server()
    assert getattr(built, "name", None) == "atlas-glossary", (
        f"name the server 'atlas-glossary': MCPServer('atlas-glossary'), got {built!r}"
    )
    with step("Step 3a, describe_tools"):
        tools = code.describe_tools(built)
    glossary = [t for t in tools if t.get("name") == "search_glossary"]
    assert glossary, f"the server should offer a tool named 'search_glossary', got {tools}"
    assert glossary[0].get("description") == DESCRIPTION, (
        f"give the tool the description {DESCRIPTION!r}, got {glossary[0].get('description')!r}"
    )
    schema = glossary[0].get("input_schema") or {}
    assert schema.get("required") == ["text"], (
        f"the tool takes one required argument 'text' (its input schema is {schema})"
    )


def test_step3_describe_tools_lists_the_tools_of_the_server_it_is_given():
    with step("Step 3a, describe_tools"):
        tools = code.describe_tools(other_server())
    names = sorted(t.get("name") for t in tools)
    assert names == ["pair", "refuse", "search_glossary", "shout"], (
        "describe_tools(server) should list the tools of the server it is given, here the "
        f"check's own server (pair, refuse, search_glossary, shout); got {names}"
    )
    shout = next(t for t in tools if t["name"] == "shout")
    assert shout.get("description") == "Shout the text back.", (
        f"give each tool's description as the server reports it, got {shout.get('description')!r}"
    )
    assert (shout.get("input_schema") or {}).get("required") == ["text"], (
        f"give each tool's input_schema as the server reports it, got {shout.get('input_schema')}"
    )


def call_tool(built, name, arguments):
    with step("Step 3b, call_tool"):
        return code.call_tool(built, name, arguments)


def test_step3_call_tool_goes_through_an_mcp_client():
    text = call_tool(server(), "search_glossary", {"text": "What is an LLM?"})
    assert text == line("LLM"), f"call_tool should return the tool's text, got {text!r}"


@pytest.mark.parametrize(
    "name, arguments, expected",
    [
        ("shout", {"text": "hello"}, "HELLO!"),
        ("pair", {}, "first half\nsecond half"),
        ("search_glossary", {"text": "RAG"}, CANARY),
    ],
)
def test_step3_call_tool_calls_the_named_tool_of_the_server_it_is_given(name, arguments, expected):
    try:
        text = call_tool(other_server(), name, arguments)
    except RuntimeError as error:
        pytest.fail(
            f"call_tool(server, {name!r}, {arguments}) raised RuntimeError({str(error)!r}), "
            "but the check's own server offers that tool: connect the client to the server "
            "it is given and call the tool it names",
            pytrace=False,
        )
    assert text == expected, (
        f"call_tool(server, {name!r}, {arguments}) on the check's own server should return "
        f"{expected!r} (the text blocks joined with newlines), got {text!r}"
    )


@pytest.mark.parametrize(
    "which, name, arguments, says",
    [
        ("yours", "search_glossary", {}, "text"),
        ("other", "refuse", {"reason": "out of paper"}, "out of paper"),
        ("other", "no_such_tool", {}, "no_such_tool"),
    ],
)
def test_step3_a_bad_call_raises_with_the_tools_error_text(which, name, arguments, says):
    built = server() if which == "yours" else other_server()
    try:
        text = call_tool(built, name, arguments)
    except RuntimeError as error:
        assert says in str(error), (
            f"call_tool raised RuntimeError({str(error)!r}): give it the error text of the "
            f"result, which says {says!r}"
        )
        return
    pytest.fail(
        f"call_tool(server, {name!r}, {arguments}) returned {text!r}: when the result's "
        "is_error is true, raise RuntimeError with its text",
        pytrace=False,
    )


def test_step3_the_server_also_works_over_stdio():
    """What a real MCP host does: start your file as a process and talk over its pipes."""
    server()  # fail early, with the step's message, if Step 2 is not done
    module = Path(code.__file__)
    parameters = StdioServerParameters(
        command=sys.executable,
        args=[str(module)],
        cwd=str(ROOT),
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )

    async def talk():
        async with Client(parameters) as client:
            result = await client.call_tool("search_glossary", {"text": "MCP?"})
            return result.content[0].text

    text = anyio.run(talk)
    assert text == line("MCP"), (
        f"over standard input and output, search_glossary('MCP?') gave {text!r}: keep "
        "`build_server().run()` under `if __name__ == '__main__':`"
    )


def answer(model, built, question):
    with step("Step 4, answer"):
        return code.answer(model, built, question)


def test_step4_answer_uses_the_tool_result():
    built = server()
    reply = answer(OfflineStandIn(), built, "What does RAG mean?")
    assert reply == line("RAG"), (
        f"with the stand-in, answer should give the definition of RAG, got {reply!r}"
    )
    reply = answer(OfflineStandIn(), built, "What is the weather?")
    assert reply == code.NOTHING, f"a question with no glossary term gives NOTHING, got {reply!r}"


def test_step4_answer_asks_the_model_with_the_definitions_as_context():
    question = "Should I use RAG or fine-tuning?"
    model = Scripted("Start with RAG; fine-tune later if you must.")
    reply = answer(model, server(), question)
    assert model.calls, (
        "answer never called the model: ask it, with the definitions in the system message "
        "and the question as the user message"
    )
    assert reply == "Start with RAG; fine-tune later if you must.", (
        f"answer should return the model's reply, got {reply!r}"
    )
    messages = model.calls[0]["messages"]
    system = "\n".join(m["content"] for m in messages if m["role"] == "system")
    for term in ("RAG", "fine-tuning"):
        assert line(term) in system, (
            f"put the tool's result in the system message: {line(term)!r} is not there"
        )
    users = [m["content"] for m in messages if m["role"] == "user"]
    assert users and question in users[-1], (
        f"send the question {question!r} as the user message, got {users}"
    )


def test_step4_answer_calls_the_tool_through_the_mcp_server_it_is_given():
    model = Scripted("An answer.")
    answer(model, other_server(), "What does RAG mean?")
    assert model.calls, "answer never called the model: ask it, with the tool's result as context"
    sent = "\n".join(m["content"] for call in model.calls for m in call["messages"])
    assert CANARY in sent, (
        "answer(model, server, question) should call 'search_glossary' through the MCP "
        "server it is given (call_tool(server, ...)), not the Python function; the check's "
        f"own server answered {CANARY!r}, and that text never reached the model"
    )


def test_step4_no_term_means_no_model_call():
    model = Scripted("An invented answer.")
    reply = answer(model, server(), "Which cheese goes with pears?")
    assert reply == code.NOTHING and not model.calls, (
        "when the tool finds no term, return NOTHING without calling the model; got "
        f"{reply!r} after {len(model.calls)} model calls"
    )
