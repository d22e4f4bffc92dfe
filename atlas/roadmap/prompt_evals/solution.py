"""The prompt-evals project, reference solution: prompts measured by an eval set.

Try ``starter.py`` first; compare with this file once your check passes or you are stuck.
"""

import json
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
    cases = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            cases.append(
                Case(
                    question=raw["question"],
                    context=raw["context"],
                    must_include=list(raw["must_include"]),
                    must_not_include=list(raw.get("must_not_include", [])),
                )
            )
        except (json.JSONDecodeError, KeyError, TypeError) as error:
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


# Steps 5 to 7: a model as the judge, measured against answers people have labelled.

JUDGE_PROMPT = (
    "You check one answer of a shop's support assistant against a rubric.\n"
    "Rubric: {rubric}\n"
    "Judge only what the rubric asks: a longer or more polite answer is not a better one.\n"
    'Reply with only a JSON object with two keys: "reason" (one sentence) and "verdict" '
    '("pass" or "fail").'
)
VERDICT_SCHEMA = {
    "type": "object",
    "properties": {
        "reason": {"type": "string"},
        "verdict": {"type": "string", "enum": ["pass", "fail"]},
    },
    "required": ["reason", "verdict"],
    "additionalProperties": False,
}


@dataclass(frozen=True)
class Labelled:
    """One answer a person has judged against a rubric, with the reason for the label."""

    question: str
    answer: str
    rubric: str
    label: bool  # True: the person says the answer passes
    why: str


@dataclass(frozen=True)
class Agreement:
    """How far a judge's verdicts match people's labels: raw, and beyond chance (kappa)."""

    raw: float
    kappa: float


def load_labelled(text: str) -> list[Labelled]:
    """The labelled answers of a JSON Lines file such as ``judged.jsonl``."""
    items = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            item = json.loads(line)
            if item["label"] not in ("pass", "fail"):
                raise ValueError(f"line {number}: label must be 'pass' or 'fail'")
            items.append(
                Labelled(
                    item["question"],
                    item["answer"],
                    item["rubric"],
                    item["label"] == "pass",
                    item["why"],
                )
            )
    return items


def judge_messages(question: str, answer: str, rubric: str) -> list[Message]:
    """The rubric goes in the system message; the question and the answer in the user's."""
    return [
        {"role": "system", "content": JUDGE_PROMPT.format(rubric=rubric)},
        {"role": "user", "content": f"Question: {question}\nAnswer to judge: {answer}"},
    ]


def parse_verdict(reply: str) -> bool | None:
    """Step 5: True for a "pass" verdict, False for "fail", None when there is no clear one."""
    start, end = reply.find("{"), reply.rfind("}")
    if start == -1 or end < start:
        return None
    try:
        found = json.loads(reply[start : end + 1])
    except json.JSONDecodeError:
        return None
    verdict = found.get("verdict") if isinstance(found, dict) else None
    if not isinstance(verdict, str):
        return None
    return {"pass": True, "fail": False}.get(verdict.strip().lower())


def judge(model: ChatModel, question: str, answer: str, rubric: str) -> bool:
    """Step 6: ask for a verdict at temperature 0 in the schema; no clear verdict is no pass."""
    reply = model.complete(
        judge_messages(question, answer, rubric), temperature=0.0, json_schema=VERDICT_SCHEMA
    )
    return parse_verdict(reply) is True


def agreement(judge_verdicts: list[bool], human_labels: list[bool]) -> Agreement:
    """Step 7: raw agreement and Cohen's kappa of a judge's verdicts and people's labels."""
    if len(judge_verdicts) != len(human_labels) or not human_labels:
        raise ValueError(
            f"need one verdict per label: {len(judge_verdicts)} verdicts, "
            f"{len(human_labels)} labels"
        )
    total = len(human_labels)
    raw = sum(j == h for j, h in zip(judge_verdicts, human_labels, strict=True)) / total
    judge_pass, human_pass = sum(judge_verdicts) / total, sum(human_labels) / total
    chance = judge_pass * human_pass + (1 - judge_pass) * (1 - human_pass)
    kappa = (raw - chance) / (1 - chance) if chance < 1 else float("nan")
    return Agreement(raw=raw, kappa=kappa)


def measure_judge(model: ChatModel, labelled: list[Labelled]) -> Agreement:
    """Judge every labelled answer and compare the verdicts with the people's labels."""
    verdicts = [judge(model, item.question, item.answer, item.rubric) for item in labelled]
    return agreement(verdicts, [item.label for item in labelled])
