"""Done-when check for project 5. Run: pytest snippets/roadmap/mcp_server/check.py

It tests starter.py; set ATLAS_SOLUTION=solution to see the reference pass. Everything
runs in this process, or over standard input and output: no network.
"""

import os
import sys
from pathlib import Path

import anyio
import pytest
from mcp import Client, StdioServerParameters

from snippets.llm import OfflineStandIn
from snippets.roadmap.checking import load_reader_module, step

code = load_reader_module(__file__)
ROOT = Path(__file__).resolve().parents[3]


def test_step1_search_glossary_finds_terms():
    with step("Step 1, search_glossary"):
        found = code.search_glossary("Are evals worth it before RAG?")
    assert found.splitlines() == [f"RAG: {code.GLOSSARY['RAG']}", f"eval: {code.GLOSSARY['eval']}"]


@pytest.mark.parametrize("text", ["What is the weather?", "I like ragtime and medical terms."])
def test_step1_search_glossary_says_when_nothing_matches(text):
    with step("Step 1, search_glossary"):
        assert code.search_glossary(text) == code.NOTHING


def server():
    with step("Step 2, build_server"):
        return code.build_server()


def test_step2_the_server_offers_the_tool():
    built = server()
    with step("Step 3a, describe_tools"):
        tools = code.describe_tools(built)
    assert [t["name"] for t in tools] == ["search_glossary"]
    assert tools[0]["description"] == "Define the AI engineering terms that appear in a text."
    assert tools[0]["input_schema"]["required"] == ["text"]


def test_step3_call_tool_goes_through_an_mcp_client():
    built = server()
    with step("Step 3b, call_tool"):
        text = code.call_tool(built, "search_glossary", {"text": "What is an LLM?"})
    assert text == f"LLM: {code.GLOSSARY['LLM']}"


def test_step3_a_bad_call_raises():
    built = server()
    with step("Step 3b, call_tool"), pytest.raises(RuntimeError):
        code.call_tool(built, "search_glossary", {})


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

    assert anyio.run(talk) == f"MCP: {code.GLOSSARY['MCP']}"


def test_step4_answer_uses_the_tool_result():
    built = server()
    with step("Step 4, answer"):
        reply = code.answer(OfflineStandIn(), built, "What does RAG mean?")
    assert reply == f"RAG: {code.GLOSSARY['RAG']}"
    with step("Step 4, answer"):
        assert code.answer(OfflineStandIn(), built, "What is the weather?") == code.NOTHING
