"""A customer-support chatbot two ways: an intent classifier, and retrieval plus a model.

The data are small files written for this site, in ``atlas/scenarios/data/``: a help
centre of twelve articles for a fictional outdoor shop, a set of labelled customer
messages for the classifier, and evaluation questions for the chatbot.

>>> centre = HelpCentre.load()
>>> len(centre.articles), centre.articles[0]["id"]
(12, 'delivery-times')
>>> [hit.article_id for hit in centre.search("When will my refund arrive?", k=2)]
['refunds', 'password-reset']
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics.pairwise import linear_kernel
from sklearn.pipeline import Pipeline, make_pipeline

from atlas.llm import ChatModel, Message
from atlas.llm.standin import sentences

DATA = Path(__file__).resolve().parent / "data"

# --- The ML path: intents learned from labelled messages, answers written by hand -----


def load_intents(split: str) -> tuple[list[str], list[str]]:
    """Texts and intent labels of one split (``"train"`` or ``"test"``)."""
    with (DATA / "intents.csv").open(encoding="utf-8", newline="") as file:
        rows = [row for row in csv.DictReader(file) if row["split"] == split]
    return [row["text"] for row in rows], [row["intent"] for row in rows]


def train_intent_classifier(texts: Sequence[str], intents: Sequence[str]) -> Pipeline:
    """TF-IDF over words and word pairs, then logistic regression."""
    model = make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
        LogisticRegression(C=10, max_iter=1000),
    )
    return model.fit(list(texts), list(intents))


#: One reply per intent, written and maintained by the support team.
CANNED = {
    "track_order": "Use the tracking link in your dispatch email. If it has not changed "
    "for 5 working days, contact us.",
    "refund_status": "Refunds are paid within 5 working days of receiving your return.",
    "return_item": "You can return unused items within 30 days; print the free label "
    "from your account page.",
    "delivery_cost": "Standard delivery is free over 60 euros, otherwise 4.90 euros.",
    "cancel_order": "You can cancel from your account page until the order is dispatched.",
    "change_address": "You can change the address from your account page until dispatch.",
    "payment_methods": "We accept Visa, Mastercard, PayPal and bank transfer.",
    "reset_password": "Use the forgot password link on the sign-in page.",
}
HANDOVER = "Let me pass you to a colleague."


def reply_by_intent(model: Pipeline, message: str, min_confidence: float = 0.4) -> str:
    """The canned reply for the predicted intent, or a handover when the model is unsure."""
    probabilities = model.predict_proba([message])[0]
    best = int(np.argmax(probabilities))
    if probabilities[best] < min_confidence:
        return HANDOVER
    return CANNED[model.classes_[best]]


# --- The AI path: retrieval, a prompt with citations, a model call, an evaluation -----


@dataclass(frozen=True)
class Hit:
    article_id: str
    score: float  # cosine similarity of TF-IDF vectors, 0 to 1


class HelpCentre:
    """The help-centre articles, searchable with TF-IDF (a simple, strong baseline)."""

    def __init__(self, articles: Sequence[dict]) -> None:
        self.articles = list(articles)
        self.by_id = {a["id"]: a for a in self.articles}
        self.vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True)
        self.matrix = self.vectorizer.fit_transform(
            [f"{a['title']} {a['text']}" for a in self.articles]
        )

    @classmethod
    def load(cls, path: Path = DATA / "help_centre.json") -> HelpCentre:
        return cls(json.loads(path.read_text(encoding="utf-8"))["articles"])

    def search(self, question: str, k: int = 2) -> list[Hit]:
        """The ``k`` best-matching articles, best first."""
        return self.search_many([question], k)[0]

    def search_many(self, questions: Sequence[str], k: int = 2) -> list[list[Hit]]:
        """:meth:`search` for many questions in one go (much faster than one by one)."""
        similarity = linear_kernel(self.vectorizer.transform(list(questions)), self.matrix)
        results = []
        for row in similarity:
            order = np.argsort(-row, kind="stable")[:k]
            results.append([Hit(self.articles[i]["id"], round(float(row[i]), 3)) for i in order])
        return results


SYSTEM = (
    "You are the support assistant of Kestrel Outdoor. Answer only from the help-centre "
    "extracts below. After each fact, cite its extract id in square brackets. When the "
    "extracts say nothing relevant, reply that this is outside what you can help with."
)
DECLINE = (
    "Sorry, I can only help with questions about orders, delivery, returns, payments "
    "and accounts at Kestrel Outdoor."
)


def build_prompt(question: str, hits: Sequence[Hit], centre: HelpCentre) -> list[Message]:
    """Instructions, then the retrieved extracts one sentence a line, each with its id."""
    lines = [
        f"[{hit.article_id}] {sentence}"
        for hit in hits
        for sentence in sentences(centre.by_id[hit.article_id]["text"])
    ]
    return [
        {"role": "system", "content": SYSTEM + "\n\n" + "\n".join(lines)},
        {"role": "user", "content": question},
    ]


@dataclass(frozen=True)
class Reply:
    text: str
    sources: tuple[str, ...]  # the articles put in front of the model
    declined: bool  # declined before calling the model: nothing relevant was found


def answer(
    model: ChatModel,
    question: str,
    centre: HelpCentre,
    *,
    k: int = 2,
    min_score: float = 0.1,
    temperature: float = 0.0,
) -> Reply:
    """Retrieve, decline when nothing relevant comes back, otherwise ask the model."""
    hits = [hit for hit in centre.search(question, k) if hit.score >= min_score]
    if not hits:
        return Reply(DECLINE, (), True)
    text = model.complete(build_prompt(question, hits, centre), temperature=temperature)
    return Reply(text, tuple(hit.article_id for hit in hits), False)


# --- Evaluating open-ended answers with a rubric ----------------------------------------

DECLINE_MARKERS = ("can only help", "outside what", "i don't know", "pass you to a colleague")


def load_eval_cases() -> list[dict]:
    return json.loads((DATA / "support_eval.json").read_text(encoding="utf-8"))["cases"]


def is_decline(text: str) -> bool:
    return any(marker in text.lower() for marker in DECLINE_MARKERS)


def grade(case: dict, text: str) -> dict[str, bool]:
    """The rubric checks that apply to one case, each pass or fail.

    In-scope questions: the answer cites the right article and states the key fact (and
    does not decline). Out-of-scope questions: the answer declines.
    """
    if case.get("out_of_scope"):
        return {"declines out-of-scope": is_decline(text)}
    return {
        "cites a source": f"[{case['source']}]" in text,
        "states the key fact": case["fact"].lower() in text.lower() and not is_decline(text),
    }


@dataclass(frozen=True)
class Report:
    checks: dict[str, tuple[int, int]]  # check -> (passed, applicable)
    cases_passed: int
    cases: int

    @property
    def pass_rate(self) -> float:
        return self.cases_passed / self.cases

    def __str__(self) -> str:
        lines = [f"{name:22} {p:>2}/{n}" for name, (p, n) in self.checks.items()]
        lines.append(
            f"{'all checks pass':22} {self.cases_passed:>2}/{self.cases} = {self.pass_rate:.0%}"
        )
        return "\n".join(lines)


def evaluate(reply: Callable[[str], str], cases: Sequence[dict]) -> Report:
    """Send every case's question to ``reply`` and grade the text that comes back.

    A case passes when all of its checks pass. ``reply`` is any function from question to
    answer, so the same rubric grades the intent bot and the retrieval chatbot.
    """
    checks: dict[str, list[int]] = {}
    passed = 0
    for case in cases:
        results = grade(case, reply(case["question"]))
        for name, ok in results.items():
            tally = checks.setdefault(name, [0, 0])
            tally[0] += ok
            tally[1] += 1
        passed += all(results.values())
    return Report({k: (v[0], v[1]) for k, v in checks.items()}, passed, len(cases))
