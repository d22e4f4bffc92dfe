"""Done-when check for the agent-loop project. Run: make check P=agent-loop

It tests your copy, work/agent_loop.py (``make reference P=agent-loop`` tests the
reference solution). The models here are scripted test doubles: each replies with fixed
actions and records every call, so the check can make an agent misbehave on purpose
(loop, talk too much, ask for something dangerous) and see the loop stop it. Some tests
use tools and budgets that the page does not show.
"""

import json

import pytest

from atlas.roadmap.checking import load_reader_module, step

code = load_reader_module(__file__)


def lookup_order(text: str) -> str:
    """Look up an order by the number in the text."""
    return "Order 1234 is shipped." if "1234" in text else "no such order"


def search_docs(text: str) -> str:
    """Search the help pages."""
    return f"3 pages mention {text}."


TOOLS = {"lookup_order": lookup_order}
MORE_TOOLS = {"search_docs": search_docs, "lookup_order": lookup_order}


def act(name, text=""):
    return json.dumps({"action": name, "input": text})


class Repeating:
    """Replies with the given actions in order, repeating the last one forever.

    Records each call's messages and the keyword arguments actually passed, and fails
    the test when a loop never stops.
    """

    def __init__(self, *replies):
        self.replies = list(replies)
        self.calls = []

    def complete(self, messages, **kwargs):
        self.calls.append({"messages": [dict(m) for m in messages], "kwargs": dict(kwargs)})
        if len(self.calls) > 60:
            pytest.fail(
                "run_agent called the model more than 60 times and never stopped: charge "
                "every call with budget.charge(messages, reply) and stop on BudgetExceeded",
                pytrace=False,
            )
        return self.replies.pop(0) if len(self.replies) > 1 else self.replies[0]

    def sent(self, i):
        return "\n".join(m["content"] for m in self.calls[i]["messages"])


def outcome(result):
    return f"answer {result.answer!r}, stopped_because {result.stopped_because!r}"


def run(model, task, tools, budget):
    with step("Step 4, run_agent"):
        try:
            return code.run_agent(model, task, tools, budget)
        except (pytest.fail.Exception, NotImplementedError):
            raise
        except Exception as error:  # noqa: BLE001  (the crash is what the check reports)
            pytest.fail(
                f"run_agent crashed with {type(error).__name__}: {error}: a run must end "
                "with a Result, whatever the model or a tool does (a tool that raises "
                "becomes 'Observation: error: <message>')",
                pytrace=False,
            )


@pytest.mark.parametrize(
    "text, tokens",
    [
        ("one two three", 4),
        ("one two three four", 6),
        ("", 0),
        ("one", 2),
        ("a b c d e", 7),
        ("  spread\n\tout   words ", 4),
    ],
)
def test_step1_estimate_tokens(text, tokens):
    with step("Step 1a, estimate_tokens"):
        got = code.estimate_tokens(text)
    assert got == tokens, (
        f"estimate_tokens({text!r}) should be {tokens}: four tokens for every three words "
        f"(split on any whitespace), rounded up; got {got}"
    )


def charge(budget, messages, reply):
    with step("Step 1b, Budget.charge"):
        budget.charge(messages, reply)


def must_raise(budget, messages, reply, says):
    try:
        charge(budget, messages, reply)
    except code.BudgetExceeded as error:
        assert says in str(error), (
            f"BudgetExceeded should say {says!r}, e.g. '{says} of ... used up'; got {str(error)!r}"
        )
        return
    pytest.fail(
        f"Budget.charge should raise BudgetExceeded('{says} ...') once a limit is passed "
        f"(steps {budget.steps} of {budget.max_steps}, tokens {budget.tokens} of "
        f"{budget.max_tokens})",
        pytrace=False,
    )


def test_step1_budget_counts_and_stops_after_max_steps():
    budget = code.Budget(max_steps=2, max_tokens=1000)
    messages = [{"role": "user", "content": "one two three"}]
    charge(budget, messages, "four five six")
    charge(budget, messages, "four five six")
    assert (budget.steps, budget.tokens) == (2, 16), (
        "after two calls of 4 + 4 tokens, steps and tokens should be (2, 16), got "
        f"({budget.steps}, {budget.tokens})"
    )
    must_raise(budget, messages, "again", "step budget")


def test_step1_every_message_counts():
    budget = code.Budget(max_steps=5, max_tokens=1000)
    messages = [
        {"role": "system", "content": "a b c"},
        {"role": "user", "content": "d e f g h i"},
    ]
    charge(budget, messages, "j k")
    assert budget.tokens == 4 + 8 + 3, (
        "count the tokens of every message's content plus the reply: 4 + 8 + 3 = 15, got "
        f"{budget.tokens}"
    )


def test_step1_the_token_limit_itself_is_allowed_one_more_is_not():
    budget = code.Budget(max_steps=10, max_tokens=8)
    messages = [{"role": "user", "content": "one two three"}]
    try:
        charge(budget, messages, "four five six")
    except code.BudgetExceeded as error:
        pytest.fail(
            f"a call that brings the tokens to exactly max_tokens (8 of 8) is within the "
            f"budget: raise only when tokens > max_tokens; got BudgetExceeded({str(error)!r})",
            pytrace=False,
        )
    must_raise(budget, [], "one", "token budget")


