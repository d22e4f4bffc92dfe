"""The retrieval project, reference solution: retrieval over your own documents, with citations.

Try ``starter.py`` first; compare with this file once your check passes or you are stuck.
"""

import math
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import atlas
from atlas.llm import ChatModel
from atlas.llm.standin import NO_ANSWER, sentences, words

# Found through the package, so this also works when the code is pasted elsewhere.
DOCUMENTS = Path(atlas.__file__).parent / "roadmap" / "retrieval" / "documents"


@dataclass(frozen=True)
class Chunk:
    id: str  # "<file name>#<number>", e.g. "refunds.md#0"
    text: str


@dataclass(frozen=True)
class Answer:
    text: str
    sources: list[str]  # ids of the chunks the answer came from


def load_documents(folder: Path = DOCUMENTS) -> dict[str, str]:
    """Every ``.md`` file in ``folder``, by file name, in name order."""
    return {path.name: path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.md"))}


def chunk(name: str, text: str, max_words: int = 40, overlap: int = 10) -> list[Chunk]:
    """Step 1: windows of whole sentences, at most ``max_words`` words, that overlap.

    Each chunk takes as many whole sentences as fit in ``max_words`` (a longer sentence
    is a chunk of its own). Each next chunk starts by repeating the previous chunk's last
    sentences, as many as fit in ``overlap`` words while leaving room for the next new
    sentence, so that a fact split across a boundary is still found whole in one chunk.
    """
    if overlap >= max_words:
        raise ValueError("overlap must be smaller than max_words")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    parts = sentences(" ".join(lines))  # unwrap hard-wrapped lines first

    def count(group: list[str]) -> int:
        return sum(len(s.split()) for s in group)

    chunks, current = [], []
    for sentence in parts:
        size = len(sentence.split())
        if current and count(current) + size > max_words:
            chunks.append(" ".join(current))
            kept: list[str] = []  # the previous chunk's last sentences, as many as fit
            for previous in reversed(current):
                longer = count(kept) + len(previous.split())
                if longer > overlap or longer + size > max_words:
                    break
                kept.insert(0, previous)
            current = kept
        current.append(sentence)
    if current:
        chunks.append(" ".join(current))
    return [Chunk(f"{name}#{i}", text) for i, text in enumerate(chunks)]


class Retriever:
    """Step 2: rank chunks by shared words, rare words counting more (TF-IDF style)."""

    def __init__(self, chunks: list[Chunk]) -> None:
        self.chunks = chunks
        self.words = [words(c.text) for c in chunks]
        counts = Counter(w for ws in self.words for w in ws)
        self.idf = {w: math.log((1 + len(chunks)) / (1 + n)) + 1 for w, n in counts.items()}

    def search(self, question: str, k: int = 3) -> list[Chunk]:
        asked = words(question)
        scored = []
        for index, chunk_words in enumerate(self.words):
            shared = asked & chunk_words
            score = sum(self.idf[w] for w in shared) / math.sqrt(len(chunk_words) or 1)
            if score > 0:
                scored.append((-score, index))
        return [self.chunks[i] for _, i in sorted(scored)[:k]]


def recall_at_k(retriever: Retriever, labelled: list[tuple[str, str]], k: int = 3) -> float:
    """Step 3: the share of questions whose expected document is in the top ``k`` chunks.

    ``labelled`` pairs a question with the file name that answers it.
    """
    if not labelled:
        return 0.0
    hits = sum(
        any(c.id.split("#")[0] == expected for c in retriever.search(question, k))
        for question, expected in labelled
    )
    return hits / len(labelled)


def answer(model: ChatModel, retriever: Retriever, question: str, k: int = 3) -> Answer:
    """Step 4: answer from the retrieved chunks and cite the ones the answer used."""
    found = retriever.search(question, k)
    if not found:
        return Answer(NO_ANSWER, [])
    context = "\n".join(f"[{c.id}] {c.text}" for c in found)
    instructions = "Answer from the sources below and cite their [ids]."
    reply = model.complete(
        [
            {"role": "system", "content": f"{instructions}\n{context}"},
            {"role": "user", "content": question},
        ]
    )
    tagged = set(re.findall(r"\[([^\[\]]+)\]", reply))
    text = re.sub(r" {2,}", " ", re.sub(r"\s*\[[^\[\]]+\]", "", reply)).strip()
    if text == NO_ANSWER:
        return Answer(text, [])
    used = [c.id for c in found if c.id in tagged or any(s in c.text for s in sentences(text))]
    return Answer(text, used)
