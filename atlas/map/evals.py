"""A tolerance-based eval: ask the same thing many times, pass if enough replies are good.

A model sampled with ``temperature`` above zero can answer the same request differently
each time, so one exact expected output is the wrong test. Instead, run several samples,
check each with a function, and compare the pass rate with a threshold you chose.

>>> class Echo:  # a toy model for the example: it always says the same thing
...     def complete(self, messages, *, temperature=0.0, json_schema=None):
...         return "Refunds take 14 days."
>>> question = [{"role": "user", "content": "How long do refunds take?"}]
>>> print(run_eval(Echo(), question, lambda reply: "14 days" in reply, samples=5))
5/5 passed (100%), needed 80%: PASS
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from atlas.llm import ChatModel, Message


@dataclass(frozen=True)
class EvalResult:
    """How many samples passed, and whether that is enough."""

    passed: int
    total: int
    threshold: float
    failures: tuple[str, ...] = field(default=(), repr=False)  # the replies that failed

    @property
    def pass_rate(self) -> float:
        return self.passed / self.total

    @property
    def ok(self) -> bool:
        return self.pass_rate >= self.threshold

    def __str__(self) -> str:
        verdict = "PASS" if self.ok else "FAIL"
        return (
            f"{self.passed}/{self.total} passed ({self.pass_rate:.0%}), "
            f"needed {self.threshold:.0%}: {verdict}"
        )


def run_eval(
    model: ChatModel,
    messages: Sequence[Message],
    check: Callable[[str], bool],
    *,
    samples: int = 10,
    temperature: float = 0.7,
    threshold: float = 0.8,
) -> EvalResult:
    """Sample ``model`` ``samples`` times and count the replies ``check`` accepts.

    The eval passes when the share of accepted replies is at least ``threshold``: some
    failures are tolerated, as long as there are few enough of them.
    """
    if samples < 1:
        raise ValueError("samples must be at least 1")
    if not 0.0 <= threshold <= 1.0:
        raise ValueError("threshold is a share between 0 and 1")
    replies = [model.complete(messages, temperature=temperature) for _ in range(samples)]
    failures = tuple(reply for reply in replies if not check(reply))
    return EvalResult(
        passed=samples - len(failures), total=samples, threshold=threshold, failures=failures
    )
