"""Project 2: prompts measured by an eval set.

Fill in the four steps in order; after each, run the done-when check from the
repository's root folder:

    make check P=prompt-evals

The eval set you will use is ``atlas/roadmap/prompt_evals/cases.jsonl``: one JSON
object a line. The check also uses eval sets, answers and prompts of its own.
"""

import json  # noqa: F401  (Step 1 needs it)
from dataclasses import dataclass, field
from statistics import mean

from atlas.llm import ChatModel, Message


@dataclass(frozen=True)
class Case:
    """One eval case: a question, its context, and what a good answer must (not) say."""

    question: str
    context: str
    must_include: list[str]
    must_not_include: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Report:
    """The result of running one prompt over every case."""

    prompt: str
    scores: list[float]

    @property
    def mean(self) -> float:
        return mean(self.scores) if self.scores else 0.0


def load_cases(text: str) -> list[Case]:
    """Step 1: one JSON object per line; blank lines skipped; a bad line names its number."""
    raise NotImplementedError(
        "Step 1: parse each non-blank line with json.loads into a Case "
        "(must_not_include is optional); on a bad line (broken JSON, not an object, a "
        "missing field) raise ValueError('line N: ...'), N counting every line from 1, "
        "blank ones too."
    )


def score(answer: str, case: Case) -> float:
    """Step 2: the share of required phrases present; 0 if a forbidden phrase appears."""
    raise NotImplementedError(
        "Step 2: compare case-insensitively; return 0.0 if any must_not_include phrase is "
        "in the answer, else the fraction of must_include phrases found (1.0 if none)."
    )


def build_messages(prompt: str, case: Case) -> list[Message]:
    """The prompt template holds ``{context}``; the question goes in the user message."""
    return [
        {"role": "system", "content": prompt.format(context=case.context)},
        {"role": "user", "content": case.question},
    ]


def run_eval(model: ChatModel, prompt: str, cases: list[Case]) -> Report:
    """Step 3: answer every case at temperature 0 with this prompt and score each answer."""
    raise NotImplementedError(
        "Step 3: for each case call model.complete(build_messages(prompt, case), "
        "temperature=0.0) once, score the answer with score(), and return "
        "Report(prompt, scores) with the scores in the cases' order."
    )


def pick_prompt(
    model: ChatModel, current: str, candidate: str, cases: list[Case], margin: float = 0.05
) -> str:
    """Step 4: switch to ``candidate`` only if it beats ``current`` by more than ``margin``."""
    raise NotImplementedError(
        "Step 4: run_eval both prompts on the cases and return the candidate only when its "
        "mean score is more than the current one's plus margin (a tie at exactly the "
        "margin keeps current); otherwise return current."
    )
