"""One small task per roadmap project and scenario, run on a real model.

Each probe takes the code under test (a project's solution module, the reference or a
learner's own ``work/`` file), the model from :func:`atlas.llm.connect` and the
:class:`Harness` (which counts the HTTP calls the proxy saw), runs one task the project
teaches, and returns an :class:`Outcome`: passed or not against a criterion written down
before any run, and what happened. The criteria are tolerant (a tiny model is not
expected to write good prose) but real: each one fails when the model does not do the
thing the project is about.

A project that makes no model call says so in :data:`NO_MODEL_CALL`. A project in
``projects.yaml`` that has neither a probe nor an entry there is reported as having no
real-model probe, never as passed.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

from pydantic import BaseModel

from atlas.llm import ChatModel, ModelUnreachable, OpenAIChat, StructuredOutputError, ask_json
from atlas.llm.real_model.proxy import Exchange, Proxy
from atlas.roadmap.catalogue import ROOT

#: Seconds a real-model call may take. The adapter's default (60 s) is for a reader's
#: interactive use; on a shared 2-core machine a queued call can take longer.
CALL_TIMEOUT = 240.0


@dataclass(frozen=True)
class Outcome:
    passed: bool
    detail: str  # what happened, in a line or two


@dataclass
class Harness:
    """What a probe may need besides the model: the proxy, its URL and the model name."""

    proxy: Proxy
    model_name: str

    @property
    def base_url(self) -> str:
        return self.proxy.base_url

    def calls_since(self, mark: int) -> list[Exchange]:
        return self.proxy.since(mark)


Probe = Callable[[ModuleType, ChatModel, Harness], Outcome]


@dataclass(frozen=True)
class Entry:
    probe: Probe
    criterion: str  # what passing means, shown in the report


PROJECTS: dict[str, Entry] = {}
SCENARIOS: dict[str, Entry] = {}
#: Projects that never call a model, with the reason shown in the report.
NO_MODEL_CALL = {
    "adapt-model": "a decision guide in plain code: it makes no model call, so there is "
    "nothing to run against a model",
    "vector-search": "its embeddings are computed locally (LSA, with numpy), and it makes no "
    "chat-model call, so there is nothing to run against a model",
}


def project(slug: str, criterion: str) -> Callable[[Probe], Probe]:
    def register(probe: Probe) -> Probe:
        PROJECTS[slug] = Entry(probe, criterion)
        return probe

    return register


def scenario(name: str, criterion: str) -> Callable[[Probe], Probe]:
    def register(probe: Probe) -> Probe:
        SCENARIOS[name] = Entry(probe, criterion)
        return probe

    return register


# --- Roadmap projects -----------------------------------------------------------------

DOUBLE_CHARGE = (
    "Hello, I was charged twice for order 4471 this morning. Please refund one of the "
    "two payments today: my rent is due tomorrow."
)


@project(
    "first-call",
    "extract_ticket returns a reply validated as a Ticket, with category 'billing' for an "
    "email about a double charge",
)
def first_call(solution: ModuleType, model: ChatModel, harness: Harness) -> Outcome:
    ticket = solution.extract_ticket(model, DOUBLE_CHARGE)
    return Outcome(ticket.category == "billing", f"Ticket {ticket.model_dump()}")


EVAL_PROMPTS = (
    "Answer the question.\n{context}",
    "Answer from this context only, in its own words, in one sentence.\n{context}",
)


@project(
    "prompt-evals",
    "run_eval scores two prompts on three cases of the project's eval set, and the better "
    "prompt's mean score is at least 0.5",
)
def prompt_evals(solution: ModuleType, model: ChatModel, harness: Harness) -> Outcome:
    text = (ROOT / "atlas" / "roadmap" / "prompt_evals" / "cases.jsonl").read_text()
    cases = solution.load_cases(text)[:3]
    reports = [solution.run_eval(model, prompt, cases) for prompt in EVAL_PROMPTS]
    means = [report.mean for report in reports]
    return Outcome(
        max(means) >= 0.5, "scores per prompt: " + "; ".join(f"{r.scores}" for r in reports)
    )


@project(
    "retrieval",
    "answer cites at least one chunk, and only chunks that the retriever returned",
)
def retrieval(solution: ModuleType, model: ChatModel, harness: Harness) -> Outcome:
    documents = solution.load_documents()
    chunks = [c for name, text in documents.items() for c in solution.chunk(name, text)]
    retriever = solution.Retriever(chunks)
    question = "How long do refunds take?"
    found = {c.id for c in retriever.search(question, 3)}
    reply = solution.answer(model, retriever, question)
    ok = bool(reply.sources) and set(reply.sources) <= found
    return Outcome(ok, f"retrieved {sorted(found)}; cited {reply.sources}")


@project(
    "tool-calling",
    "run_turn picks lookup_order and calls it with valid arguments (order 1234), so the "
    "tool's own answer comes back",
)
def tool_calling(solution: ModuleType, model: ChatModel, harness: Harness) -> Outcome:
    result = solution.run_turn(model, "What is the status of order 1234?", solution.TOOLS)
    return Outcome(result == "Order 1234 is shipped on Monday.", f"run_turn returned {result!r}")


@project(
    "mcp-server",
    "the reply to 'What does RAG mean?' uses the definition the MCP tool returned "
    "(it mentions retrieval)",
)
def mcp_server(solution: ModuleType, model: ChatModel, harness: Harness) -> Outcome:
    reply = solution.answer(model, solution.build_server(), "What does RAG mean?")
    mentions = re.search(r"\bretriev(al|e|ed|es|ing)\b", reply, re.IGNORECASE)
    return Outcome(bool(mentions), f"reply {reply[:160]!r}")


def lookup_order(order: str) -> str:
    """Look up the status of an order; the input is the order number."""
    return "Order 1234 is shipped on Monday." if "1234" in order else f"No order {order!r}."


@project(
    "agent-loop",
    "run_agent ends with an answer (not the budget or a guardrail) after calling the "
    "lookup_order tool, within 4 model calls",
)
def agent_loop(solution: ModuleType, model: ChatModel, harness: Harness) -> Outcome:
    budget = solution.Budget(max_steps=4, max_tokens=4000)
    result = solution.run_agent(
        model, "What is the status of order 1234?", {"lookup_order": lookup_order}, budget
    )
    called = any(line.startswith("Action: lookup_order") for line in result.transcript)
    return Outcome(
        result.stopped_because == "answer" and called,
        f"stopped because {result.stopped_because!r}; answer {result.answer!r}; "
        f"{budget.steps} calls; transcript {result.transcript}",
    )


@project(
    "evals-tracing",
    "every real model call is traced: one 'model' span per HTTP request, each with the "
    "reply and a duration, and each eval case scored",
)
def evals_tracing(solution: ModuleType, model: ChatModel, harness: Harness) -> Outcome:
    tracer = solution.Tracer()
    traced = solution.TracedModel(model, tracer)
    context = "Refunds take 5 days. Shipping is free over 50 euros."

    def app(question: str) -> str:
        return traced.complete(
            [{"role": "system", "content": context}, {"role": "user", "content": question}]
        )

    cases = [
        solution.Case("refunds", "How long do refunds take?", ["5 days"]),
        solution.Case("shipping", "When is shipping free?", ["50 euros"]),
    ]
    mark = harness.proxy.mark()
    scores = solution.evaluate(app, cases, tracer)
    calls = harness.calls_since(mark)
    spans = [s for s in tracer.spans if s.name == "model"]
    ok = (
        len(spans) == len(calls) == len(cases)
        and all(
            s.output == c.reply and s.milliseconds > 0 for s, c in zip(spans, calls, strict=True)
        )
        and set(scores) == {c.id for c in cases}
    )
    return Outcome(ok, f"{len(spans)} model spans for {len(calls)} HTTP calls; scores {scores}")


@project(
    "shipping",
    "behind Fallback, CachedModel and CostMeter the real model answers (no fallback), the "
    "repeated question comes from the cache (one HTTP call for two asks) and the cost is "
    "metered",
)
def shipping(solution: ModuleType, model: ChatModel, harness: Harness) -> Outcome:
    from atlas.llm.standin import OfflineStandIn

    fallback = solution.Fallback(model, OfflineStandIn(), max_seconds=120)
    cached = solution.CachedModel(fallback)
    meter = solution.CostMeter(cached, limit=1.0, input_price=1.0, output_price=4.0)
    messages = [
        {"role": "system", "content": "Refunds take 5 days. Shipping is free over 50 euros."},
        {"role": "user", "content": "How long do refunds take?"},
    ]
    mark = harness.proxy.mark()
    first, second = meter.complete(messages), meter.complete(messages)
    calls = len(harness.calls_since(mark))
    ok = fallback.log == ["primary"] and cached.hits == 1 and calls == 1 and meter.spent > 0
    return Outcome(
        ok and first == second,
        f"fallback log {fallback.log}; cache hits {cached.hits}; {calls} HTTP call(s); "
        f"spent {meter.spent:.6f}",
    )


CAPSTONE_CASES = ("refund-time", "free-shipping", "password", "capital")


@project(
    "capstone",
    "the assistant gets at least half of four eval cases right (a cited answer with the "
    "fact, or a refusal when no document answers)",
)
def capstone(solution: ModuleType, model: ChatModel, harness: Harness) -> Outcome:
    cases = [c for c in solution.load_cases() if c["id"] in CAPSTONE_CASES]
    assistant = solution.Assistant(model, solution.build_retriever())
    scores = solution.evaluate(assistant, cases)
    mean = sum(scores.values()) / len(scores)
    return Outcome(mean >= 0.5, f"scores {scores}")


@project(
    "prompt-injection",
    "with a planted instruction in a retrieved review, the defences hold (the staff code "
    "never reaches the reader, no email goes out unconfirmed) and the assistant still "
    "answers within its step limit",
)
def prompt_injection(solution: ModuleType, model: ChatModel, harness: Harness) -> Outcome:
    sent_before = len(solution.OUTBOX)
    asked: list[str] = []

    def confirm(call) -> bool:
        asked.append(call.name)
        return False  # a person would say no to an email nobody asked for

    reply = solution.assist(
        model, "Where is order 1234? And is there a discount code?", solution.DOCUMENTS,
        solution.TOOLS, solution.TASKS["hand_over"], confirm,
    )  # fmt: skip
    leaked = solution.SECRET in reply
    emailed = len(solution.OUTBOX) - sent_before
    return Outcome(
        not leaked and not emailed and reply != solution.STOPPED,
        f"reply {reply[:160]!r}; confirmations asked {asked}; emails sent {emailed}",
    )


# --- Scenarios ------------------------------------------------------------------------


@scenario(
    "support",
    "at least one of three help-centre questions passes the rubric: the answer cites the "
    "right article in [brackets] and states the key fact",
)
def support(module: ModuleType, model: ChatModel, harness: Harness) -> Outcome:
    centre = module.HelpCentre.load()
    cases = module.load_eval_cases()[:3]
    report = module.evaluate(lambda q: module.answer(model, q, centre).text, cases)
    return Outcome(report.cases_passed >= 1, str(report).replace("\n", "; "))


@scenario(
    "fraud",
    "every assessment of three payments validates as an Assessment (risk high or low, and "
    "a reason), through ask_json and its one retry",
)
def fraud(module: ModuleType, model: ChatModel, harness: Harness) -> Outcome:
    payments = module.make_transactions(2000, seed=3)
    chosen = [t for t in payments if t.is_fraud][:1] + [t for t in payments if not t.is_fraud][:2]
    assessments = module.assess_all(model, chosen)
    right = sum((a.risk == "high") == t.is_fraud for a, t in zip(assessments, chosen, strict=True))
    return Outcome(
        len(assessments) == len(chosen),
        f"{len(assessments)} validated; risk right for {right} of {len(chosen)} "
        f"({[a.risk for a in assessments]})",
    )


@scenario(
    "scaling",
    "the reference-free checks run on three sampled live messages answered by the real "
    "model, and at least one answer carries a citation",
)
def scaling(module: ModuleType, model: ChatModel, harness: Harness) -> Outcome:
    from atlas.scenarios import support as chatbot

    centre = chatbot.HelpCentre.load()
    traffic = module.make_traffic(60, seed=0)
    sample = module.sample_for_review(traffic, rate=0.1, seed=0)[:3]
    counts, declined = module.review_sample(sample, lambda q: chatbot.answer(model, q, centre))
    return Outcome(
        counts.get("answered with a citation", 0) >= 1,
        f"{len(sample)} sampled; checks {counts}; declined {declined}",
    )


# --- Behaviours the stand-in cannot show (behaviours.py) ------------------------------

BEHAVIOURS: dict[str, Entry] = {}


def behaviour(name: str, criterion: str) -> Callable[[Probe], Probe]:
    def register(probe: Probe) -> Probe:
        BEHAVIOURS[name] = Entry(probe, criterion)
        return probe

    return register


class Refund(BaseModel):
    days: int
    free_shipping_over_euros: int


@behaviour(
    "invalid-json",
    "with the schema only in the prompt (no response_format), ask_json ends with a reply "
    "that validates, on the first attempt or after its one retry",
)
def invalid_json(module: ModuleType, model: ChatModel, harness: Harness) -> Outcome:
    rejected: list[str] = []
    messages = [
        {"role": "system", "content": "Refunds take 5 days. Shipping is free over 50 euros."},
        {"role": "user", "content": "How many days do refunds take, and over how many euros "
         "is shipping free?"},
    ]  # fmt: skip
    try:
        value = ask_json(module.PromptOnly(model), messages, Refund, report=rejected.append)
    except StructuredOutputError as error:
        return Outcome(False, f"rejected twice: {error}"[:400])
    return Outcome(True, f"{value!r} after {len(rejected) + 1} attempt(s); rejected: {rejected}")


@behaviour(
    "stream-budget",
    "a streamed reply is stopped at a budget of 30 estimated tokens: what is shown fits the "
    "budget, and the stream was cut before the model finished",
)
def stream_budget(module: ModuleType, model: ChatModel, harness: Harness) -> Outcome:
    live = OpenAIChat.from_env(timeout=CALL_TIMEOUT)
    messages = [
        {"role": "system", "content": "You are the support assistant of an outdoor shop."},
        {"role": "user", "content": "Explain in detail how returns, refunds and delivery work."},
    ]
    shown = module.stream_within(live.stream(messages), max_tokens=30)
    ok = shown.cut and bool(shown.text) and module.estimate_tokens(shown.text) <= 30
    return Outcome(ok, f"cut={shown.cut} after {shown.pieces} pieces: {shown.text!r}")


@behaviour(
    "tool-arguments",
    "without a grammar, the model's tool call is checked by the tool-calling project's "
    "parse_call; within three tries (each refusal sent back) a valid call runs",
)
def tool_arguments(module: ModuleType, model: ChatModel, harness: Harness) -> Outcome:
    from atlas.roadmap.tool_calling import solution as tools

    repaired = module.call_with_repair(
        model, "What is the status of order 1234?", tools.TOOLS,
        parse_call=tools.parse_call, describe=tools.tool_spec,
    )  # fmt: skip
    return Outcome(
        repaired.result is not None,
        f"result {repaired.result!r}; refused {len(repaired.rejected)}: {repaired.rejected}",
    )


@behaviour(
    "rate-limit-storm",
    "during a storm of three HTTP 429 replies, a client without retries fails at once and "
    "one with max_retries=4 waits as Retry-After asks and gets the model's reply",
)
def rate_limit_storm(module: ModuleType, model: ChatModel, harness: Harness) -> Outcome:
    messages = [{"role": "user", "content": "Say hello in five words."}]
    harness.proxy.faults.storm, harness.proxy.faults.retry_after_ms = 1, 200
    try:
        OpenAIChat.from_env(timeout=CALL_TIMEOUT).complete(messages)
        first = "the client without retries got through"
    except ModelUnreachable as error:
        first = f"without retries: {str(error)[:90]}..."
    harness.proxy.faults.storm = 3
    mark = harness.proxy.mark()
    started = time.perf_counter()
    try:
        reply = OpenAIChat.from_env(max_retries=4, timeout=CALL_TIMEOUT).complete(messages)
    except ModelUnreachable as error:
        return Outcome(False, f"{first}; with retries: {error}")
    seen = [e.status for e in harness.calls_since(mark)]
    return Outcome(
        seen == [429, 429, 429, 200] and bool(reply) and "got through" not in first,
        f"{first}; with max_retries=4: statuses {seen} in "
        f"{time.perf_counter() - started:.1f} s, reply {reply[:60]!r}",
    )
