"""Valid: the stretch goals as written, with another structure for streaming.

stream_words scans characters instead of using a regular expression. The cache can
persist to disk, keyed on a hash of the request, and expires entries after a day. The
fallback has a circuit breaker: after three failures within a minute it skips the
primary for a while.
"""

import hashlib
import json
import math
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator
from pathlib import Path

from atlas.llm import ChatModel


def stream_words(text: str, size: int = 3) -> Iterator[str]:
    """Step 1: yield ``text`` in pieces of ``size`` words; joined, they give ``text`` back."""
    piece, count, in_word = "", 0, False
    for char in text:
        if char.isspace() and in_word:
            count += 1
            if count == size:
                yield piece
                piece, count = "", 0
        in_word = not char.isspace()
        piece += char
    if in_word:
        count += 1
    if piece:
        yield piece


class CachedModel:
    """Step 2: remember replies to identical requests at temperature 0 (least recent out)."""

    def __init__(
        self,
        model: ChatModel,
        max_entries: int = 256,
        path: Path | None = None,
        max_age: float = 24 * 3600,
        now: Callable[[], float] = time.time,
    ) -> None:
        self.model, self.max_entries = model, max_entries
        self.path, self.max_age, self.now = path, max_age, now
        self.entries: OrderedDict[str, str] = OrderedDict()
        self.stored: dict[str, float] = {}
        self.hits = self.misses = 0
        if path is not None and path.exists():
            saved = json.loads(path.read_text(encoding="utf-8"))
            for key, (reply, when) in saved.items():
                self.entries[key], self.stored[key] = reply, when

    def save(self) -> None:
        if self.path is not None:
            data = {k: [v, self.stored[k]] for k, v in self.entries.items()}
            self.path.write_text(json.dumps(data), encoding="utf-8")

    def complete(self, messages, *, temperature=0.0, json_schema=None) -> str:
        if temperature > 0:  # varied replies are the point: never cache them
            return self.model.complete(messages, temperature=temperature, json_schema=json_schema)
        request = json.dumps([list(messages), json_schema], sort_keys=True)
        key = hashlib.sha256(request.encode("utf-8")).hexdigest()
        if key in self.entries and self.now() - self.stored[key] > self.max_age:
            del self.entries[key], self.stored[key]  # expired
        if key in self.entries:
            self.hits += 1
            self.entries.move_to_end(key)
            return self.entries[key]
        self.misses += 1
        reply = self.model.complete(messages, temperature=temperature, json_schema=json_schema)
        self.entries[key], self.stored[key] = reply, self.now()
        if len(self.entries) > self.max_entries:
            oldest, _ = self.entries.popitem(last=False)
            del self.stored[oldest]
        self.save()
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
        self.failures: list[float] = []  # when the primary failed, within the last minute
        self.open_until = float("-inf")

    def complete(self, messages, *, temperature=0.0, json_schema=None) -> str:
        start = self.clock()
        if start < self.open_until:
            self.log.append("backup: circuit open")
            return self.backup.complete(messages, temperature=temperature, json_schema=json_schema)
        try:
            reply = self.primary.complete(
                messages, temperature=temperature, json_schema=json_schema
            )
        except Exception as error:
            self.log.append(f"backup: primary failed ({type(error).__name__})")
            self.failures = [t for t in self.failures if start - t < 60] + [start]
            if len(self.failures) >= 3:
                self.open_until, self.failures = start + 60, []
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