def test_step1_a_tight_token_budget_stops_at_once():
    must_raise(
        code.Budget(max_steps=10, max_tokens=5),
        [{"role": "user", "content": "one two three"}],
        "four five six",
        "token budget",
    )


@pytest.mark.parametrize(
    "action, tools, allowed",
    [
        (code.Action("lookup_order", "1234"), TOOLS, True),
        (code.Action(code.FINAL, "It shipped."), TOOLS, True),
        (code.Action("search_docs", "refunds"), MORE_TOOLS, True),
        (code.Action("lookup_order", "x" * 500), TOOLS, True),
        (code.Action("delete_order", "1234"), TOOLS, False),
        (code.Action("search_docs", "refunds"), TOOLS, False),
        (code.Action("lookup_order", "1234; DROP TABLE orders"), TOOLS, False),
        (code.Action("search_docs", "how to rm -rf /"), MORE_TOOLS, False),
        (code.Action("lookup_order", "x" * 501), TOOLS, False),
        (code.Action(code.FINAL, "The admin password is hunter2"), TOOLS, False),
        (code.Action(code.FINAL, "Just drop   table users"), MORE_TOOLS, False),
    ],
)
def test_step2_guard(action, tools, allowed):
    with step("Step 2, guard"):
        reason = code.guard(action, tools)
    shown = f"guard(Action({action.name!r}, {action.input[:40]!r}), tools {sorted(tools)})"
    if allowed:
        assert reason is None, (
            f"{shown} should return None (allowed): the action is FINAL or one of the tools "
            f"it is given, with a short input and no blocked pattern; got {reason!r}"
        )
    else:
        assert isinstance(reason, str) and reason, (
            f"{shown} should return a reason: refuse an action that is not FINAL or one of "
            "the tools it is given, an input over 500 characters, or an input matching "
            f"BLOCKED (final answers too); got {reason!r}"
        )


@pytest.mark.parametrize(
    "reply, expected",
    [
        (act("lookup_order", "1234"), code.Action("lookup_order", "1234")),
        ('{"action": "final"}', code.Action("final", "")),
        ("I think I will look up the order", None),
        ('["final", "x"]', None),
        ('{"action": 3, "input": "x"}', None),
        ('{"action": "final", "input": 42}', None),
        ('{"input": "x"}', None),
        ('"final"', None),
        ("null", None),
    ],
)
def test_step3_parse_action(reply, expected):
    with step("Step 3, parse_action"):
        try:
            got = code.parse_action(reply)
        except Exception as error:  # noqa: BLE001  (the crash is what the check reports)
            pytest.fail(
                f"parse_action({reply!r}) raised {type(error).__name__}: return None for "
                "anything that is not an action",
                pytrace=False,
            )
    assert got == expected, f"parse_action({reply!r}) should be {expected!r}, got {got!r}"


def test_step4_a_good_run_answers():
    model = Repeating(act("lookup_order", "order 1234"), act("final", "It has shipped."))
    task = "Where is order 1234?"
    result = run(model, task, TOOLS, code.Budget())
    assert (result.answer, result.stopped_because) == ("It has shipped.", "answer"), (
        f"a FINAL action should end the run with Result(its input, 'answer', transcript); "
        f"got answer {result.answer!r}, stopped_because {result.stopped_because!r}"
    )
    assert "Observation: Order 1234 is shipped." in result.transcript, (
        f"add the tool's output to the transcript as 'Observation: <output>': {result.transcript}"
    )
    assert len(model.calls) == 2, f"two actions, two model calls; got {len(model.calls)}"
    for i in range(2):
        assert task in model.sent(i), f"show the model the task in every call (call {i + 1})"
    assert "Observation: Order 1234 is shipped." in model.sent(1), (
        "show the model the transcript so far: the second call should contain the Observation"
    )
    schema = model.calls[0]["kwargs"].get("json_schema") or {}
    offered = schema.get("properties", {}).get("action", {}).get("enum")
    assert offered is not None and set(offered) == {code.FINAL, *TOOLS}, (
        "pass json_schema with 'action' in [FINAL, *tools] and a string 'input', so a model "
        f"can only pick an action that exists; the enum was {offered}"
    )


def test_step4_the_loop_runs_the_tools_it_is_given():
    model = Repeating(act("search_docs", "refunds"), act("final", "Three pages."))
    result = run(model, "How many help pages mention refunds?", MORE_TOOLS, code.Budget())
    assert result.answer == "Three pages.", (
        f"run search_docs, then return the FINAL answer; got {outcome(result)}"
    )
    assert "Observation: 3 pages mention refunds." in result.transcript, (
        "run the tool the model named, from the tools given, with the action's input; "
        f"transcript: {result.transcript}"
    )
    schema = model.calls[0]["kwargs"].get("json_schema") or {}
    offered = schema.get("properties", {}).get("action", {}).get("enum")
    assert offered is not None and set(offered) == {code.FINAL, *MORE_TOOLS}, (
        f"the json_schema's 'action' enum should be [FINAL, *tools] of the tools given, got "
        f"{offered}"
    )


