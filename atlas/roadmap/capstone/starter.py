"""The capstone project: the capstone support assistant.

Fill in the steps in order; after each, run the done-when check from the project's root
folder:

    make check P=capstone

It reuses the reference solutions of the retrieval and shipping projects; swap in your
own modules once they pass their checks.
"""

import json
from dataclasses import dataclass
from pathlib import Path

import atlas
from atlas.llm import ChatModel
from atlas.llm.standin import NO_ANSWER, words  # noqa: F401  (Steps 2 and 3)
from atlas.roadmap.retrieval.solution import DOCUMENTS as SAMPLE_DOCUMENTS
from atlas.roadmap.retrieval.solution import (  # noqa: F401  (Steps 1 and 2)
    Answer,
    Retriever,
    answer,
    chunk,
    load_documents,
)
from atlas.roadmap.shipping.solution import CachedModel, CostMeter

# The sample documents and eval cases. To use your own, put .md files and a cases.json
# (same format) in a folder under work/, which git ignores, and point these at it:
#     DOCUMENTS = Path(__file__).parent / "capstone" / "documents"
#     CASES = Path(__file__).parent / "capstone" / "cases.json"
DOCUMENTS = SAMPLE_DOCUMENTS
CASES = Path(atlas.__file__).parent / "roadmap" / "capstone" / "cases.json"


def build_retriever(folder: Path = DOCUMENTS) -> Retriever:
    """Step 1: chunk every document in ``folder`` and index the chunks."""
    raise NotImplementedError(
        "Step 1: load_documents(folder), chunk(name, text) each one, and return a "
        "Retriever over all the chunks."
    )


MIN_COVERAGE = 0.6


def covers(question: str, text: str) -> bool:
    """Step 2a: does the answer use most (at least MIN_COVERAGE) of the question's words?

    A crude groundedness check that suits the offline stand-in, which copies sentences;
    with a real model, ask it to refuse and check its citations instead or as well.
    """
    raise NotImplementedError(
        "Step 2a: with words() from the stand-in module, return True when the question "
        "has content words and at least MIN_COVERAGE of them appear in the text."
    )


@dataclass
class Assistant:
    """Step 2b: retrieval with citations; a cost limit behind a cache (so repeats are
    free); refuses answers that cite nothing or do not cover the question."""

    model: ChatModel
    retriever: Retriever
    cost_limit: float = 0.05

    def __post_init__(self) -> None:
        self.meter = CostMeter(self.model, limit=self.cost_limit, input_price=1.0, output_price=4.0)
        self.cache = CachedModel(self.meter)

    def ask(self, question: str) -> Answer:
        raise NotImplementedError(
            "Step 2b: reply = answer(self.cache, self.retriever, question, k=2) (the model "
            "is called through the cache, and the meter sits behind the cache, so a "
            "repeat costs nothing); return Answer(NO_ANSWER, []) when the reply cites "
            "nothing or covers(question, reply.text) is False; else return the reply."
        )


def load_cases(path: Path = CASES) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))


def score(reply: Answer, case: dict) -> float:
    """Step 3: 1 for a right, cited answer (or a refusal when there is no source), else 0."""
    raise NotImplementedError(
        "Step 3: a case with source None scores 1.0 only for Answer(NO_ANSWER, []); any "
        "other case scores 1.0 when a source's file name (before '#') is the case's "
        "source AND every must_include phrase is in the text (any case); else 0.0."
    )


def evaluate(assistant: Assistant, cases: list[dict]) -> dict[str, float]:
    return {case["id"]: score(assistant.ask(case["question"]), case) for case in cases}


def release_blockers(
    scores: dict[str, float], cases: list[dict], threshold: float = 0.8
) -> list[str]:
    """Step 4: why this version must not ship; an empty list means it may."""
    raise NotImplementedError(
        "Step 4: list 'mean score <mean> is below <threshold>' when the mean is under the "
        "threshold (a mean equal to it passes), and '<id>: answered a question it should "
        "have refused' for every case with source None that did not score 1.0."
    )
