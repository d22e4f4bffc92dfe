"""Structured output: ask for JSON that matches a pydantic model, and check it.

A model asked for JSON may still reply with something else. :func:`ask_json` sends the
JSON Schema of the pydantic model with the request, validates the reply, and on a bad
reply shows the validation error and tries exactly once more, telling the model what was
wrong. A second bad reply raises :class:`StructuredOutputError` with both errors in it.

>>> from pydantic import BaseModel
>>> from atlas.llm.standin import OfflineStandIn
>>> class Refunds(BaseModel):
...     days: int
>>> ask_json(OfflineStandIn(), [
...     {"role": "system", "content": "Refunds take 5 days. Shipping is free."},
...     {"role": "user", "content": "How long do refunds take?"},
... ], Refunds)
Refunds(days=5)
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from atlas.llm.interface import ChatModel, Message

T = TypeVar("T", bound=BaseModel)
log = logging.getLogger("atlas.llm")


class StructuredOutputError(ValueError):
    """The model's reply did not validate against the schema, even after one retry."""


def short_error(error: ValidationError, limit: int = 3) -> str:
    """A validation error in one line: where and what, for the first few problems."""
    parts = []
    for problem in error.errors()[:limit]:
        where = ".".join(str(p) for p in problem["loc"]) or "(whole reply)"
        parts.append(f"{where}: {problem['msg']}")
    more = len(error.errors()) - limit
    return "; ".join(parts) + (f"; and {more} more" if more > 0 else "")


def ask_json(
    model: ChatModel,
    messages: Sequence[Message],
    schema: type[T],
    *,
    temperature: float = 0.0,
    retry: bool = True,
    report: Callable[[str], None] | None = None,
) -> T:
    """Ask ``model`` for a reply matching ``schema``; return it validated.

    ``report`` receives a one-line description of a rejected reply (default: the
    ``atlas.llm`` logger at warning level). With ``retry`` (the default) the model gets
    one more chance, with the error added to the conversation; never more than one.
    """
    json_schema = schema.model_json_schema()
    question = messages[-1]["content"].strip().splitlines()[-1] if messages else ""
    conversation = list(messages)
    errors: list[str] = []
    for attempt in (1, 2) if retry else (1,):
        reply = model.complete(conversation, temperature=temperature, json_schema=json_schema)
        try:
            return schema.model_validate_json(reply)
        except ValidationError as error:
            described = short_error(error)
            errors.append(f"attempt {attempt}: {described}; reply was {reply[:120]!r}")
            (report or log.warning)(f"reply rejected by {schema.__name__}: {described}")
            conversation += [
                {"role": "assistant", "content": reply},
                {
                    "role": "user",
                    "content": (
                        f"Your reply was not valid JSON for the schema: {described}\n"
                        "Reply again with only a JSON document matching the schema.\n"
                        f"{question}"
                    ),
                },
            ]
    raise StructuredOutputError(
        f"the model's reply did not match {schema.__name__} ({len(errors)} attempt"
        f"{'s' if len(errors) > 1 else ''}): " + " | ".join(errors)
    )
