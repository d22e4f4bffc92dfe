"""Talking to a chat model through one small interface.

Every example on the site that needs a language model codes against :class:`ChatModel`.
Two things fill it:

* :class:`OfflineStandIn` - a deterministic, offline stand-in (not a language model) that
  answers by picking sentences from the context it is given. Tests and pages use it.
* a real OpenAI-compatible endpoint, when a reader configures one.
"""

from snippets.llm.interface import ChatModel, Message
from snippets.llm.standin import OfflineStandIn

__all__ = ["ChatModel", "Message", "OfflineStandIn"]
