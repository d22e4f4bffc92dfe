"""Talking to a chat model through one small interface.

Every example on the site that needs a language model codes against :class:`ChatModel`.
Two things fill it:

* :class:`OfflineStandIn` - a deterministic, offline stand-in (not a language model) that
  answers by picking sentences from the context it is given. Tests and pages use it.
* :class:`OpenAIChat` - the official ``openai`` client pointed at any OpenAI-compatible
  endpoint (a hosted API, Ollama, vLLM, llama.cpp's server), when a reader configures one.

:func:`connect` picks between them from the environment, so one example runs both ways.

>>> connect()  # the test suite removes OPENAI_BASE_URL: the stand-in
OfflineStandIn(seed=0)
"""

from __future__ import annotations

import os

from atlas.llm.interface import ChatModel, Message
from atlas.llm.openai_chat import ModelConfigError, ModelUnreachable, OpenAIChat
from atlas.llm.standin import OfflineStandIn
from atlas.llm.structured import StructuredOutputError, ask_json


def connect(model: str | None = None, *, seed: int = 0, max_sentences: int = 2) -> ChatModel:
    """The chat model this environment is set up for.

    When ``OPENAI_BASE_URL`` is set: an :class:`OpenAIChat` configured from
    ``OPENAI_BASE_URL``, ``OPENAI_API_KEY`` and ``OPENAI_MODEL`` (``model`` overrides the
    last). Otherwise: the :class:`OfflineStandIn`, a deterministic extractive stand-in,
    not a language model; ``seed`` and ``max_sentences`` configure it and are ignored
    when a real endpoint is configured.
    """
    if os.environ.get("OPENAI_BASE_URL", "").strip():
        return OpenAIChat.from_env(model)
    return OfflineStandIn(seed=seed, max_sentences=max_sentences)


__all__ = [
    "ChatModel",
    "Message",
    "ModelConfigError",
    "ModelUnreachable",
    "OfflineStandIn",
    "OpenAIChat",
    "StructuredOutputError",
    "ask_json",
    "connect",
]
