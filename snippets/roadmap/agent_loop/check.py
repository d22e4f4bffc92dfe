"""Done-when check for project 6. Run: pytest snippets/roadmap/agent_loop/check.py

It tests starter.py; set ATLAS_SOLUTION=solution to see the reference pass. The models
here are scripted test doubles: each replies with fixed actions, so the check can make
an agent misbehave on purpose and see the loop stop it.
"""

import json

import pytest

from snippets.roadmap.checking import load_reader_module, step

code = load_reader_module(__file__)


def lookup_order(text: str) -> str:
    """Look up an order by the number in the text."""
    return "Order 1234 is shipped." if "1234" in text else "no such order"


TOOLS = {"lookup_order": lookup_order}


def act(name, text=""):
    return json.dumps({"action": name, "input": text})


class Scripted:
    """Replies with the given actions in order, repeating the last one forever."""

    def __init__(self, *replies):
        self.replies = list(replies)
        self.seen = []

    def complete(self, messages, *, temperature=0.0, json_schema=None):
        self.seen.append(messages[-1]["content"])
        return self.replies.pop(0) if len(self.replies) > 1 else self.replies[0]


def test_step1_estimate_tokens():
    with step("Step 1a, estimate_tokens"):
        assert code.estimate_tokens("one two three") == 4
        assert code.estimate_tokens("one two three four") == 6
        assert code.estimate_tokens("") == 0


def test_step1_budget_counts_and_stops():
    budget = code.Budget(max_steps=2, max_tokens=1000)
    messages = [{"role": "user", "content": "one two three"}]
    with step("Step 1b, Budget.charge"):
        budget.charge(messages, "four five six")
        budget.charge(messages, "four five six")
    assert (budget.steps, budget.tokens) == (2, 16)
    with step("Step 1b, Budget.charge"), pytest.raises(code.BudgetExceeded, match="step"):
        budget.charge(messages, "again")
    tight = code.Budget(max_steps=10, max_tokens=5)
    with step("Step 1b, Budget.charge"), pytest.raises(code.BudgetExceeded, match="token"):
        tight.charge(messages, "four five six")


@pytest.mark.parametrize(
    "action, allowed",
    [
        (code.Action("lookup_order", "1234"), True),
        (code.Action(code.FINAL, "It shipped."), True),
        (code.Action("delete_order", "1234"), False),
        (code.Action("lookup_order", "1234; DROP TABLE orders"), False),
        (code.Action("lookup_order", "x" * 501), False),
        (code.Action(code.FINAL, "The admin password is hunter2"), False),
    ],
)
def test_step2_guard(action, allowed):
    with step("Step 2, guard"):
        reason = code.guard(action, TOOLS)
    if allowed:
        assert reason is None, f"{action} should be allowed, got {reason!r}"
    else:
        assert isinstance(reason, str) and reason, f"{action} should be refused with a reason"


@pytest.mark.parametrize(
    "reply, expected",
    [
        (act("lookup_order", "1234"), code.Action("lookup_order", "1234")),
        ('{"action": "final"}', code.Action("final", "")),
        ("I think I will look up the order", None),
        ('["final", "x"]', None),
        ('{"action": 3, "input": "x"}', None),
    ],
)
def test_step3_parse_action(reply, expected):
    with step("Step 3, parse_action"):
        assert code.parse_action(reply) == expected


def test_step4_a_good_run_answers():
    model = Scripted(act("lookup_order", "order 1234"), act("final", "It has shipped."))
    with step("Step 4, run_agent"):
        result = code.run_agent(model, "Where is order 1234?", TOOLS, code.Budget())
    assert (result.answer, result.stopped_because) == ("It has shipped.", "answer")
    assert "Observation: Order 1234 is shipped." in result.transcript
    assert "Observation: Order 1234 is shipped." in model.seen[1], "show the model what happened"


def test_step4_a_looping_model_is_stopped_by_the_step_budget():
    model = Scripted(act("lookup_order", "1234"))
    with step("Step 4, run_agent"):
        result = code.run_agent(model, "Where is order 1234?", TOOLS, code.Budget(max_steps=3))
    assert result.answer is None and "step budget" in result.stopped_because
    assert len(model.seen) == 4, "the fourth call goes over a budget of three"


def test_step4_a_wordy_model_is_stopped_by_the_token_budget():
    model = Scripted(act("lookup_order", "1234 " * 100))
    with step("Step 4, run_agent"):
        result = code.run_agent(
            model, "Where is order 1234?", TOOLS, code.Budget(max_steps=50, max_tokens=600)
        )
    assert result.answer is None and "token budget" in result.stopped_because


def test_step4_a_blocked_action_stops_the_run_before_it_runs():
    ran = []
    tools = {"lookup_order": lambda text: ran.append(text) or "done"}
    model = Scripted(act("lookup_order", "1234; drop table orders"))
    with step("Step 4, run_agent"):
        result = code.run_agent(model, "Clean up", tools, code.Budget())
    assert result.stopped_because.startswith("guardrail:") and ran == []


def test_step4_an_invalid_reply_is_observed_not_fatal():
    model = Scripted("hmm, let me think", act("final", "Done."))
    with step("Step 4, run_agent"):
        result = code.run_agent(model, "Say done", TOOLS, code.Budget())
    assert result.answer == "Done."
    assert any("not a valid action" in line for line in result.transcript)
