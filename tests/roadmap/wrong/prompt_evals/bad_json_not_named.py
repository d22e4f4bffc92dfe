"""Wrong: load_cases() names the line of a missing field but not of broken JSON.

json.loads raises its own error, which says 'line 1 column ...' of the one line it saw.
"""

import json
from dataclasses import dataclass, field
from statistics import mean

from atlas.llm import ChatModel, Message

EXPECT = "name the line number"


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
    cases = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        raw = json.loads(line)
        try:
            cases.append(
                Case(
                    question=raw["question"],
                    context=raw["context"],
                    must_include=list(raw["must_include"]),
                    must_not_include=list(raw.get("must_not_include", [])),
                )
            )
        except (KeyError, TypeError) as error:
            raise ValueError(f"line {number}: not a valid case ({error})") from error
    return cases


def score(answer: str, case: Case) -> float:
    """Step 2: the share of required phrases present; 0 if a forbidden phrase appears."""
    text = answer.lower()
    if any(phrase.lower() in text for phrase in case.must_not_include):
        return 0.0
    if not case.must_include:
        return 1.0
    found = sum(phrase.lower() in text for phrase in case.must_include)
    return found / len(case.must_include)


def build_messages(prompt: str, case: Case) -> list[Message]:
    """The prompt template holds ``{context}``; the question goes in the user message."""
    return [
        {"role": "system", "content": prompt.format(context=case.context)},
        {"role": "user", "content": case.question},
    ]


def run_eval(model: ChatModel, prompt: str, cases: list[Case]) -> Report:
    """Step 3: answer every case at temperature 0 with this prompt and score each answer."""
    scores = [
        score(model.complete(build_messages(prompt, case), temperature=0.0), case) for case in cases
    ]
    return Report(prompt=prompt, scores=scores)


def pick_prompt(
    model: ChatModel, current: str, candidate: str, cases: list[Case], margin: float = 0.05
) -> str:
    """Step 4: switch to ``candidate`` only if it beats ``current`` by more than ``margin``."""
    old, new = run_eval(model, current, cases), run_eval(model, candidate, cases)
    return candidate if new.mean > old.mean + margin else current
