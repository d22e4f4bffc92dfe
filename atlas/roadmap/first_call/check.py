"""Done-when check for the first-call project. Run: make check P=first-call

It tests your copy, work/first_call.py; ``make reference P=first-call`` runs it on the
reference solution. Besides the examples on the page it uses questions, contexts and
replies of its own, so an answer that fits only the page's examples does not pass.
"""

from __future__ import annotations

import json
import random

import pytest

from atlas.llm import OfflineStandIn
from atlas.llm.standin import NO_ANSWER
from atlas.roadmap.checking import Scripted, load_reader_module, step

code = load_reader_module(__file__)
CONTEXT = "Refunds take 5 days. Shipping is free over 50 euros. Accounts can be closed online."
EMAIL = (
    "Hello, my billing statement charged me twice this month.\n"
    "This is urgent because my rent is due.\n"
    "Please refund the second billing charge."
)
# Held-back facts: each question shares words with its own sentence only.
FACTS = [
    ("The museum opens at nine on Sundays.", "When does the museum open on Sundays?"),
    ("Our bakery sells rye bread until noon.", "Until when does the bakery sell rye bread?"),
    ("The library lends laptops for two weeks.", "For how long does the library lend laptops?"),
    (
        "Train tickets can be refunded up to one hour before departure.",
        "Can train tickets be refunded?",
    ),
    ("Hotel guests may park in the garage for free.", "Where may hotel guests park?"),
    ("The swimming pool is heated to 28 degrees.", "How warm is the swimming pool?"),
    ("Bicycle repairs are done in the back workshop.", "Where are bicycle repairs done?"),
    (
        "The clinic sees patients without an appointment on Fridays.",
        "Does the clinic see patients without an appointment?",
    ),
    ("Concert doors close ten minutes after the show starts.", "When do concert doors close?"),
    ("The ferry to the island carries forty cars.", "How many cars fit on the ferry?"),
]
EMAILS = [
    "My parcel has been stuck in customs for two weeks.",
    "I was charged for a plan I cancelled in March.",
    "I cannot reset my password: the link never arrives.",
    "The courier left my order at the wrong address.",
]
RANDOM = random.Random()


def held_back(rounds: int = 6) -> list[tuple[str, str, str]]:
    """(context, question, expected answer) triples the page does not show."""
    triples = []
    for _ in range(rounds):
        picked = RANDOM.sample(FACTS, 3)
        context = " ".join(sentence for sentence, _ in picked)
        sentence, question = RANDOM.choice(picked)
        triples.append((context, question, sentence))
    unknown = next(q for s, q in FACTS if s not in triples[0][0])
    triples.append((triples[0][0], unknown, NO_ANSWER))
    return triples


def filler(schema: dict, defs: dict):
    """A valid value for one field of your Ticket beyond the three the page names."""
    if "$ref" in schema:
        schema = defs.get(schema["$ref"].rsplit("/", 1)[-1], {})
    if "default" in schema:
        return schema["default"]
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return schema["enum"][0]
    if "anyOf" in schema:
        return filler(next(s for s in schema["anyOf"] if s.get("type") != "null"), defs)
    simple = {"string": "en", "boolean": False, "integer": 0, "number": 0, "array": []}
    return simple.get(schema.get("type"))


def ticket_json(category: str, urgent: bool, summary: str, drop: str = "") -> str:
    """A reply that fits your Ticket: the three fields, plus any field you added.

    ``drop`` names a field to leave out.
    """
    schema = code.Ticket.model_json_schema()
    data = {"category": category, "urgent": urgent, "summary": summary}
    for name, field in schema.get("properties", {}).items():
        if name not in data:
            data[name] = filler(field, schema.get("$defs", {}))
    return json.dumps({k: v for k, v in data.items() if k != drop})


class Repeating(Scripted):
    """Like Scripted, but once the script runs out it repeats its last reply (20 calls at most)."""

    def complete(self, messages, **kwargs):
        if len(self.replies) == 1 and len(self.calls) < 20:
            self.replies.append(self.replies[0])
        if len(self.calls) >= 20:
            pytest.fail(
                "extract_ticket called the model 20 times: stop after `attempts` tries",
                pytrace=False,
            )
        return super().complete(messages, **kwargs)


def user_text(call: dict) -> str:
    return "\n".join(m["content"] for m in call["messages"] if m["role"] == "user")


@pytest.fixture(autouse=True)
def same_data_every_run(request):
    """Each test draws the same held-back data whatever order the tests run in."""
    RANDOM.seed(f"20261201 {request.node.name}")