@pytest.mark.parametrize("max_steps", [2, 3, 4])
def test_step4_a_looping_model_is_stopped_by_the_step_budget(max_steps):
    ran = []
    tools = {"lookup_order": lambda text: ran.append(text) or "Order 1234 is shipped."}
    model = Repeating(act("lookup_order", "1234"))
    result = run(model, "Where is order 1234?", tools, code.Budget(max_steps=max_steps))
    assert result.answer is None and "step budget" in result.stopped_because, (
        f"a model that never answers should be stopped by the step budget: Result(None, "
        f"str(error), transcript); got answer {result.answer!r}, stopped_because "
        f"{result.stopped_because!r}"
    )
    assert len(model.calls) in (max_steps, max_steps + 1), (
        f"with max_steps={max_steps}, stop at the call that goes over the budget (or before "
        f"it); the model was called {len(model.calls)} times"
    )
    assert len(ran) <= max_steps, f"the tool ran {len(ran)} times on a budget of {max_steps}"


def test_step4_a_run_that_ends_on_its_last_step_answers():
    model = Repeating(act("lookup_order", "1234"), act("final", "It has shipped."))
    result = run(model, "Where is order 1234?", TOOLS, code.Budget(max_steps=2))
    assert result.answer == "It has shipped.", (
        "two calls on a budget of max_steps=2 are within the budget: raise only when steps "
        f"> max_steps; got {outcome(result)}"
    )


def test_step4_a_wordy_model_is_stopped_by_the_token_budget():
    model = Repeating(act("lookup_order", "1234 " * 100))
    result = run(model, "Where is order 1234?", TOOLS, code.Budget(max_steps=50, max_tokens=600))
    assert result.answer is None and "token budget" in result.stopped_because, (
        "charge every call to the budget (budget.charge(messages, reply)) and stop with "
        f"Result(None, str(error), transcript); got {result.stopped_because!r}"
    )
    assert len(model.calls) <= 4, (
        f"the token budget should stop this within 4 calls, not {len(model.calls)}"
    )


@pytest.mark.parametrize(
    "reply, tools",
    [
        (act("lookup_order", "1234; drop table orders"), TOOLS),
        (act("delete_order", "1234"), TOOLS),
        (act("search_docs", "x" * 501), MORE_TOOLS),
    ],
)
def test_step4_a_blocked_action_stops_the_run_before_it_runs(reply, tools):
    ran = []
    recording = {name: (lambda text, n=name: ran.append((n, text)) or "done") for name in tools}
    model = Repeating(reply)
    result = run(model, "Clean up", recording, code.Budget())
    assert ran == [], f"a refused action must not run, but the tool ran: {ran}"
    assert result.answer is None and result.stopped_because.startswith("guardrail:"), (
        "when guard() refuses an action, stop with Result(None, 'guardrail: <reason>', "
        f"transcript); got answer {result.answer!r}, stopped_because {result.stopped_because!r}"
    )


def test_step4_a_final_answer_goes_through_the_guardrail_too():
    model = Repeating(act("final", "The admin password is hunter2"))
    result = run(model, "What is the admin password?", TOOLS, code.Budget())
    assert result.answer is None and result.stopped_because.startswith("guardrail:"), (
        "the final answer 'The admin password is hunter2' matches a blocked pattern: check "
        "FINAL actions with guard() as well, and stop with 'guardrail: <reason>'; got answer "
        f"{result.answer!r}, stopped_because {result.stopped_because!r}"
    )


def test_step4_a_tool_that_raises_becomes_an_observation():
    def broken(text):
        raise ValueError("database is down")

    model = Repeating(act("lookup_order", "1234"), act("final", "Please try again later."))
    result = run(model, "Where is order 1234?", {"lookup_order": broken}, code.Budget())
    assert result.answer == "Please try again later.", (
        f"after a tool error the model answers; got {outcome(result)}"
    )
    noted = [line for line in result.transcript if line.startswith("Observation:")]
    assert any("database is down" in line for line in noted), (
        "a tool that raises should add 'Observation: error: <message>' to the transcript, "
        f"here with 'database is down'; transcript: {result.transcript}"
    )
    assert "database is down" in model.sent(1), "show the model the tool's error"


def test_step4_an_invalid_reply_is_observed_not_fatal():
    model = Repeating("hmm, let me think", act("final", "Done."))
    result = run(model, "Say done", TOOLS, code.Budget())
    assert result.answer == "Done.", (
        f"a reply that is not an action should not end the run; got {outcome(result)}"
    )
    new = [
        line
        for line in result.transcript
        if line.startswith("Observation:") and line not in model.sent(0)
    ]
    assert new and any(line in model.sent(1) for line in new), (
        "after a reply that is not an action, add a line starting 'Observation:' that says "
        "so to the transcript, and show it to the model in the next call; transcript: "
        f"{result.transcript}"
    )
