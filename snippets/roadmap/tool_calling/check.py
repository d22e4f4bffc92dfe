"""Done-when check for project 4. Run: pytest snippets/roadmap/tool_calling/check.py

It tests starter.py; set ATLAS_SOLUTION=solution to see the reference pass.
"""

import json

import pytest

from snippets.llm import OfflineStandIn
from snippets.roadmap.checking import load_reader_module, step

code = load_reader_module(__file__)


def greet(name: str, times: int = 1, loud: bool = False) -> str:
    """Greet someone.

    More detail that the model does not need.
    """
    return ("HELLO " if loud else "Hello ") * times + name


def test_step1_tool_spec_describes_a_function():
    with step("Step 1, tool_spec"):
        spec = code.tool_spec(greet)
    assert spec["name"] == "greet"
    assert spec["description"] == "Greet someone."
    assert spec["parameters"]["properties"] == {
        "name": {"type": "string"},
        "times": {"type": "integer"},
        "loud": {"type": "boolean"},
    }
    assert spec["parameters"]["required"] == ["name"], "parameters with defaults are optional"
    assert spec["parameters"]["additionalProperties"] is False


def test_step1_the_example_tools():
    with step("Step 1, tool_spec"):
        spec = code.tool_spec(code.shipping_cost)
    assert spec["parameters"]["properties"] == {"kilograms": {"type": "number"}}


def call(tool, **arguments):
    return json.dumps({"tool": tool, "arguments": arguments})


def test_step2_parse_call_accepts_a_good_call():
    with step("Step 2, parse_call"):
        parsed = code.parse_call(call("lookup_order", order_id=1234), code.TOOLS)
    assert parsed == code.ToolCall("lookup_order", {"order_id": 1234})
    with step("Step 2, parse_call"):
        parsed = code.parse_call(call("shipping_cost", kilograms=2), code.TOOLS)
    assert parsed.arguments == {"kilograms": 2}, "an integer is a valid JSON number"


@pytest.mark.parametrize(
    "reply, says",
    [
        ("lookup order 1234 please", "JSON"),
        (call("delete_everything"), "unknown tool"),
        (call("lookup_order"), "missing"),
        (call("lookup_order", order_id=1, force=True), "unknown"),
        (call("lookup_order", order_id="1234"), "integer"),
        (call("shipping_cost", kilograms=True), "number"),
    ],
)
def test_step2_parse_call_refuses_bad_calls_with_a_reason(reply, says):
    with step("Step 2, parse_call"), pytest.raises(code.ToolError, match=says):
        code.parse_call(reply, code.TOOLS)


def test_step3_execute_runs_the_tool():
    with step("Step 3, execute"):
        result = code.execute(code.ToolCall("lookup_order", {"order_id": 5678}), code.TOOLS)
    assert result == "Order 5678 is waiting for payment."


def test_step3_a_failing_tool_becomes_a_message():
    with step("Step 3, execute"):
        result = code.execute(code.ToolCall("lookup_order", {"order_id": 1}), code.TOOLS)
    assert result.startswith("Tool lookup_order failed: KeyError")


@pytest.mark.parametrize(
    "question, expected",
    [
        ("Where is my order 1234?", "Order 1234 is shipped on Monday."),
        ("What does shipping cost for a parcel of 2.5 kilograms?", "7.75 euros"),
        ("What is the weather like?", "No tool fits this question."),
    ],
)
def test_step4_run_turn_with_the_standin(question, expected):
    with step("Step 4, run_turn"):
        assert code.run_turn(OfflineStandIn(), question, code.TOOLS) == expected


class Scripted:
    def __init__(self, *replies):
        self.replies = list(replies)
        self.schemas = []

    def complete(self, messages, *, temperature=0.0, json_schema=None):
        self.schemas.append(json_schema)
        return self.replies.pop(0)


def test_step4_a_bad_call_from_the_model_is_reported_not_run():
    model = Scripted('{"tool": "lookup_order"}', '{"order_id": "all of them"}')
    with step("Step 4, run_turn"):
        result = code.run_turn(model, "Show me every order", code.TOOLS)
    assert result.startswith("Tool error:") and "integer" in result
    assert model.schemas[0]["properties"]["tool"]["enum"][0] == "none"
    assert model.schemas[1] == code.tool_spec(code.lookup_order)["parameters"]
