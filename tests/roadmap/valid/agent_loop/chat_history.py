"""Valid: the same loop written differently, with the second stretch goal.

The transcript is sent as a chat history (assistant and user turns) rather than one user
message, the guardrails are a list of rule functions, and each step's tokens and time are
recorded and printed as a short report at the end of a run.
"""

import json
import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from atlas.llm import ChatModel, Message

FINAL = "final"


class BudgetExceeded(RuntimeError):
    """Raised by :meth:`Budget.charge` when a call would go over a limit."""


@dataclass
class Budget:
    max_steps: int = 5
    max_tokens: int = 2000
    steps: int = 0
    tokens: int = 0

    def charge(self, messages: list[Message], reply: str) -> None:
        cost = estimate_tokens(reply) + sum(estimate_tokens(m["content"]) for m in messages)
        self.steps, self.tokens = self.steps + 1, self.tokens + cost
        if self.steps > self.max_steps:
            raise BudgetExceeded(f"step budget exhausted after {self.max_steps} calls")
        if self.tokens > self.max_tokens:
            raise BudgetExceeded(f"token budget exhausted: {self.tokens} > {self.max_tokens}")


@dataclass(frozen=True)
class Action:
    name: str
    input: str


@dataclass
class Result:
    answer: str | None
    stopped_because: str
    transcript: list[str] = field(default_factory=list)


def estimate_tokens(text: str) -> int:
    words = len(text.split())
    return math.ceil(words * 4 / 3)


BLOCKED = [
    re.compile(p, re.IGNORECASE) for p in (r"\bdrop\s+table\b", r"\brm\s+-rf\b", r"\bpassword\b")
]


def _known(action, tools):
    return None if action.name == FINAL or action.name in tools else "unknown tool"


def _short(action, tools):
    return None if len(action.input) <= 500 else "input too long"


def _clean(action, tools):
    hits = [p.pattern for p in BLOCKED if p.search(action.input)]
    return f"blocked: {hits[0]}" if hits else None


RULES = [_known, _short, _clean]


def guard(action: Action, tools: dict[str, Callable[[str], str]]) -> str | None:
    return next((r for r in (rule(action, tools) for rule in RULES) if r), None)


def parse_action(reply: str) -> Action | None:
    try:
        data = json.loads(reply)
        name, text = data["action"], data.get("input", "")
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    return Action(name, text) if isinstance(name, str) and isinstance(text, str) else None


def run_agent(
    model: ChatModel, task: str, tools: dict[str, Callable[[str], str]], budget: Budget
) -> Result:
    schema = {
        "type": "object",
        "properties": {"action": {"enum": [FINAL, *tools]}, "input": {"type": "string"}},
        "required": ["action", "input"],
    }
    tool_list = ", ".join(tools)
    history: list[Message] = [
        {"role": "system", "content": f"You may use: {tool_list}. Answer with {FINAL!r}."},
        {"role": "user", "content": f"Task: {task}"},
    ]
    transcript: list[str] = []
    report: list[tuple[int, float]] = []

    def done(answer, why):
        for number, (tokens, seconds) in enumerate(report, 1):
            print(f"step {number}: {tokens} tokens, {seconds * 1000:.1f} ms")
        return Result(answer, why, transcript)

    while True:
        before, started = budget.tokens, time.perf_counter()
        reply = model.complete(history, json_schema=schema)
        try:
            budget.charge(history, reply)
        except BudgetExceeded as error:
            return done(None, str(error))
        finally:
            report.append((budget.tokens - before, time.perf_counter() - started))
        history.append({"role": "assistant", "content": reply})
        action = parse_action(reply)
        if action is None:
            note = "Observation: not an action; reply with JSON action and input."
        elif refusal := guard(action, tools):
            return done(None, f"guardrail: {refusal}")
        elif action.name == FINAL:
            return done(action.input, "answer")
        else:
            try:
                output = tools[action.name](action.input)
            except Exception as error:  # noqa: BLE001
                output = f"error: {type(error).__name__}: {error}"
            transcript.append(f"Action: {action.name}({action.input})")
            note = f"Observation: {output}"
        transcript.append(note)
        history.append({"role": "user", "content": note})
