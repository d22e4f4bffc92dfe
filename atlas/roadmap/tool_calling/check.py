"""Done-when check for the tool-calling project. Run: make check P=tool-calling

It tests your copy, work/tool_calling.py (``make reference P=tool-calling`` tests the
reference solution). Besides the two example tools, it uses tools of its own that the
page does not show, so your code must work with whatever tools it is given. The models
are the offline stand-in and scripted test doubles that record every call.
"""

import functools
import json

import pytest

from atlas.llm import OfflineStandIn
from atlas.roadmap.checking import Scripted, load_reader_module, step

code = load_reader_module(__file__)


def greet(name: str, times: int = 1, loud: bool = False) -> str:
    """Greet someone.

    More detail that the model does not need.
    """
    return ("HELLO " if loud else "Hello ") * times + name


def convert(amount: float, currency: str) -> str:
    """
    Convert an amount of euros into another currency.
    """
    rates = {"USD": 1.1, "GBP": 0.85}
    return f"{amount * rates[currency]:.2f} {currency}"


def divide(a: int, b: int) -> str:
    """Divide one whole number by another, rounding down."""
    return str(a // b)


# The check's own tools: not the starter's, so nothing can be fitted to them.
OTHER_TOOLS = {"greet": greet, "convert": convert, "divide": divide}


def call(tool, **arguments):
    return json.dumps({"tool": tool, "arguments": arguments})


def test_step1_tool_spec_describes_a_function():
    with step("Step 1, tool_spec"):
        spec = code.tool_spec(greet)
    assert spec.get("name") == "greet", f"'name' must be the function's name, got {spec!r}"
    assert spec.get("description") == "Greet someone.", (
        f"'description' must be the first line of the docstring, got {spec.get('description')!r}"
    )
    parameters = spec.get("parameters", {})
    assert parameters.get("type") == "object", "'parameters' must have 'type': 'object'"
    assert parameters.get("properties") == {
        "name": {"type": "string"},
        "times": {"type": "integer"},
        "loud": {"type": "boolean"},
    }, f"'properties' must map each parameter to its JSON type, got {parameters.get('properties')}"
    assert parameters.get("required") == ["name"], (
        f"only parameters without a default are 'required', got {parameters.get('required')}"
    )
    assert parameters.get("additionalProperties") is False, (
        "set 'additionalProperties': False so that no unknown argument is allowed"
    )


def test_step1_a_docstring_that_starts_on_its_own_line():
    with step("Step 1, tool_spec"):
        spec = code.tool_spec(convert)
    assert spec.get("description") == "Convert an amount of euros into another currency.", (
        "strip the docstring before taking its first line: this one starts with a line break, "
        f"and the description came out as {spec.get('description')!r}"
    )
    parameters = spec.get("parameters", {})
    assert parameters.get("required") == ["amount", "currency"], (
        "'required' lists the parameters without a default, in the signature's order; got "
        f"{parameters.get('required')}"
    )
    assert parameters.get("properties") == {
        "amount": {"type": "number"},
        "currency": {"type": "string"},
    }, f"a float is a JSON 'number', a str a 'string'; got {parameters.get('properties')}"


def test_step1_the_example_tools():
    with step("Step 1, tool_spec"):
        spec = code.tool_spec(code.shipping_cost)
    properties = spec.get("parameters", {}).get("properties")
    assert properties == {"kilograms": {"type": "number"}}, (
        f"shipping_cost(kilograms: float) takes one JSON number, got {properties}"
    )


@pytest.mark.parametrize(
    "reply, tools, expected",
    [
        (call("lookup_order", order_id=1234), "TOOLS", ("lookup_order", {"order_id": 1234})),
        (call("shipping_cost", kilograms=2), "TOOLS", ("shipping_cost", {"kilograms": 2})),
        (call("convert", amount=10, currency="USD"), "OTHER", None),
        (call("greet", name="Ada"), "OTHER", None),
        (call("greet", name="Ada", times=2, loud=True), "OTHER", None),
        ('{"tool": "divide", "arguments": {"a": 7, "b": 2}}', "OTHER", None),
    ],
)
def test_step2_parse_call_accepts_a_good_call(reply, tools, expected):
    given = code.TOOLS if tools == "TOOLS" else OTHER_TOOLS
    data = json.loads(reply)
    expected = expected or (data["tool"], data["arguments"])
    with step("Step 2, parse_call"):
        try:
            parsed = code.parse_call(reply, given)
        except code.ToolError as error:
            pytest.fail(
                f"parse_call(reply, tools) refused a valid call of {data['tool']!r}, one of "
                f"the tools it was given ({sorted(given)}): ToolError: {error}. (An integer "
                "is a valid number; optional arguments may be left out.)",
                pytrace=False,
            )
    assert parsed == code.ToolCall(*expected), (
        f"parse_call should return ToolCall{expected}, got {parsed!r}"
    )


@pytest.mark.parametrize(
    "reply, tools, says",
    [
        ("lookup order 1234 please", "TOOLS", "JSON"),
        ('{"tool": "lookup_order", "arguments": {"order_id": 1', "TOOLS", "JSON"),
        (call("delete_everything"), "TOOLS", "unknown tool"),
        (call("lookup_order", order_id=1234), "OTHER", "unknown tool"),
        (call("lookup_order"), "TOOLS", "missing"),
        (call("convert", amount=5), "OTHER", "missing"),
        (call("lookup_order", order_id=1, force=True), "TOOLS", "unknown"),
        (call("greet", name="Ada", volume=11), "OTHER", "unknown"),
        (call("lookup_order", order_id="1234"), "TOOLS", "integer"),
        (call("lookup_order", order_id=12.5), "TOOLS", "integer"),
        (call("greet", name="Ada", times=True), "OTHER", "integer"),
        (call("shipping_cost", kilograms=True), "TOOLS", "number"),
        (call("convert", amount="ten", currency="USD"), "OTHER", "number"),
        (call("greet", name=7), "OTHER", "string"),
        (call("greet", name="Ada", loud="yes"), "OTHER", "boolean"),
        ('["lookup_order", 1234]', "TOOLS", ""),
        ('{"tool": "lookup_order", "arguments": [1234]}', "TOOLS", ""),
    ],
)
def test_step2_parse_call_refuses_bad_calls_with_a_reason(reply, tools, says):
    given = code.TOOLS if tools == "TOOLS" else OTHER_TOOLS
    with step("Step 2, parse_call"):
        try:
            parsed = code.parse_call(reply, given)
        except code.ToolError as error:
            assert says.lower() in str(error).lower(), (
                f"parse_call refused {reply!r} but its ToolError message {str(error)!r} does "
                f"not say {says!r}: name the problem so that a model can correct itself"
            )
            return
        except Exception as error:  # noqa: BLE001  (any other exception is the mistake)
            pytest.fail(
                f"parse_call raised {type(error).__name__} for {reply!r}: raise ToolError "
                "with a reason instead",
                pytrace=False,
            )
    pytest.fail(
        f"parse_call accepted {reply!r} (tools {sorted(given)}) and returned {parsed!r}: "
        f"raise ToolError saying {says or 'what a call looks like'!r}",
        pytrace=False,
    )


def run_execute(tool_call, tools):
    with step("Step 3, execute"):
        try:
            return code.execute(tool_call, tools)
        except Exception as error:  # noqa: BLE001  (the crash is what the check reports)
            pytest.fail(
                f"execute let {type(error).__name__} from the tool {tool_call.name!r} escape: "
                f"catch every exception a tool raises and return 'Tool {tool_call.name} "
                f"failed: {type(error).__name__}: <message>'",
                pytrace=False,
            )


@pytest.mark.parametrize(
    "tool_call, tools, expected",
    [
        (code.ToolCall("lookup_order", {"order_id": 5678}), "TOOLS", "Order 5678 is waiting "),
        (code.ToolCall("convert", {"amount": 10, "currency": "USD"}), "OTHER", "11.00 USD"),
        (code.ToolCall("greet", {"name": "Ada", "times": 2}), "OTHER", "Hello Hello Ada"),
    ],
)
def test_step3_execute_runs_the_tool(tool_call, tools, expected):
    result = run_execute(tool_call, code.TOOLS if tools == "TOOLS" else OTHER_TOOLS)
    assert isinstance(result, str) and result.startswith(expected), (
        f"execute should return the tool's result as text, {expected!r}..., got {result!r}"
    )


@pytest.mark.parametrize(
    "tool_call, tools, error",
    [
        (code.ToolCall("lookup_order", {"order_id": 1}), "TOOLS", KeyError("no order 1")),
        (code.ToolCall("divide", {"a": 1, "b": 0}), "OTHER", ZeroDivisionError()),
        (code.ToolCall("convert", {"amount": 1, "currency": "XYZ"}), "OTHER", KeyError("XYZ")),
    ],
)
def test_step3_a_failing_tool_becomes_a_message(tool_call, tools, error):
    result = run_execute(tool_call, code.TOOLS if tools == "TOOLS" else OTHER_TOOLS)
    start = f"Tool {tool_call.name} failed: {type(error).__name__}: "
    assert isinstance(result, str) and result.startswith(start), (
        f"a tool that raises should give 'Tool <name> failed: <ExceptionType>: <message>', "
        f"here {start}..., got {result!r}"
    )
    if error.args:
        assert str(error) in result, f"include the exception's message {str(error)!r}: {result!r}"


@pytest.mark.parametrize(
    "question, expected",
    [
        ("Where is my order 1234?", "Order 1234 is shipped on Monday."),
        ("What does shipping cost for a parcel of 2.5 kilograms?", "7.75 euros"),
        ("Where is order 5678?", "Order 5678 is waiting for payment."),
        ("What is the weather like?", "No tool fits this question."),
    ],
)
def test_step4_run_turn_with_the_standin(question, expected):
    result = run_turn(OfflineStandIn(), question, code.TOOLS)
    assert result == expected, f"run_turn({question!r}) should give {expected!r}, got {result!r}"


def run_turn(model, question, tools):
    with step("Step 4, run_turn"):
        try:
            return code.run_turn(model, question, tools)
        except (pytest.fail.Exception, NotImplementedError):
            raise
        except Exception as error:  # noqa: BLE001  (the crash is what the check reports)
            pytest.fail(
                f"run_turn crashed with {type(error).__name__}: {error} (question "
                f"{question!r}): return 'Tool error: ...' for a bad call and let execute "
                "catch every exception a tool raises",
                pytrace=False,
            )


def turn(question, tools, *replies):
    model = Scripted(*replies)
    result = run_turn(model, question, tools)
    assert model.calls, (
        f"run_turn never called the model for {question!r}: ask the model which tool to use"
    )
    return model, result


def sent(record):
    return "\n".join(m["content"] for m in record["messages"])


def test_step4_the_first_call_offers_none_first_then_every_tool_given():
    question = "Please convert 20 euros to pounds."
    model, result = turn(
        question, OTHER_TOOLS, '{"tool": "convert"}', '{"amount": 20, "currency": "GBP"}'
    )
    first = model.calls[0]
    schema = first["kwargs"].get("json_schema") or {}
    offered = schema.get("properties", {}).get("tool", {}).get("enum")
    wanted = ["none", *sorted(OTHER_TOOLS)]
    assert offered == wanted, (
        f"the first call's json_schema must offer 'none' first, then the tools passed to "
        f"run_turn: properties.tool.enum == {wanted}, got {offered}"
    )
    system = "\n".join(m["content"] for m in first["messages"] if m["role"] == "system")
    for function in OTHER_TOOLS.values():
        line = f"{function.__name__}: {code.tool_spec(function)['description']}"
        assert line in system, (
            f"the first call's system message should list every tool given as 'name: "
            f"description'; {line!r} is missing"
        )
    assert question in sent(first), "send the question itself in the first call"
    assert len(model.calls) == 2, f"pick, then fill in: 2 calls, not {len(model.calls)}"
    second = model.calls[1]
    assert second["kwargs"].get("json_schema") == code.tool_spec(convert)["parameters"], (
        "the second call's json_schema must be tool_spec(tool)['parameters'] of the picked tool"
    )
    assert question in sent(second), "send the question again when you ask for the arguments"
    assert result == "17.00 GBP", f"run the picked tool with the model's arguments, got {result!r}"


def test_step4_follow_the_models_choice_even_without_a_number():
    model, result = turn(
        "Say hello to Ada, loudly.",
        OTHER_TOOLS,
        '{"tool": "greet"}',
        '{"name": "Ada", "loud": true}',
    )
    assert result == "HELLO Ada", (
        f"the model picked 'greet' with {{'name': 'Ada', 'loud': true}}, so run_turn should "
        f"return the tool's result 'HELLO Ada', got {result!r}: ask the model which tool to "
        "use and follow its choice"
    )


def test_step4_none_means_no_tool_and_no_second_call():
    model, result = turn("Is 42 a good number of tools?", OTHER_TOOLS, '{"tool": "none"}')
    assert result == code.NO_TOOL, f"when the model picks 'none', return NO_TOOL, got {result!r}"
    assert len(model.calls) == 1, "when the model picks 'none', do not ask for arguments"


@pytest.mark.parametrize(
    "tools, picked, arguments, says",
    [
        ("TOOLS", "lookup_order", '{"order_id": "all of them"}', "integer"),
        ("OTHER", "convert", '{"amount": 5, "currency": "USD", "note": "x"}', "unknown"),
        ("OTHER", "divide", '{"a": 5}', "missing"),
        ("OTHER", "convert", "sure, twenty euros", ""),
    ],
)
def test_step4_a_bad_call_from_the_model_is_reported_not_run(tools, picked, arguments, says):
    ran = []
    given = dict(code.TOOLS if tools == "TOOLS" else OTHER_TOOLS)
    real = given[picked]

    @functools.wraps(real)
    def recording(*args, **kwargs):
        ran.append(kwargs)
        return real(*args, **kwargs)

    given[picked] = recording
    # A third reply, as bad as the second, for a run_turn that allows one corrected call.
    choice = json.dumps({"tool": picked})
    model, result = turn("Do it for everything", given, choice, arguments, arguments)
    assert isinstance(result, str) and result.startswith("Tool error:"), (
        f"the model asked for {picked}({arguments}); check it with parse_call and return "
        f"'Tool error: <reason>', got {result!r}"
    )
    assert says in result, f"the tool error should say {says!r}, got {result!r}"
    assert ran == [], f"a call that fails validation must not run, but {picked} ran with {ran}"


def test_step4_a_failing_tool_in_a_turn_becomes_a_message():
    model, result = turn("Divide 1 by 0", OTHER_TOOLS, '{"tool": "divide"}', '{"a": 1, "b": 0}')
    assert isinstance(result, str) and result.startswith("Tool divide failed: ZeroDivisionError"), (
        f"run the checked call with execute, which turns a crash into text; got {result!r}"
    )
