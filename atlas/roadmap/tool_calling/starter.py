"""The tool-calling project: tool calling.

Fill in the four steps in order; after each, run the done-when check from the project's
root folder:

    make check P=tool-calling

The two example tools below are done: your code describes, checks and runs them.
"""

import inspect  # noqa: F401  (Step 1)
import json  # noqa: F401  (Steps 2 and 4)
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from atlas.llm import ChatModel

JSON_TYPES = {str: "string", int: "integer", float: "number", bool: "boolean"}
PYTHON_TYPES = {"string": (str,), "integer": (int,), "number": (int, float), "boolean": (bool,)}


NO_TOOL = "No tool fits this question."


class ToolError(ValueError):
    """A tool call that cannot run; the message is written to be sent back to the model."""


@dataclass(frozen=True)
class ToolCall:
    name: str
    arguments: dict[str, Any]


# Two example tools. Their docstrings and type hints are all the model gets to see.
ORDERS = {1234: "shipped on Monday", 5678: "waiting for payment"}


def lookup_order(order_id: int) -> str:
    """Look up the status of an order by its order number."""
    if order_id not in ORDERS:
        raise KeyError(f"no order {order_id}")
    return f"Order {order_id} is {ORDERS[order_id]}."


def shipping_cost(kilograms: float) -> str:
    """Work out the shipping cost of a parcel from its weight in kilograms."""
    return f"{4 + 1.5 * kilograms:.2f} euros"


TOOLS: dict[str, Callable[..., str]] = {f.__name__: f for f in (lookup_order, shipping_cost)}


def tool_spec(function: Callable[..., Any]) -> dict[str, Any]:
    """Step 1: describe a function as a tool: name, description and JSON Schema parameters."""
    raise NotImplementedError(
        "Step 1: return {'name': function.__name__, 'description': first line of the "
        "stripped docstring, 'parameters': {'type': 'object', 'properties': {param: {'type': "
        "JSON_TYPES[annotation]}}, 'required': [params without a default], "
        "'additionalProperties': False}}; inspect.signature(function) lists the parameters."
    )


def parse_call(reply: str, tools: dict[str, Callable[..., Any]]) -> ToolCall:
    """Step 2: turn a reply into a checked call, or raise ToolError saying what is wrong."""
    raise NotImplementedError(
        "Step 2: json.loads the reply ({'tool': name, 'arguments': {...}}); check it "
        "against the tools given, not TOOLS; raise ToolError whose message says 'not JSON', "
        "'unknown tool', 'missing' or 'unknown' arguments, or the expected JSON type "
        "('integer', 'number', 'string', 'boolean'; a bool is not a number, 12.5 is not an "
        "integer); anything else that is not such a call is a ToolError too; else return "
        "ToolCall(name, arguments)."
    )


def execute(call: ToolCall, tools: dict[str, Callable[..., Any]]) -> str:
    """Step 3: run the call; a tool that fails gives an error text, never a crash."""
    raise NotImplementedError(
        "Step 3: return str(tools[call.name](**call.arguments)); if the tool raises any "
        "exception, return 'Tool <name> failed: <ExceptionType>: <message>' instead."
    )


def run_turn(model: ChatModel, question: str, tools: dict[str, Callable[..., Any]]) -> str:
    """Step 4: let the model pick a tool and its arguments, then check and run the call."""
    raise NotImplementedError(
        "Step 4: ask the model to pick a tool with json_schema {'type': 'object', "
        "'properties': {'tool': {'enum': ['none', *sorted(tools)]}}}, a 'name: "
        "description' line per tool in the system message and the question as the user "
        "message; always follow the model's pick; 'none' returns NO_TOOL; then ask for the "
        "arguments with json_schema=tool_spec(tool)['parameters'] (user message: the "
        "question, then a line asking for the arguments); check them with parse_call "
        "(ToolError or bad JSON -> 'Tool error: ...') and run them with execute."
    )
