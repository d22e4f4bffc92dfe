"""The tool-calling project, reference solution: tool calling.

Try ``starter.py`` first; compare with this file once your check passes or you are stuck.
"""

import inspect
import json
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
    properties, required = {}, []
    for name, parameter in inspect.signature(function).parameters.items():
        properties[name] = {"type": JSON_TYPES[parameter.annotation]}
        if parameter.default is inspect.Parameter.empty:
            required.append(name)
    return {
        "name": function.__name__,
        "description": (function.__doc__ or "").strip().splitlines()[0],
        "parameters": {
            "type": "object",
            "properties": properties,
            "required": required,
            "additionalProperties": False,
        },
    }


def parse_call(reply: str, tools: dict[str, Callable[..., Any]]) -> ToolCall:
    """Step 2: turn a reply into a checked call, or raise ToolError saying what is wrong."""
    try:
        data = json.loads(reply)
    except json.JSONDecodeError as error:
        raise ToolError(f"the call is not JSON: {error.msg}") from error
    if not isinstance(data, dict) or not isinstance(data.get("arguments", {}), dict):
        raise ToolError('a call looks like {"tool": "name", "arguments": {...}}')
    name, arguments = data.get("tool"), data.get("arguments", {})
    if name not in tools:
        raise ToolError(f"unknown tool {name!r}; the tools are {sorted(tools)}")
    schema = tool_spec(tools[name])["parameters"]
    missing = [p for p in schema["required"] if p not in arguments]
    unknown = [p for p in arguments if p not in schema["properties"]]
    if missing or unknown:
        raise ToolError(f"{name}: missing arguments {missing}, unknown arguments {unknown}")
    for key, value in arguments.items():
        expected = schema["properties"][key]["type"]
        wrong_bool = isinstance(value, bool) and expected != "boolean"
        if wrong_bool or not isinstance(value, PYTHON_TYPES[expected]):
            raise ToolError(f"{name}: argument {key!r} must be a {expected}, not {value!r}")
    return ToolCall(name, arguments)


def execute(call: ToolCall, tools: dict[str, Callable[..., Any]]) -> str:
    """Step 3: run the call; a tool that fails gives an error text, never a crash."""
    try:
        return str(tools[call.name](**call.arguments))
    except Exception as error:  # the model, not the user, reads this and may retry
        return f"Tool {call.name} failed: {type(error).__name__}: {error}"


def run_turn(model: ChatModel, question: str, tools: dict[str, Callable[..., Any]]) -> str:
    """Step 4: let the model pick a tool and its arguments, then check and run the call."""
    specs = [tool_spec(f) for f in tools.values()]
    menu = "\n".join(f"{s['name']}: {s['description']}" for s in specs)
    choice = model.complete(
        [
            {"role": "system", "content": f"Pick the tool that answers the question.\n{menu}"},
            {"role": "user", "content": question},
        ],
        # "none" comes first: a model with nothing to go on should not call a tool.
        json_schema={
            "type": "object",
            "properties": {"tool": {"enum": ["none", *sorted(tools)]}},
            "required": ["tool"],
        },
    )
    try:
        name = json.loads(choice)["tool"]
    except (json.JSONDecodeError, KeyError, TypeError):
        return f"Tool error: the model did not pick a tool ({choice[:80]!r})"
    if name == "none":
        return NO_TOOL
    spec = next((s for s in specs if s["name"] == name), None)
    if spec is None:
        return f"Tool error: unknown tool {name!r}"
    arguments = model.complete(
        [
            {
                "role": "system",
                "content": f"Fill in the arguments of {name}: {spec['description']}",
            },
            {"role": "user", "content": f"{question}\nWhat are the arguments?"},
        ],
        json_schema=spec["parameters"],
    )
    try:
        call = parse_call(json.dumps({"tool": name, "arguments": json.loads(arguments)}), tools)
    except (ToolError, json.JSONDecodeError) as error:
        return f"Tool error: {error}"
    return execute(call, tools)
