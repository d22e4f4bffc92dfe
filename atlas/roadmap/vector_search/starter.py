"""The vector-search project: dense retrieval with vectors, compared with word overlap.

Fill in the seven steps in order; after each, run the done-when check from the
repository's root folder:

    make check P=vector-search

Then run this file (``.venv/bin/python work/vector_search.py``) to print both tables:
recall of the lexical, dense and hybrid retrievers on the labelled questions, and
recall against chunk size.

The vectors here come from latent semantic analysis (LSA): TF-IDF counts of this corpus,
squeezed to a few dimensions by a truncated SVD. They are count statistics of the chunks
you fit them on, **not** a learned embedding model. The steps (normalise, cosine top-k,
recall against the lexical retriever, fusion, chunk size) are the same with a real one.
"""

import math

import numpy as np
from sklearn.decomposition import TruncatedSVD  # noqa: F401  (Step 2)
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: F401  (Step 2)

from atlas.llm.standin import words
from atlas.roadmap.retrieval.solution import Chunk, Retriever, chunk, load_documents

# The labelled questions every retriever is measured on: the retrieval project's six,
# then six that ask the same things in other words. Each pairs a question with the file that
# answers it.
LABELLED = [
    ("How long do refunds take?", "refunds.md"),
    ("Do gift cards expire?", "refunds.md"),
    ("Is shipping free?", "shipping.md"),
    ("Where is the warehouse?", "shipping.md"),
    ("How long must a password be?", "accounts.md"),
    ("When are closed accounts deleted?", "accounts.md"),
    ("When will I get my money back?", "refunds.md"),
    ("Can I return a damaged item?", "refunds.md"),
    ("How fast is express delivery?", "shipping.md"),
    ("Do you deliver outside Europe?", "shipping.md"),
    ("I forgot my password, what now?", "accounts.md"),
    ("Can I turn on two-factor login?", "accounts.md"),
]


def normalise(vectors: np.ndarray) -> np.ndarray:
    """Step 1: each row scaled to length 1, so a dot product is a cosine similarity.

    A row of zeros (a text with no known word) stays all zeros: it has no direction.
    """
    raise NotImplementedError(
        "Step 1: divide each row by its length, np.linalg.norm(vectors, axis=1, "
        "keepdims=True); leave a row of zeros as zeros (no division by zero, no nan)."
    )


class LsaEmbedder:
    """Step 2: vectors from TF-IDF and a truncated SVD, fitted on the given texts only."""

    def __init__(self, texts: list[str], dimensions: int = 8, seed: int = 0) -> None:
        raise NotImplementedError(
            "Step 2: fit a TfidfVectorizer() (its defaults) on texts, then a "
            "TruncatedSVD(n_components=..., random_state=seed) on the TF-IDF matrix, with "
            "n_components = min(dimensions, len(texts) - 1, vocabulary size - 1), at least 1. "
            "Fit on these texts only. Raise ValueError for fewer than two texts."
        )

    def embed(self, texts: list[str]) -> np.ndarray:
        """One row per text, each of length 1 (or all zeros)."""
        raise NotImplementedError(
            "Step 2: transform (never fit again) the texts with the fitted TF-IDF, then "
            "the fitted SVD, and return normalise() of the result: one row per text."
        )


class DenseRetriever:
    """Step 3: rank chunks by the cosine similarity of their vectors to the question's."""

    def __init__(self, chunks: list[Chunk], embedder) -> None:
        self.chunks = chunks
        self.embedder = embedder

    def scored(self, question: str, k: int = 3) -> list[tuple[Chunk, float]]:
        """The ``k`` best (chunk, cosine) pairs with a cosine above 0, best first."""
        raise NotImplementedError(
            "Step 3: embed the chunks' texts once (in __init__) and the question with "
            "self.embedder.embed, normalise() both yourself (an embedder may not), and "
            "score each chunk by the dot product of the unit vectors: the cosine. Return "
            "the k (chunk, cosine) pairs with the highest cosine above 0, best first."
        )

    def search(self, question: str, k: int = 3) -> list[Chunk]:
        return [c for c, _ in self.scored(question, k)]


class LexicalRetriever(Retriever):
    """The retrieval project's retriever, with its scores: word overlap weighted by rarity."""

    def scored(self, question: str, k: int = 3) -> list[tuple[Chunk, float]]:
        asked = words(question)
        pairs = []
        for found, chunk_words in zip(self.chunks, self.words, strict=True):
            score = sum(self.idf[w] for w in asked & chunk_words) / math.sqrt(len(chunk_words) or 1)
            if score > 0:
                pairs.append((found, score))
        return sorted(pairs, key=lambda pair: -pair[1])[:k]


