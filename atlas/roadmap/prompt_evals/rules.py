"""What the prompt-evals check holds your code to, and the data it makes up to test it.

The page's rules written out as code (how an answer is scored, what a judge's verdict
looks like, agreement and kappa worked out independently of your code), scripted judges
and generators of held-back eval sets and labels, seeded per test, so code fitted to the
page's examples fails."""

import json
import math
import random
from pathlib import Path

import pytest

from atlas.llm import OfflineStandIn

CASES_TEXT = (Path(__file__).parent / "cases.jsonl").read_text(encoding="utf-8")


LABELLED_TEXT = (Path(__file__).parent / "judged.jsonl").read_text(encoding="utf-8")


RANDOM = random.Random()


WORDS = (
    "amber basil cedar delta ember fjord garnet harbour indigo juniper kelp lantern "
    "meadow nickel orchid pepper quartz raven saffron tundra umber velvet willow yarrow"
).split()


def phrase(size: int = 2) -> str:
    return " ".join(RANDOM.sample(WORDS, size))


def expected_score(answer: str, must: list[str], must_not: list[str]) -> float:
    text = answer.lower()
    if any(p.lower() in text for p in must_not):
        return 0.0
    return sum(p.lower() in text for p in must) / len(must) if must else 1.0


def shout(text: str) -> str:
    """``text`` with its letters' case changed at random."""
    return "".join(c.upper() if RANDOM.random() < 0.5 else c for c in text)


class Obedient:
    """A test double: answers from the context only when the prompt says 'only'."""

    def __init__(self) -> None:
        self.standin = OfflineStandIn()

    def complete(self, messages, **kwargs):
        if "only" in messages[0]["content"].lower():
            return self.standin.complete(messages)
        return "Great question! Our team is always happy to help."


# (cases the current prompt gets right, the candidate's, margin, which prompt wins)
MARGINS = [
    ({0, 1}, {0, 1, 2}, 0.25, "current"),  # 0.75 is not more than 0.5 + 0.25
    ({0, 1}, {0, 1, 2}, 0.2, "candidate"),
    ({0, 1}, {0, 1, 2}, 0.0, "candidate"),
    ({0, 1, 2}, {0, 1}, 0.0, "current"),
    ({1, 3}, {0, 2}, 0.0, "current"),
    (set(), {0, 1, 2, 3}, 0.5, "candidate"),
    (set(), {0, 1, 2, 3}, 1.0, "current"),
]


# How a model may wrap the JSON it was asked for; BODY is replaced by the object.
WRAPPINGS = {
    "bare": "BODY",
    "in a ```json fence": "```json\nBODY\n```",
    "in a plain ``` fence": "```\nBODY\n```\n",
    "between other words": "Here is my verdict:\nBODY\nI hope this helps.",
    "after a blank line": "\n\n  BODY  \n",
}


PASS_WORDS, FAIL_WORDS = ["pass", "PASS", " Pass ", "Pass"], ["fail", "FAIL", "Fail ", " fail"]


def verdict_reply(verdict: bool, how: str = "bare", reason: str | None = None) -> str:
    """A judge's reply with this verdict, wrapped as ``how`` says."""
    word = RANDOM.choice(PASS_WORDS if verdict else FAIL_WORDS)
    if reason is None:
        reason = RANDOM.choice(
            [
                f"It names the {phrase()}.",
                # a trap for reading the words instead of the verdict
                f"It would {'fail' if verdict else 'pass'} if it left out the {phrase()}.",
                f"The {{context}} says {phrase()}; so does the answer.",
            ]
        )
    fields = [("reason", reason), ("verdict", word)]
    if RANDOM.random() < 0.3:
        fields.reverse()
    body = json.dumps(dict(fields), indent=RANDOM.choice([None, 2]), ensure_ascii=False)
    return WRAPPINGS[how].replace("BODY", body)


def messy_reply(verdict: bool) -> tuple[str, str]:
    how = RANDOM.choice(list(WRAPPINGS))
    return how, verdict_reply(verdict, how)


