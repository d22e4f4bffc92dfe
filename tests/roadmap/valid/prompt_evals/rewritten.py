"""Valid: the same behaviour written another way.

load_cases checks each record in a helper, score counts in a loop, run_eval builds its
own messages, and pick_prompt compares the difference of means with the margin.
parse_verdict finds the braces with a regular expression and checks the verdict word by
word, judge builds its own messages and a looser schema (only "verdict" required), and
agreement counts the four cells of a two-by-two table.
"""

import json
import re
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


@dataclass(frozen=True)
class Labelled:
    question: str
    answer: str
    rubric: str
    label: bool
    why: str


@dataclass(frozen=True)
class Agreement:
    raw: float
    kappa: float


def load_labelled(text: str) -> list[Labelled]:
    rows = [json.loads(line) for line in text.splitlines() if line.strip()]
    return [
        Labelled(r["question"], r["answer"], r["rubric"], r["label"] == "pass", r["why"])
        for r in rows
    ]


OBJECT = re.compile(r"\{.*\}", re.DOTALL)


def parse_verdict(reply: str) -> bool | None:
    match = OBJECT.search(reply)
    if match is None:
        return None
    try:
        data = json.loads(match.group(0))
    except ValueError:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("verdict"), str):
        return None
    word = data["verdict"].strip().casefold()
    if word == "pass":
        return True
    if word == "fail":
        return False
    return None


def judge(model: ChatModel, question: str, answer: str, rubric: str) -> bool:
    schema = {
        "type": "object",
        "properties": {"verdict": {"enum": ["fail", "pass"]}, "reason": {"type": "string"}},
        "required": ["verdict"],
    }
    messages = [
        {
            "role": "system",
            "content": "Grade the answer against this rubric and nothing else: " + rubric,
        },
        {"role": "user", "content": f"Q: {question}\nA: {answer}"},
    ]
    verdict = parse_verdict(model.complete(messages, json_schema=schema, temperature=0))
    return bool(verdict)


def agreement(judge_verdicts: list[bool], human_labels: list[bool]) -> Agreement:
    if not judge_verdicts or len(judge_verdicts) != len(human_labels):
        raise ValueError("one verdict per label, at least one")
    cells = {(a, b): 0 for a in (True, False) for b in (True, False)}
    for pair in zip(judge_verdicts, human_labels, strict=True):
        cells[pair] += 1
    n = len(human_labels)
    observed = (cells[True, True] + cells[False, False]) / n
    yes = (cells[True, True] + cells[True, False]) * (cells[True, True] + cells[False, True])
    no = (cells[False, False] + cells[False, True]) * (cells[False, False] + cells[True, False])
    expected = (yes + no) / n**2
    if expected == 1:
        return Agreement(observed, float("nan"))
    return Agreement(observed, (observed - expected) / (1 - expected))


def measure_judge(model: ChatModel, labelled: list[Labelled]) -> Agreement:
    verdicts = []
    for item in labelled:
        verdicts.append(judge(model, item.question, item.answer, item.rubric))
    return agreement(verdicts, [item.label for item in labelled])
