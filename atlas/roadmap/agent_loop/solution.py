"""The agent-loop project, reference solution: an agent loop with budgets and guardrails.

Try ``starter.py`` first; compare with this file once your check passes or you are stuck.
"""

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from atlas.llm import ChatModel, Message

FINAL = "final"


class BudgetExceeded(RuntimeError):
    """Raised by :meth:`Budget.charge` when a call would go over a limit."""


@dataclass
class Budget:
    """Limits for one run: model calls, and tokens as estimated by :func:`estimate_tokens`."""

    max_steps: int = 5
    max_tokens: int = 2000
    steps: int = 0
    tokens: int = 0

    def charge(self, messages: list[Message], reply: str) -> None:
        """Step 1b: count one call and its tokens; raise BudgetExceeded past a limit."""
        self.steps += 1
        self.tokens += sum(estimate_tokens(m["content"]) for m in messages)
        self.tokens += estimate_tokens(reply)
        if self.steps > self.max_steps:
            raise BudgetExceeded(f"step budget of {self.max_steps} calls used up")
        if self.tokens > self.max_tokens:
            raise BudgetExceeded(f"token budget of {self.max_tokens} used up ({self.tokens})")


@dataclass(frozen=True)
class Action:
    name: str  # a tool's name, or FINAL
    input: str


@dataclass
class Result:
    answer: str | None  # None when the run stopped without an answer
    stopped_because: str  # "answer", or why it stopped
    transcript: list[str] = field(default_factory=list)


def estimate_tokens(text: str) -> int:
    """Step 1a: a rough token count: four tokens for every three words, rounded up."""
    return math.ceil(len(text.split()) * 4 / 3)


BLOCKED = [
    re.compile(p, re.IGNORECASE) for p in (r"\bdrop\s+table\b", r"\brm\s+-rf\b", r"\bpassword\b")
]


def guard(action: Action, tools: dict[str, Callable[[str], str]]) -> str | None:
    """Step 2: the reason to refuse an action, or None when it may run."""
    if action.name != FINAL and action.name not in tools:
        return f"tool {action.name!r} is not allowed"
    if len(action.input) > 500:
        return "input longer than 500 characters"
    for pattern in BLOCKED:
        if pattern.search(action.input):
            return f"input matches the blocked pattern {pattern.pattern!r}"
    return None


def parse_action(reply: str) -> Action | None:
    """Step 3: ``{"action": ..., "input": ...}`` as an Action, or None if it is not one."""
    try:
        data = json.loads(reply)
    except json.JSONDecodeError:
        return None
    if not isinstance(data, dict):
        return None
    name, text = data.get("action"), data.get("input", "")
    if not isinstance(name, str) or not isinstance(text, str):
        return None
    return Action(name, text)


def run_agent(
    model: ChatModel, task: str, tools: dict[str, Callable[[str], str]], budget: Budget
) -> Result:
    """Step 4: ask, check, act, observe, until an answer, a refusal or the budget's end."""
    transcript: list[str] = []
    schema = {
        "type": "object",
        "required": ["action", "input"],
        "properties": {"action": {"enum": [FINAL, *sorted(tools)]}, "input": {"type": "string"}},
    }
    menu = "\n".join(f"{name}: {function.__doc__}" for name, function in tools.items())
    while True:
        messages: list[Message] = [
            {
                "role": "system",
                "content": f"Solve the task. Tools:\n{menu}\n"
                f"Reply with an action: a tool with its input, or {FINAL!r} with the answer.",
            },
            {
                "role": "user",
                "content": "\n".join([f"Task: {task}", *transcript, "What is the next action?"]),
            },
        ]
        reply = model.complete(messages, json_schema=schema)
        try:
            budget.charge(messages, reply)
        except BudgetExceeded as error:
            return Result(None, str(error), transcript)
        action = parse_action(reply)
        if action is None:
            transcript.append("Observation: that reply was not a valid action.")
            continue
        refusal = guard(action, tools)
        if refusal:
            return Result(None, f"guardrail: {refusal}", transcript)
        if action.name == FINAL:
            return Result(action.input, "answer", transcript)
        try:
            observation = tools[action.name](action.input)
        except Exception as error:
            observation = f"error: {error}"
        transcript.append(f"Action: {action.name}({action.input})")
        transcript.append(f"Observation: {observation}")
