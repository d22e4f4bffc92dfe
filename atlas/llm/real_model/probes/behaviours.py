"""One probe per server behaviour of atlas/llm/real_model/behaviours.py."""

from __future__ import annotations

import time
from types import ModuleType

from pydantic import BaseModel

from atlas.llm import ChatModel, ModelUnreachable, OpenAIChat, StructuredOutputError, ask_json
from atlas.llm.real_model.probes import CALL_TIMEOUT, Harness, Outcome, behaviour


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
