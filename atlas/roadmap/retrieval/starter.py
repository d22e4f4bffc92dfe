"""The retrieval project: retrieval over your own documents, with citations.

Fill in the four steps in order; after each, run the done-when check from the
repository's root folder:

    make check P=retrieval

Your documents are the ``.md`` files in the folder ``DOCUMENTS`` names: the three samples
in ``atlas/roadmap/retrieval/documents/`` until you point it at your own, e.g.
``DOCUMENTS = Path(__file__).parent / "retrieval_documents"`` for a folder
``work/retrieval_documents/``. The check also makes up documents of its own.
"""

import math  # noqa: F401  (Step 2)
import re  # noqa: F401  (Step 4)
from collections import Counter  # noqa: F401  (Step 2)
from dataclasses import dataclass
from pathlib import Path

import atlas
from atlas.llm import ChatModel
from atlas.llm.standin import NO_ANSWER, sentences, words  # noqa: F401

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
    raise NotImplementedError(
        "Step 1: drop '#' heading lines, join the rest with spaces, split with "
        "sentences(); fill each chunk with as many whole sentences as fit in max_words "
        "words (a longer sentence is a chunk of its own); start each next chunk with the "
        "previous chunk's last sentences, as many as fit in `overlap` words while the next "
        "new sentence still fits in max_words. Ids are f'{name}#{i}' from 0. Raise "
        "ValueError if overlap >= max_words."
    )


class Retriever:
    """Step 2: rank chunks by shared words, rare words counting more (TF-IDF style)."""

    def __init__(self, chunks: list[Chunk]) -> None:
        self.chunks = chunks

    def search(self, question: str, k: int = 3) -> list[Chunk]:
        raise NotImplementedError(
            "Step 2: score each chunk by the words it shares with the question (use "
            "words() on both), weighting each shared word by its inverse document frequency "
            "log((1 + N) / (1 + n)) + 1 (N chunks, n of them holding the word), summed and "
            "divided by sqrt(len(words(chunk text))); return the k best chunks with a score "
            "above 0, best first (equal scores in any order)."
        )


def recall_at_k(retriever: Retriever, labelled: list[tuple[str, str]], k: int = 3) -> float:
    """Step 3: the share of questions whose expected document is in the top ``k`` chunks.

    ``labelled`` pairs a question with the file name that answers it.
    """
    raise NotImplementedError(
        "Step 3: for each (question, file name) pair, call retriever.search(question, k) "
        "and count one hit when any of those chunks comes from that file (the part of its "
        "id before '#'); return hits / pairs, or 0.0 for no pairs."
    )


def answer(model: ChatModel, retriever: Retriever, question: str, k: int = 3) -> Answer:
    """Step 4: answer from the retrieved chunks and cite the ones the answer used."""
    raise NotImplementedError(
        "Step 4: call retriever.search(question, k); none found: return "
        "Answer(NO_ANSWER, []) without calling the model. Send each chunk as a line "
        "'[id] text', in the system message (as in the first project) or before the question; "
        "the question ends the last, user, message. Strip '[id]' tags from the reply; cite "
        "each retrieved chunk that was tagged or whose text contains a sentence of the "
        "reply, once; a reply of NO_ANSWER cites nothing."
    )