def test_step1_messages_put_instructions_and_context_in_system_and_the_question_in_user():
    for context, question, _ in [(CONTEXT, "How long do refunds take?", ""), *held_back(3)]:
        with step("Step 1, build_messages"):
            messages = code.build_messages(context, question)
        roles = [m["role"] for m in messages]
        assert roles == ["system", "user"], (
            f"build_messages must return a 'system' message, then a 'user' one; got roles {roles}"
        )
        assert code.SYSTEM in messages[0]["content"], (
            "build_messages: put the instructions, SYSTEM, in the system message with the context"
        )
        assert context in messages[0]["content"], (
            f"build_messages: put the context it is given in the system message ({context!r})"
        )
        assert question in messages[1]["content"], (
            f"build_messages: put the question it is given in the user message ({question!r})"
        )
        assert context not in messages[1]["content"], (
            "build_messages: the context belongs in the system message, not the user message"
        )


def test_step2_ask_answers_from_the_context_it_is_given():
    for context, question, expected in [
        (CONTEXT, "How long do refunds take?", "Refunds take 5 days."),
        *held_back(),
    ]:
        with step("Step 2, ask"):
            reply = code.ask(OfflineStandIn(), context, question)
        assert reply == expected, (
            f"ask() must return the model's reply to the context and question it was given: "
            f"asked {question!r}, the stand-in replies {expected!r}, ask returned {reply!r}"
        )


def test_step2_ask_sends_one_call_built_by_build_messages_at_temperature_zero():
    for context, question, _ in held_back(3):
        reply = f"  {RANDOM.choice(FACTS)[0]}\n"
        model = Scripted(reply)
        with step("Step 2, ask"):
            answer = code.ask(model, context, question)
        assert len(model.calls) == 1, (
            f"ask() must call model.complete exactly once; it called it {len(model.calls)} times"
        )
        assert answer == reply.strip(), (
            f"ask() must return the model's reply with surrounding whitespace stripped: "
            f"the model said {reply!r}, ask returned {answer!r}"
        )
        sent = model.calls[0]
        assert sent["messages"] == code.build_messages(context, question), (
            "ask() must send build_messages(context, question): the system instructions, the "
            "context and the question"
        )
        kwargs = sent["kwargs"]
        assert "temperature" in kwargs, (
            "ask() must pass temperature=0.0 to model.complete: left out, a real model uses "
            "its own default (often 1.0)"
        )
        assert kwargs["temperature"] == 0, (
            f"ask() must pass temperature=0.0, not {kwargs['temperature']!r}"
        )


@pytest.mark.parametrize(
    "why, reply",
    [
        ("it is not JSON", "not JSON at all"),
        ("it is JSON with text around it", "Sure! " + json.dumps({"category": "billing"})),
        ("its category is not one of the three", "refunds"),
        ("its category has the wrong case", "Billing"),
        ("it has no urgent field", "no urgent"),
        ("it has no summary field", "no summary"),
        ("it is a list, not an object", "list"),
        ("it is empty", ""),
    ],
)
def test_step3_parse_ticket_refuses_replies_that_do_not_fit(why, reply):
    made = {
        "refunds": lambda: ticket_json("refunds", True, "x"),
        "Billing": lambda: ticket_json("Billing", False, "double charge"),
        "no urgent": lambda: ticket_json("billing", True, "no urgency", drop="urgent"),
        "no summary": lambda: ticket_json("account", False, "x", drop="summary"),
        "list": lambda: json.dumps([json.loads(ticket_json("billing", True, "x"))]),
    }
    reply = made[reply]() if reply in made else reply
    with step("Step 3, parse_ticket"):
        ticket = code.parse_ticket(reply)
    assert ticket is None, (
        f"parse_ticket must return None when a reply does not fit the Ticket schema ({why}): "
        f"{reply!r}"
    )


def test_step3_parse_ticket_returns_the_ticket_the_reply_holds():
    for category, urgent, summary in [
        ("shipping", False, "late parcel"),
        ("billing", True, "charged twice"),
        ("account", True, "locked out"),
    ]:
        reply = ticket_json(category, urgent, summary)
        with step("Step 3, parse_ticket"):
            ticket = code.parse_ticket(reply)
        assert ticket is not None, f"parse_ticket must accept a reply that fits: {reply!r}"
        got = (ticket.category, ticket.urgent, ticket.summary)
        assert got == (category, urgent, summary), (
            f"parse_ticket must return the fields the reply holds: {reply!r} gave {got}"
        )


