"""The prompt-evals project: prompts measured by an eval set.

Fill in the seven steps in order; after each, run the done-when check from the
repository's root folder:

    make check P=prompt-evals

The eval set you will use is ``atlas/roadmap/prompt_evals/cases.jsonl``: one JSON
object a line. Steps 5 to 7 grade answers with a model as the judge and measure that
judge against ``judged.jsonl``, twelve answers a person has labelled pass or fail. The
check also uses eval sets, answers, labels and model replies of its own.
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
    raise NotImplementedError(
        "Step 5: take the text from the first '{' to the last '}' of the reply (a model "
        "may wrap its JSON in a ```json fence or in other words) and json.loads it; if it is "
        "an object whose 'verdict' is the string 'pass' or 'fail' (ignore case and surrounding "
        "spaces) return True or False; return None for anything else: no braces, broken "
        "JSON, no verdict, another word, not a string."
    )


def judge(model: ChatModel, question: str, answer: str, rubric: str) -> bool:
    """Step 6: ask for a verdict at temperature 0 in the schema; no clear verdict is no pass."""
    raise NotImplementedError(
        "Step 6: call model.complete(judge_messages(question, answer, rubric), "
        "temperature=0.0, json_schema=VERDICT_SCHEMA) once and return True only when "
        "parse_verdict says pass: a reply with no clear verdict is not a pass (False)."
    )


def agreement(judge_verdicts: list[bool], human_labels: list[bool]) -> Agreement:
    """Step 7: raw agreement and Cohen's kappa of a judge's verdicts and people's labels."""
    raise NotImplementedError(
        "Step 7: raise ValueError unless both lists are non-empty and of the same length; "
        "raw = share of positions where verdict == label; chance = p_judge_pass * "
        "p_human_pass + p_judge_fail * p_human_fail; kappa = (raw - chance) / (1 - chance), "
        "or float('nan') when chance is 1; return Agreement(raw, kappa)."
    )


def measure_judge(model: ChatModel, labelled: list[Labelled]) -> Agreement:
    """Judge every labelled answer and compare the verdicts with the people's labels."""
    verdicts = [judge(model, item.question, item.answer, item.rubric) for item in labelled]
    return agreement(verdicts, [item.label for item in labelled])