def fuse(
    rankings: list[list[tuple[Chunk, float]]], k: int = 3, constant: float = 60
) -> list[Chunk]:
    """Step 4: reciprocal rank fusion of ranked lists, best first.

    A chunk scores ``1 / (constant + rank)`` in each list that holds it (rank 1 is the
    top), summed over the lists. Only ranks count: the lists' own scores are on scales
    that cannot be added (cosines against sums of idf weights).
    """
    raise NotImplementedError(
        "Step 4: for each ranking, give each chunk 1 / (constant + rank), rank 1 for the "
        "first pair; add these up per chunk id over the rankings; ignore the pairs' own "
        "scores. Return the k chunks with the highest sums, best first."
    )


class HybridRetriever:
    """Lexical and dense together: each is asked for ``depth`` chunks, then fused."""

    def __init__(self, lexical, dense, constant: float = 60, depth: int = 10) -> None:
        self.lexical, self.dense = lexical, dense
        self.constant, self.depth = constant, depth

    def search(self, question: str, k: int = 3) -> list[Chunk]:
        rankings = [
            self.lexical.scored(question, self.depth),
            self.dense.scored(question, self.depth),
        ]
        return fuse(rankings, k, self.constant)


def build(chunks: list[Chunk], dimensions: int = 8) -> dict:
    """Step 5: the three retrievers over ``chunks``: lexical, dense and hybrid.

    The vectors are fitted on the chunks' texts alone, never on the questions you will
    measure with: fitting on those would leak the test into the model.
    """
    raise NotImplementedError(
        "Step 5: return {'lexical': LexicalRetriever(chunks), 'dense': DenseRetriever("
        "chunks, LsaEmbedder(texts of the chunks, dimensions)), 'hybrid': "
        "HybridRetriever(lexical, dense)}; fit the vectors on the chunks' texts only."
    )


def recall_table(retrievers: dict, labelled: list[tuple[str, str]], ks=(1, 3)) -> dict:
    """Step 6: recall at each k for each retriever, as ``{name: {k: recall}}``.

    Recall at k is the share of labelled questions with a chunk of their expected file
    among the retriever's top ``k`` (ask ``search(question, k)``); each question counts
    once. No labelled questions give 0.0.
    """
    raise NotImplementedError(
        "Step 6: for each retriever and each k in ks, count the labelled questions with "
        "a chunk of their expected file (the id before '#') in retriever.search(question, "
        "k); recall is that count / len(labelled), or 0.0 with no questions."
    )


def sweep(documents: dict[str, str], labelled, sizes=(15, 25, 40, 80), k: int = 1) -> list[dict]:
    """Step 7: what chunk size does to recall at ``k``, one row per size.

    For each ``max_words`` in ``sizes``, chunk every document with the retrieval
    project's ``chunk(name, text, max_words=size, overlap=size // 4)``, build the three
    retrievers and measure them. A row is ``{"max_words": size, "chunks": how many,
    "words": mean words per chunk, "lexical": recall, "dense": recall, "hybrid": recall}``.
    """
    raise NotImplementedError(
        "Step 7: for each size, chunk every document with chunk(name, text, max_words="
        "size, overlap=size // 4), build(chunks), recall_table(..., ks=(k,)); append a "
        "row {'max_words', 'chunks', 'words' (mean words per chunk), 'lexical', 'dense', "
        "'hybrid'}."
    )


def format_table(rows: list[dict]) -> str:
    """Rows of equal keys as a plain-text table; floats with two decimals."""
    columns = list(rows[0])

    def cell(value) -> str:
        return f"{value:.2f}" if isinstance(value, float) else str(value)

    widths = [max(len(c), *(len(cell(r[c])) for r in rows)) for c in columns]
    lines = ["  ".join(c.rjust(w) for c, w in zip(columns, widths, strict=True))]
    for row in rows:
        lines.append("  ".join(cell(row[c]).rjust(w) for c, w in zip(columns, widths, strict=True)))
    return "\n".join(lines)


def main() -> None:
    """Print both tables for the retrieval project's sample documents."""
    documents = load_documents()
    chunks = [c for name, text in documents.items() for c in chunk(name, text)]
    table = recall_table(build(chunks), LABELLED, ks=(1, 3))
    print(f"Recall on {len(LABELLED)} labelled questions, {len(chunks)} chunks of 40 words:")
    print(
        format_table(
            [
                {"retriever": name, **{f"@{k}": r for k, r in row.items()}}
                for name, row in table.items()
            ]
        )
    )
    print("\nChunk size against recall at 1:")
    print(format_table(sweep(documents, LABELLED)))


if __name__ == "__main__":
    main()