def test_step4_extract_ticket_with_the_standin():
    with step("Step 4, extract_ticket"):
        ticket = code.extract_ticket(OfflineStandIn(), EMAIL)
    assert ticket.category == "billing", (
        f"extract_ticket: the stand-in files this billing email as 'billing', you got "
        f"{ticket.category!r}; send the email in the user message with the schema"
    )
    assert isinstance(ticket.summary, str) and ticket.summary, "the ticket needs a summary"


def test_step4_extract_ticket_returns_what_the_model_replied():
    for email in EMAILS:
        category = RANDOM.choice(["billing", "shipping", "account"])
        urgent = RANDOM.choice([True, False])
        summary = f"case {RANDOM.randrange(1000, 9999)}"
        reply = ticket_json(category, urgent, summary)
        model = Scripted(reply)
        with step("Step 4, extract_ticket"):
            try:
                ticket = code.extract_ticket(model, email)
            except ValueError as error:
                pytest.fail(
                    f"extract_ticket must call model.complete and return the ticket its reply "
                    f"holds; the reply {reply!r} fits Ticket, yet it raised ValueError({error}) "
                    f"after {len(model.calls)} call(s)",
                    pytrace=False,
                )
        assert model.calls, "extract_ticket must ask the model: call model.complete"
        got = (ticket.category, ticket.urgent, ticket.summary)
        assert got == (category, urgent, summary), (
            f"extract_ticket must return the ticket the model's reply holds: the model "
            f"replied {reply!r}, you returned {got}"
        )
        assert json.loads(ticket.model_dump_json()) == json.loads(reply), (
            f"extract_ticket must keep every field of the reply, including ones you added to "
            f"Ticket: the model replied {reply!r}, you returned {ticket.model_dump_json()}"
        )
        assert len(model.calls) == 1, "a valid first reply needs no second call"
        assert email in user_text(model.calls[0]), (
            f"extract_ticket must send the email in a user message: {email!r} was not there"
        )


def test_step4_extract_ticket_sends_the_schema_and_retries_once():
    good = ticket_json("account", False, "password reset")
    model = Scripted("Sure! Here is your ticket:", good)
    with step("Step 4, extract_ticket"):
        ticket = code.extract_ticket(model, "I cannot log in to my account.")
    assert len(model.calls) == 2, (
        f"after an invalid reply, extract_ticket must ask again: it made {len(model.calls)} call(s)"
    )
    assert ticket.category == "account", "return the ticket from the valid second reply"
    fields = set(code.Ticket.model_fields)
    for number, call in enumerate(model.calls, start=1):
        schema = call["kwargs"].get("json_schema")
        assert schema and set(schema.get("properties", {})) == fields, (
            f"extract_ticket must pass json_schema=Ticket.model_json_schema() on every call "
            f"(call {number} had {schema!r})"
        )
        assert "I cannot log in to my account." in user_text(call), (
            f"extract_ticket must send the email in a user message on every call (call {number})"
        )


@pytest.mark.parametrize("attempts", [1, 2, 3, 5])
def test_step4_extract_ticket_tries_attempts_times_then_raises_value_error(attempts):
    model = Repeating("nope")
    with step("Step 4, extract_ticket"):
        try:
            result = code.extract_ticket(model, "Help!", attempts=attempts)
        except ValueError:
            result = None
        else:
            pytest.fail(
                f"extract_ticket must raise ValueError after `attempts` invalid replies; with "
                f"attempts={attempts} it returned {result!r}",
                pytrace=False,
            )
    assert len(model.calls) == attempts, (
        f"extract_ticket must call model.complete `attempts` times: with attempts={attempts} "
        f"it called it {len(model.calls)} times"
    )


@pytest.mark.parametrize("attempts", [3, 4])
def test_step4_extract_ticket_uses_a_late_valid_reply(attempts):
    good = ticket_json("shipping", True, "parcel lost")
    model = Repeating(*["{}"] * (attempts - 1), good)
    with step("Step 4, extract_ticket"):
        ticket = code.extract_ticket(model, EMAILS[0], attempts=attempts)
    assert ticket.summary == "parcel lost" and len(model.calls) == attempts, (
        f"extract_ticket must keep trying up to `attempts` times: with attempts={attempts} and "
        f"a valid reply on the last try, it made {len(model.calls)} call(s)"
    )
