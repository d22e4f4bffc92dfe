"""The shipping project: streaming, caching, fallbacks and cost budgets.

Fill in the steps in order; after each, run the done-when check from the project's root
folder:

    make check P=shipping

Each wrapper is itself a ChatModel, so they stack: CostMeter(CachedModel(Fallback(...))).
"""

import json  # noqa: F401  (Step 2)
import math
import re  # noqa: F401  (Step 1)
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator

from atlas.llm import ChatModel


def stream_words(text: str, size: int = 3) -> Iterator[str]:
    """Step 1: yield ``text`` in pieces of ``size`` words; joined, they give ``text`` back."""
    raise NotImplementedError(
        "Step 1: split the text into pieces of leading whitespace plus a word "
        "(re.findall(r'\\s*\\S+', text)), yield them `size` at a time joined together, "
        "then yield any trailing whitespace, so that ''.join(chunks) == text."
    )
    yield  # unreachable; keeps this a generator until you write it


class CachedModel:
    """Step 2: remember replies to identical requests at temperature 0 (least recent out)."""

    def __init__(self, model: ChatModel, max_entries: int = 256) -> None:
        self.model, self.max_entries = model, max_entries
        self.entries: OrderedDict[str, str] = OrderedDict()
        self.hits = self.misses = 0

    def complete(self, messages, *, temperature=0.0, json_schema=None) -> str:
        raise NotImplementedError(
            "Step 2: at temperature > 0 always call the model; otherwise key the request "
            "on json.dumps([list(messages), json_schema], sort_keys=True): a known key "
            "counts a hit and returns the stored reply (move it to the end); a new one "
            "counts a miss, calls the model and stores the reply, dropping the least "
            "recently used entry beyond max_entries. Pass temperature and json_schema on "
            "to the model."
        )


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
        raise NotImplementedError(
            "Step 3: time the primary's call with self.clock(); return its reply (log "
            "'primary') unless it raised any Exception (log 'backup: primary failed "
            "(<ExceptionType>)') or took more than self.max_seconds (log 'backup: primary "
            "too slow'; exactly max_seconds is fine); in those cases return the backup's "
            "reply. Pass temperature and json_schema on to both models."
        )


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
        raise NotImplementedError(
            "Step 4: raise CostLimitExceeded, before calling the model, if self.spent >= "
            "self.limit; else call the model (with temperature and json_schema) and add "
            "(input tokens * input_price + reply tokens * output_price) / 1_000_000 to "
            "self.spent, counting tokens with estimate_tokens over every message's "
            "content and over the reply."
        )