# (why the reply has no clear verdict, the reply)
NO_VERDICT = [
    ("no JSON at all", "PASS"),
    ("no JSON at all", "The answer passes the rubric."),
    ("an empty reply", ""),
    ("cut short", '{"reason": "It names the 5 days.", "verdict": "pa'),
    ("no verdict", '{"reason": "It names the 5 days."}'),
    ("another word", '{"reason": "Close enough.", "verdict": "passed"}'),
    ("another word", '{"reason": "Mostly right.", "verdict": "partly"}'),
    ("not a string", '{"reason": "Right.", "verdict": true}'),
    ("not a string", '{"reason": "Right.", "verdict": null}'),
    ("not a string", '{"reason": "Right.", "verdict": ["pass"]}'),
    ("not an object", '["pass"]'),
    ("not an object", '"pass"'),
    ("two verdicts", '{"verdict": "pass"} {"verdict": "fail"}'),
    ("broken JSON", "{'reason': 'Right.', 'verdict': 'pass'}"),
    ("broken JSON", '{"reason": "Right.", "verdict": "pass",}'),
]


def expected_agreement(verdicts: list[bool], labels: list[bool]) -> tuple[float, float]:
    """Raw agreement and Cohen's kappa, worked out here on their own."""
    n = len(labels)
    raw = sum(v == h for v, h in zip(verdicts, labels, strict=True)) / n
    pj, ph = verdicts.count(True) / n, labels.count(True) / n
    chance = pj * ph + (1 - pj) * (1 - ph)
    return raw, (raw - chance) / (1 - chance) if chance < 1 else math.nan


def bools(text: str) -> list[bool]:
    return [c == "T" for c in text]


class ByAnswer:
    """A scripted judge: its reply to each answer is fixed in advance, in any call order."""

    def __init__(self, replies: dict[str, str]) -> None:
        self.replies, self.calls = replies, []

    def complete(self, messages, **kwargs):
        self.calls.append({"messages": [dict(m) for m in messages], "kwargs": dict(kwargs)})
        sent = "\n".join(m["content"] for m in messages)
        found = [answer for answer in self.replies if answer in sent]
        if not found:
            pytest.fail(
                "judge must send the answer it judges to the model: use "
                "judge_messages(question, answer, rubric)",
                pytrace=False,
            )
        return self.replies[max(found, key=len)]


def schema_asks_for_a_verdict(schema) -> bool:
    """A JSON Schema that requires a "verdict" of "pass" or "fail"."""
    if not isinstance(schema, dict):
        return False
    verdict = schema.get("properties", {}).get("verdict", {})
    return "verdict" in schema.get("required", []) and set(verdict.get("enum", [])) == {
        "pass",
        "fail",
    }


# (judge's verdicts, people's labels, raw, kappa, what the case shows)
KNOWN = [
    ("TFTF", "TFTF", 1.0, 1.0, "a judge that agrees on every answer"),
    ("TFTF", "FTFT", 0.0, -1.0, "a judge that says the opposite every time"),
    ("TTTFFT", "TTFFTT", 4 / 6, 0.25, "two misses in six, one each way"),
    ("TTTTTTTTTT", "TTTTTTTTTF", 0.9, 0.0, "a judge that passes everything, 9 in 10 pass"),
    ("TTTTTTTTFF", "TTTTTTTTTF", 0.9, 0.16 / 0.26, "it catches the failure, fails one good one"),
    ("FFFF", "TTTT", 0.0, 0.0, "a judge that fails everything, everything passes"),
]


def judges_of(labels: list[bool], answers: list[str]) -> dict[str, list[bool | None]]:
    """Scripted judges that are right or wrong in known ways (None: no clear verdict)."""
    size = len(labels)
    long = sorted(range(size), key=lambda i: len(answers[i]))[size // 2 :]
    return {
        "agrees with every label": list(labels),
        "passes everything": [True] * size,
        "says the opposite every time": [not label for label in labels],
        "passes the longer half of the answers, whatever they say": [
            i in long or label for i, label in enumerate(labels)
        ],
        "gives no clear verdict on every third answer": [
            None if i % 3 == 0 else label for i, label in enumerate(labels)
        ],
    }


def replies_for(verdicts: list[bool | None]) -> list[str]:
    return [RANDOM.choice(NO_VERDICT)[1] if v is None else messy_reply(v)[1] for v in verdicts]
