"""The evals-tracing project, reference solution: evals and tracing as regression tests.

Try ``starter.py`` first; compare with this file once your check passes or you are stuck.
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
        record = Span(name, inputs)
        start = self.clock()
        try:
            yield record
        except Exception as error:
            record.error = f"{type(error).__name__}: {error}"
            raise
        finally:
            record.milliseconds = round((self.clock() - start) * 1000, 3)
            self.spans.append(record)

    def to_jsonl(self) -> str:
        return "\n".join(json.dumps(vars(s), default=str) for s in self.spans)


class TracedModel:
    """Step 2: a ChatModel that records every call as a "model" span, then passes it on."""

    def __init__(self, model: ChatModel, tracer: Tracer) -> None:
        self.model, self.tracer = model, tracer

    def complete(self, messages, *, temperature=0.0, json_schema=None) -> str:
        with self.tracer.span(
            "model", question=messages[-1]["content"], temperature=temperature
        ) as span:
            span.output = self.model.complete(
                messages, temperature=temperature, json_schema=json_schema
            )
        return span.output


@dataclass(frozen=True)
class Case:
    id: str
    question: str
    must_include: list[str]


def evaluate(app: Callable[[str], str], cases: list[Case], tracer: Tracer) -> dict[str, float]:
    """Step 3: score each case (share of required phrases), each inside an "eval" span."""
    scores = {}
    for case in cases:
        with tracer.span("eval", case=case.id) as span:
            answer = app(case.question).lower()
            found = sum(phrase.lower() in answer for phrase in case.must_include)
            scores[case.id] = found / len(case.must_include) if case.must_include else 1.0
            span.output = scores[case.id]
    return scores


def regressions(
    current: dict[str, float], baseline: dict[str, float], tolerance: float = 0.0
) -> list[str]:
    """Step 4: what got worse than the baseline; an empty list means the gate is open."""
    problems = []
    for case_id, before in baseline.items():
        if case_id not in current:
            problems.append(f"{case_id}: missing from this run")
        elif current[case_id] < before - tolerance:
            problems.append(f"{case_id}: {before:.2f} -> {current[case_id]:.2f}")
    if baseline and current:
        old = sum(baseline.values()) / len(baseline)
        new = sum(current.values()) / len(current)
        if new < old - tolerance:
            problems.append(f"mean: {old:.2f} -> {new:.2f}")
    return problems
