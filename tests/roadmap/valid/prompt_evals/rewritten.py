"""Valid: the same behaviour written another way.

load_cases checks each record in a helper, score counts in a loop, run_eval builds its
own messages, and pick_prompt compares the difference of means with the margin.
"""

import json
from dataclasses import dataclass, field

from atlas.llm import ChatModel, Message


@dataclass(frozen=True)
class Case:
    question: str
    context: str
    must_include: list[str]
    must_not_include: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Report:
    prompt: str
    scores: list[float]

    @property
    def mean(self) -> float:
        return sum(self.scores) / len(self.scores) if self.scores else 0.0


def _case(raw: object) -> Case:
    if not isinstance(raw, dict) or not {"question", "context", "must_include"} <= raw.keys():
        raise ValueError("needs question, context and must_include")
    return Case(
        raw["question"], raw["context"], raw["must_include"], raw.get("must_not_include", [])
    )


def load_cases(text: str) -> list[Case]:
    cases = []
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            try:
                cases.append(_case(json.loads(line)))
            except ValueError as error:  # json.JSONDecodeError is a ValueError
                raise ValueError(f"cases file, line {number}: {error}") from None
    return cases


def score(answer: str, case: Case) -> float:
    text = answer.casefold()
    for phrase in case.must_not_include:
        if phrase.casefold() in text:
            return 0.0
    if len(case.must_include) == 0:
        return 1.0
    found = 0
    for phrase in case.must_include:
        if phrase.casefold() in text:
            found += 1
    return found / len(case.must_include)


def build_messages(prompt: str, case: Case) -> list[Message]:
    return [
        {"role": "system", "content": prompt.format(context=case.context)},
        {"role": "user", "content": case.question},
    ]


def run_eval(model: ChatModel, prompt: str, cases: list[Case]) -> Report:
    scores = []
    for case in cases:
        system = prompt.replace("{context}", case.context)
        messages = [
            {"role": "system", "content": system},
            {"role": "user", "content": case.question},
        ]
        scores.append(score(model.complete(messages, temperature=0), case))
    return Report(prompt, scores)


def pick_prompt(
    model: ChatModel, current: str, candidate: str, cases: list[Case], margin: float = 0.05
) -> str:
    gain = run_eval(model, candidate, cases).mean - run_eval(model, current, cases).mean
    if gain > margin:
        return candidate
    return current
