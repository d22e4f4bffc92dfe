"""The shipping project, reference solution: streaming, caching, fallbacks and cost budgets.

Try ``starter.py`` first; compare with this file once your check passes or you are stuck.
Each wrapper is itself a ChatModel, so they stack: CostMeter(CachedModel(Fallback(...))).
"""

import json
import math
import re
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator

from atlas.llm import ChatModel


def stream_words(text: str, size: int = 3) -> Iterator[str]:
    """Step 1: yield ``text`` in pieces of ``size`` words; joined, they give ``text`` back."""
    pieces = re.findall(r"\s*\S+", text)
    for start in range(0, len(pieces), size):
        yield "".join(pieces[start : start + size])
    trailing = text[len(text.rstrip()) :]
    if trailing:
        yield trailing


class CachedModel:
    """Step 2: remember replies to identical requests at temperature 0 (least recent out)."""

    def __init__(self, model: ChatModel, max_entries: int = 256) -> None:
        self.model, self.max_entries = model, max_entries
        self.entries: OrderedDict[str, str] = OrderedDict()
        self.hits = self.misses = 0

    def complete(self, messages, *, temperature=0.0, json_schema=None) -> str:
        if temperature > 0:  # varied replies are the point: never cache them
            return self.model.complete(messages, temperature=temperature, json_schema=json_schema)
        key = json.dumps([list(messages), json_schema], sort_keys=True)
        if key in self.entries:
            self.hits += 1
            self.entries.move_to_end(key)
            return self.entries[key]
        self.misses += 1
        reply = self.model.complete(messages, temperature=temperature, json_schema=json_schema)
        self.entries[key] = reply
        if len(self.entries) > self.max_entries:
            self.entries.popitem(last=False)
        return reply


class Fallback:
    """Step 3: use ``primary``; on an error, or a reply slower than the limit, use ``backup``."""

    def __init__(
        self,
        primary: ChatModel,
        backup: ChatModel,
        max_seconds: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.primary, self.backup = primary, backup
        self.max_seconds, self.clock = max_seconds, clock
        self.log: list[str] = []

    def complete(self, messages, *, temperature=0.0, json_schema=None) -> str:
        start = self.clock()
        try:
            reply = self.primary.complete(
                messages, temperature=temperature, json_schema=json_schema
            )
        except Exception as error:
            self.log.append(f"backup: primary failed ({type(error).__name__})")
        else:
            if self.clock() - start <= self.max_seconds:
                self.log.append("primary")
                return reply
            self.log.append("backup: primary too slow")
        return self.backup.complete(messages, temperature=temperature, json_schema=json_schema)


class CostLimitExceeded(RuntimeError):
    """The next call would cost more than the budget left."""


def estimate_tokens(text: str) -> int:
    return math.ceil(len(text.split()) * 4 / 3)


class CostMeter:
    """Step 4: price each call; refuse a call once the budget is spent."""

    def __init__(
        self, model: ChatModel, limit: float, input_price: float, output_price: float
    ) -> None:
        """Prices are per million tokens, in the same currency as ``limit``."""
        self.model, self.limit = model, limit
        self.input_price, self.output_price = input_price, output_price
        self.spent = 0.0

    def complete(self, messages, *, temperature=0.0, json_schema=None) -> str:
        if self.spent >= self.limit:
            raise CostLimitExceeded(f"spent {self.spent:.6f} of {self.limit}")
        reply = self.model.complete(messages, temperature=temperature, json_schema=json_schema)
        tokens_in = sum(estimate_tokens(m["content"]) for m in messages)
        self.spent += (
            tokens_in * self.input_price + estimate_tokens(reply) * self.output_price
        ) / 1_000_000
        return reply
