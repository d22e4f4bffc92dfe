"""The agent-loop project: an agent loop with budgets and guardrails.

Fill in the steps in order; after each, run the done-when check from the project's root
folder:

    make check P=agent-loop
"""

import json  # noqa: F401  (Step 3)
import math  # noqa: F401  (Step 1a)
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
        raise NotImplementedError(
            "Step 1b: add 1 to self.steps and the estimated tokens of every message's "
            "content and of the reply to self.tokens; raise BudgetExceeded('step budget "
            "...') when steps > max_steps, BudgetExceeded('token budget ...') when tokens "
            "> max_tokens (reaching a limit exactly is still within it)."
        )


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
    raise NotImplementedError("Step 1a: return math.ceil(number of words * 4 / 3).")


BLOCKED = [
    re.compile(p, re.IGNORECASE) for p in (r"\bdrop\s+table\b", r"\brm\s+-rf\b", r"\bpassword\b")
]


def guard(action: Action, tools: dict[str, Callable[[str], str]]) -> str | None:
    """Step 2: the reason to refuse an action, or None when it may run."""
    raise NotImplementedError(
        "Step 2: return a reason (text) when the action is not FINAL and not one of the "
        "tools given, when its input is longer than 500 characters, or when the input "
        "(a FINAL answer too) matches one of BLOCKED; otherwise return None."
    )


def parse_action(reply: str) -> Action | None:
    """Step 3: ``{"action": ..., "input": ...}`` as an Action, or None if it is not one."""
    raise NotImplementedError(
        "Step 3: json.loads the reply; return Action(data['action'], data.get('input', "
        "'')) when both are strings; return None for bad JSON or any other shape."
    )


def run_agent(
    model: ChatModel, task: str, tools: dict[str, Callable[[str], str]], budget: Budget
) -> Result:
    """Step 4: ask, check, act, observe, until an answer, a refusal or the budget's end."""
    raise NotImplementedError(
        "Step 4: loop: send the task and the transcript so far (json_schema with "
        "'action' in [FINAL, *tools] and a string 'input'); budget.charge(messages, reply) "
        "and stop with Result(None, str(error), transcript) on BudgetExceeded; an invalid "
        "reply adds a line 'Observation: ...' saying so and continues; guard() checks "
        "every action, FINAL too, and a refusal stops with 'guardrail: <reason>'; FINAL "
        "returns Result(input, 'answer', transcript); a tool runs and 'Observation: "
        "<output>' is added, or 'Observation: error: <message>' when the tool raises."
    )
