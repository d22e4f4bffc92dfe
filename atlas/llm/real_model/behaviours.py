"""Four things a real model server does that the offline stand-in never shows, and the code
that copes with each.

* :class:`PromptOnly` - a server that ignores ``response_format`` (many do, some only
  for some models): the schema goes into the prompt instead, and the reply may not be JSON
  at all. :func:`atlas.llm.ask_json`'s one retry, with the error shown, is what fixes it.
* :func:`stream_within` - read a streamed reply only up to a token budget, then close the
  stream, so a model that goes on and on costs no more than the budget.
* :func:`call_with_repair` - a tool call whose arguments are wrong: the error goes back
  to the model, which gets a bounded number of tries to correct the call.
* A storm of HTTP 429 replies that ends: :class:`~atlas.llm.OpenAIChat` with
  ``max_retries`` waits as the server's ``Retry-After`` asks and gets through.

The tests drive each against scripted doubles and llm-katan; ``make real-model`` runs
each against the real small model and puts the transcript in the report.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from atlas.llm import ChatModel, Message


# --8<-- [start:prompt-only]
class PromptOnly:
    """A ChatModel that sends no ``response_format``: the JSON Schema goes into the
    system message as text, as with a server that ignores structured output."""

    def __init__(self, model: ChatModel) -> None:
        self.model = model

    def complete(self, messages, *, temperature=0.0, json_schema=None) -> str:
        if json_schema is None:
            return self.model.complete(messages, temperature=temperature)
        asked = (
            "Reply with only a JSON document, no other text, matching this JSON Schema:\n"
            + json.dumps(json_schema)
        )
        first, *rest = messages
        if first["role"] == "system":
            messages = [{"role": "system", "content": f"{first['content']}\n{asked}"}, *rest]
        else:
            messages = [{"role": "system", "content": asked}, *messages]
        return self.model.complete(messages, temperature=temperature)


# --8<-- [end:prompt-only]


# --8<-- [start:stream-within]
def estimate_tokens(text: str) -> int:
    """Four tokens for every three words, rounded up (the shipping project's estimate)."""
    return math.ceil(len(text.split()) * 4 / 3)


@dataclass
class Streamed:
    text: str  # what was shown to the reader
    cut: bool  # True when the budget stopped the stream before the model finished
    pieces: int


def stream_within(pieces: Iterator[str], max_tokens: int) -> Streamed:
    """Take streamed pieces while the text stays within ``max_tokens``; then stop reading
    and close the stream, which closes the connection, so the server can stop too."""
    text, count = "", 0
    for piece in pieces:
        if estimate_tokens(text + piece) > max_tokens:
            close = getattr(pieces, "close", None)
            if close:
                close()
            return Streamed(text, True, count)
        text += piece
        count += 1
    return Streamed(text, False, count)


# --8<-- [end:stream-within]


# --8<-- [start:call-with-repair]
@dataclass
class Repaired:
    result: str | None  # the tool's result, or None when no valid call came
    rejected: list[str] = field(default_factory=list)  # why each bad call was refused


def call_with_repair(
    model: ChatModel,
    question: str,
    tools: dict[str, Callable[..., Any]],
    *,
    parse_call: Callable[[str, dict[str, Callable[..., Any]]], Any],
    describe: Callable[[Callable[..., Any]], dict[str, Any]],
    attempts: int = 3,
) -> Repaired:
    """Ask for a tool call as JSON; send each refusal back to the model, ``attempts`` times.

    ``parse_call`` and ``describe`` are the tool-calling project's (``parse_call`` raises
    ``ValueError`` saying what is wrong; ``describe`` gives a function's tool spec).
    """
    specs = json.dumps([describe(f) for f in tools.values()])
    messages: list[Message] = [
        {
            "role": "system",
            "content": f"You can call one of these tools: {specs}\n"
            'Reply with only JSON: {"tool": "<name>", "arguments": {...}}',
        },
        {"role": "user", "content": question},
    ]
    outcome = Repaired(None)
    for _ in range(attempts):
        reply = model.complete(messages, temperature=0.0)
        try:
            call = parse_call(reply, tools)
        except ValueError as error:
            outcome.rejected.append(str(error))
            messages += [
                {"role": "assistant", "content": reply},
                {"role": "user", "content": f"That call was refused: {error}. Send a corrected "
                 "call, only the JSON."},
            ]  # fmt: skip
            continue
        try:
            outcome.result = str(tools[call.name](**call.arguments))
        except Exception as error:  # a valid call can still fail: report it, do not crash
            outcome.result = f"Tool {call.name} failed: {type(error).__name__}: {error}"
        return outcome
    return outcome


# --8<-- [end:call-with-repair]
