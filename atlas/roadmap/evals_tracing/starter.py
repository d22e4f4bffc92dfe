"""The evals-tracing project: evals and tracing as regression tests.

Fill in the steps in order; after each, run the done-when check from the project's root
folder:

    make check P=evals-tracing
"""

import contextlib
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from atlas.llm import ChatModel


@dataclass
class Span:
    """One traced operation: what went in, what came out, how long it took."""

    name: str
    inputs: dict[str, Any]
    output: Any = None
    error: str | None = None
    milliseconds: float = 0.0


@dataclass
class Tracer:
    """Collects spans. ``clock`` returns seconds; tests pass a fake one."""

    clock: Callable[[], float] = time.perf_counter
    spans: list[Span] = field(default_factory=list)

    @contextlib.contextmanager
    def span(self, name: str, **inputs: Any) -> Iterator[Span]:
        """Step 1: record a span around a block, with its duration and any error."""
        raise NotImplementedError(
            "Step 1: make Span(name, inputs), note self.clock(), yield the span; if the "
            "block raises, set span.error to 'Type: message' and re-raise; in all cases "
            "set span.milliseconds = round((end - start) * 1000, 3) and append the span "
            "to self.spans."
        )
        yield  # unreachable; keeps this a generator until you write it

    def to_jsonl(self) -> str:
        return "\n".join(json.dumps(vars(s), default=str) for s in self.spans)


class TracedModel:
    """Step 2: a ChatModel that records every call as a "model" span, then passes it on."""

    def __init__(self, model: ChatModel, tracer: Tracer) -> None:
        self.model, self.tracer = model, tracer

    def complete(self, messages, *, temperature=0.0, json_schema=None) -> str:
        raise NotImplementedError(
            "Step 2: inside self.tracer.span('model', question=<last message's content>, "
            "temperature=temperature), call the wrapped model with the same messages, "
            "temperature and json_schema, set span.output to the reply, and return it."
        )


@dataclass(frozen=True)
class Case:
    id: str
    question: str
    must_include: list[str]


def evaluate(app: Callable[[str], str], cases: list[Case], tracer: Tracer) -> dict[str, float]:
    """Step 3: score each case (share of required phrases), each inside an "eval" span."""
    raise NotImplementedError(
        "Step 3: for each case, inside tracer.span('eval', case=case.id): call "
        "app(case.question) and score it as the share of must_include phrases found, "
        "case-insensitively (2 of 4 found: 0.5; 1.0 when there are none); set "
        "span.output to the score; return {case.id: score}."
    )


def regressions(
    current: dict[str, float], baseline: dict[str, float], tolerance: float = 0.0
) -> list[str]:
    """Step 4: what got worse than the baseline; an empty list means the gate is open."""
    raise NotImplementedError(
        "Step 4: list a message for each baseline case that is missing ('<id>: missing "
        "...') or scores more than `tolerance` below its baseline (scores with two "
        "decimals: '<id>: 1.00 -> 0.50'; a drop of exactly `tolerance` is allowed), and "
        "one starting 'mean:' when the mean dropped by more than `tolerance`."
    )
