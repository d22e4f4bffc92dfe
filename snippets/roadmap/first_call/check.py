"""Done-when check for project 1. Run: pytest snippets/roadmap/first_call/check.py

It tests starter.py; set ATLAS_SOLUTION=solution to see the reference pass.
"""

from __future__ import annotations

import json

import pytest

from snippets.llm import OfflineStandIn
from snippets.roadmap.checking import load_reader_module, step

code = load_reader_module(__file__)
CONTEXT = "Refunds take 5 days. Shipping is free over 50 euros. Accounts can be closed online."
EMAIL = (
    "Hello, my billing statement charged me twice this month.\n"
    "This is urgent because my rent is due.\n"
    "Please refund the second billing charge."
)


class Scripted:
    """A test double that replies with fixed texts, in order, and records each call."""

    def __init__(self, *replies: str) -> None:
        self.replies = list(replies)
        self.calls: list[dict] = []

    def complete(self, messages, *, temperature=0.0, json_schema=None):
        self.calls.append(
            {"messages": messages, "json_schema": json_schema, "temperature": temperature}
        )
        return self.replies.pop(0)


def test_step1_messages_put_context_in_system_and_question_last():
    with step("Step 1, build_messages"):
        messages = code.build_messages(CONTEXT, "How long do refunds take?")
    assert [m["role"] for m in messages] == ["system", "user"], "expected system, then user"
    assert CONTEXT in messages[0]["content"], "the context belongs in the system message"
    assert messages[-1]["content"].strip().endswith("How long do refunds take?")


def test_step2_ask_answers_from_the_context():
    with step("Step 2, ask"):
        answer = code.ask(OfflineStandIn(), CONTEXT, "How long do refunds take?")
    assert answer == "Refunds take 5 days."


def test_step2_ask_is_deterministic_and_trims():
    model = Scripted("  Refunds take 5 days.\n")
    with step("Step 2, ask"):
        answer = code.ask(model, CONTEXT, "How long do refunds take?")
    assert answer == "Refunds take 5 days.", "strip the whitespace around the reply"
    assert model.calls[0]["temperature"] == 0, "use temperature 0 for repeatable answers"


@pytest.mark.parametrize(
    "reply",
    [
        "not JSON at all",
        json.dumps({"category": "refunds", "urgent": True, "summary": "x"}),
        json.dumps({"category": "billing", "summary": "no urgency given"}),
    ],
)
def test_step3_parse_ticket_refuses_replies_that_do_not_fit(reply):
    with step("Step 3, parse_ticket"):
        ticket = code.parse_ticket(reply)
    assert ticket is None, f"{reply!r} does not fit the schema: return None"


def test_step3_parse_ticket_accepts_a_valid_reply():
    reply = json.dumps({"category": "shipping", "urgent": False, "summary": "late parcel"})
    with step("Step 3, parse_ticket"):
        ticket = code.parse_ticket(reply)
    assert ticket is not None and ticket.category == "shipping" and ticket.urgent is False


def test_step4_extract_ticket_with_the_standin():
    with step("Step 4, extract_ticket"):
        ticket = code.extract_ticket(OfflineStandIn(), EMAIL)
    assert ticket.category == "billing"
    assert isinstance(ticket.summary, str) and ticket.summary


def test_step4_extract_ticket_sends_the_schema_and_retries_once():
    good = json.dumps({"category": "account", "urgent": False, "summary": "password reset"})
    model = Scripted("Sure! Here is your ticket:", good)
    with step("Step 4, extract_ticket"):
        ticket = code.extract_ticket(model, "I cannot log in to my account.")
    assert ticket.category == "account"
    assert len(model.calls) == 2, "after an invalid reply, ask again"
    schema = model.calls[0]["json_schema"]
    assert schema and set(schema["properties"]) == {"category", "urgent", "summary"}, (
        "pass json_schema=Ticket.model_json_schema()"
    )


def test_step4_extract_ticket_gives_up_loudly():
    model = Scripted("nope", "still nope")
    with step("Step 4, extract_ticket"), pytest.raises(ValueError):
        code.extract_ticket(model, "Help!", attempts=2)
    assert len(model.calls) == 2
