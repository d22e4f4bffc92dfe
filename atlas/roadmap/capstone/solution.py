"""The capstone project, reference solution: the capstone support assistant.

Try ``starter.py`` first; compare with this file once your check passes or you are stuck.
It reuses the reference solutions of the retrieval and shipping projects; swap in your
own modules once they pass their checks.
"""

import json
from dataclasses import dataclass
from pathlib import Path

import atlas
from atlas.llm import ChatModel
from atlas.llm.standin import NO_ANSWER, words
from atlas.roadmap.retrieval.solution import DOCUMENTS as SAMPLE_DOCUMENTS
from atlas.roadmap.retrieval.solution import (
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
    return Retriever(
        [c for name, text in load_documents(folder).items() for c in chunk(name, text)]
    )


MIN_COVERAGE = 0.6


def covers(question: str, text: str) -> bool:
    """Step 2a: does the answer use most (at least MIN_COVERAGE) of the question's words?

    A crude groundedness check that suits the offline stand-in, which copies sentences;
    with a real model, ask it to refuse and check its citations instead or as well.
    """
    asked = words(question)
    return bool(asked) and len(asked & words(text)) / len(asked) >= MIN_COVERAGE


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
        reply = answer(self.cache, self.retriever, question, k=2)
        if not reply.sources or not covers(question, reply.text):  # unsupported: refuse
            return Answer(NO_ANSWER, [])
        return reply


def load_cases(path: Path = CASES) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))


def score(reply: Answer, case: dict) -> float:
    """Step 3: 1 for a right, cited answer (or a refusal when there is no source), else 0."""
    if case["source"] is None:
        return 1.0 if reply.text == NO_ANSWER and not reply.sources else 0.0
    cited = any(s.split("#")[0] == case["source"] for s in reply.sources)
    said = all(p.lower() in reply.text.lower() for p in case["must_include"])
    return 1.0 if cited and said else 0.0


def evaluate(assistant: Assistant, cases: list[dict]) -> dict[str, float]:
    return {case["id"]: score(assistant.ask(case["question"]), case) for case in cases}


def release_blockers(
    scores: dict[str, float], cases: list[dict], threshold: float = 0.8
) -> list[str]:
    """Step 4: why this version must not ship; an empty list means it may."""
    blockers = []
    mean = sum(scores.values()) / len(scores) if scores else 0.0
    if mean < threshold:
        blockers.append(f"mean score {mean:.2f} is below {threshold}")
    for case in cases:
        if case["source"] is None and scores.get(case["id"], 0.0) < 1.0:
            blockers.append(f"{case['id']}: answered a question it should have refused")
    return blockers
