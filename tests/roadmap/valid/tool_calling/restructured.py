"""Valid: the same behaviour written differently.

Type hints come from typing.get_type_hints, validation is a table of checks, the prompts
are worded differently and the temperature is passed explicitly.
"""

import inspect
import json
import typing
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
    hints = typing.get_type_hints(function)
    parameters = inspect.signature(function).parameters
    lines = [line.strip() for line in (function.__doc__ or "").splitlines() if line.strip()]
    return {
        "name": function.__name__,
        "description": lines[0] if lines else "",
        "parameters": {
            "type": "object",
            "properties": {p: {"type": JSON_TYPES[hints[p]]} for p in parameters},
            "required": [p for p, v in parameters.items() if v.default is v.empty],
            "additionalProperties": False,
        },
    }


def _type_ok(value: Any, expected: str) -> bool:
    if isinstance(value, bool):
        return expected == "boolean"
    return isinstance(value, PYTHON_TYPES[expected])


def parse_call(reply: str, tools: dict[str, Callable[..., Any]]) -> ToolCall:
    try:
        data = json.loads(reply)
    except ValueError as error:
        raise ToolError(f"not JSON ({error})") from None
    if not isinstance(data, dict):
        raise ToolError("expected a JSON object with 'tool' and 'arguments'")
    name = data.get("tool")
    arguments = data.get("arguments", {})
    if not isinstance(arguments, dict):
        raise ToolError("'arguments' must be a JSON object")
    if not isinstance(name, str) or name not in tools:
        raise ToolError(f"unknown tool {name!r}")
    schema = tool_spec(tools[name])["parameters"]
    problems = [f"missing argument {p!r}" for p in schema["required"] if p not in arguments]
    problems += [f"unknown argument {p!r}" for p in arguments if p not in schema["properties"]]
    problems += [
        f"{p!r} should be {schema['properties'][p]['type']}"
        for p, v in arguments.items()
        if p in schema["properties"] and not _type_ok(v, schema["properties"][p]["type"])
    ]
    if problems:
        raise ToolError(f"{name}: " + "; ".join(problems))
    return ToolCall(name, dict(arguments))


def execute(call: ToolCall, tools: dict[str, Callable[..., Any]]) -> str:
    function = tools[call.name]
    try:
        output = function(**call.arguments)
    except BaseException as error:  # noqa: BLE001
        if not isinstance(error, Exception):
            raise
        return f"Tool {call.name} failed: {error.__class__.__name__}: {error}"
    return f"{output}"


def run_turn(model: ChatModel, question: str, tools: dict[str, Callable[..., Any]]) -> str:
    specs = {name: tool_spec(function) for name, function in tools.items()}
    lines = [f"{name}: {spec['description']}" for name, spec in specs.items()]
    pick = model.complete(
        [
            {"role": "system", "content": "Tools you may use:\n" + "\n".join(lines)},
            {"role": "user", "content": question},
        ],
        temperature=0,
        json_schema={"type": "object", "properties": {"tool": {"enum": ["none", *sorted(tools)]}}},
    )
    try:
        name = json.loads(pick).get("tool")
    except (ValueError, AttributeError):
        name = None
    if name == "none":
        return NO_TOOL
    if name not in specs:
        return f"Tool error: no such tool {name!r}"
    filled = model.complete(
        [
            {"role": "system", "content": f"The tool {name} was chosen."},
            {"role": "user", "content": f"{question}\nGive the arguments for {name}."},
        ],
        temperature=0,
        json_schema=specs[name]["parameters"],
    )
    try:
        arguments = json.loads(filled)
        checked = parse_call(json.dumps({"tool": name, "arguments": arguments}), tools)
    except ValueError as error:  # ToolError and JSONDecodeError are both ValueErrors
        return f"Tool error: {error}"
    return execute(checked, tools)
