"""The one interface every model-using example on the site is written against."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal, Protocol, TypedDict


class Message(TypedDict):
    """One chat message, in the shape every OpenAI-compatible API accepts."""

    role: Literal["system", "user", "assistant"]
    content: str


class ChatModel(Protocol):
    """Anything that turns a list of chat messages into a reply.

    ``temperature`` above zero lets the reply vary between calls. ``json_schema``, when
    given, asks for a reply that is a JSON document matching that JSON Schema.
    """

    def complete(
        self,
        messages: Sequence[Message],
        *,
        temperature: float = 0.0,
        json_schema: dict[str, Any] | None = None,
    ) -> str: ...
