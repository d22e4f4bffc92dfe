"""The vector-search project, reference solution: dense vectors, compared with word overlap.

Try ``starter.py`` first; compare with this file once your check passes or you are stuck.

The vectors here come from latent semantic analysis (LSA): TF-IDF counts of this corpus,
squeezed to a few dimensions by a truncated SVD. They are count statistics of the chunks
you fit them on, **not** a learned embedding model. The steps (normalise, cosine top-k,
recall against the lexical retriever, fusion, chunk size) are the same with a real one.
"""

import math

import numpy as np
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer

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
    vectors = np.asarray(vectors, dtype=float)
    lengths = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.divide(vectors, lengths, out=np.zeros_like(vectors), where=lengths > 0)


class LsaEmbedder:
    """Step 2: vectors from TF-IDF and a truncated SVD, fitted on the given texts only."""

    def __init__(self, texts: list[str], dimensions: int = 8, seed: int = 0) -> None:
        if len(texts) < 2:
            raise ValueError("LSA needs at least two texts to fit on")
        self.tfidf = TfidfVectorizer()
        counts = self.tfidf.fit_transform(texts)
        size = min(dimensions, len(texts) - 1, counts.shape[1] - 1)
        self.svd = TruncatedSVD(n_components=max(size, 1), random_state=seed)
        self.svd.fit(counts)

    def embed(self, texts: list[str]) -> np.ndarray:
        """One row per text, each of length 1 (or all zeros)."""
        return normalise(self.svd.transform(self.tfidf.transform(texts)))


class DenseRetriever:
    """Step 3: rank chunks by the cosine similarity of their vectors to the question's."""

    def __init__(self, chunks: list[Chunk], embedder) -> None:
        self.chunks = chunks
        self.embedder = embedder
        self.vectors = normalise(embedder.embed([c.text for c in chunks]))

    def scored(self, question: str, k: int = 3) -> list[tuple[Chunk, float]]:
        """The ``k`` best (chunk, cosine) pairs with a cosine above 0, best first."""
        asked = normalise(self.embedder.embed([question]))[0]
        cosines = self.vectors @ asked
        order = sorted(range(len(self.chunks)), key=lambda i: -cosines[i])
        return [(self.chunks[i], float(cosines[i])) for i in order if cosines[i] > 0][:k]

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
    fused: dict[str, float] = {}
    by_id: dict[str, Chunk] = {}
    for ranking in rankings:
        for rank, (found, _score) in enumerate(ranking, start=1):
            fused[found.id] = fused.get(found.id, 0.0) + 1 / (constant + rank)
            by_id[found.id] = found
    best = sorted(fused, key=lambda i: -fused[i])
    return [by_id[i] for i in best[:k]]


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
    lexical = LexicalRetriever(chunks)
    dense = DenseRetriever(chunks, LsaEmbedder([c.text for c in chunks], dimensions))
    return {"lexical": lexical, "dense": dense, "hybrid": HybridRetriever(lexical, dense)}


def recall_table(retrievers: dict, labelled: list[tuple[str, str]], ks=(1, 3)) -> dict:
    """Step 6: recall at each k for each retriever, as ``{name: {k: recall}}``.

    Recall at k is the share of labelled questions with a chunk of their expected file
    among the retriever's top ``k`` (ask ``search(question, k)``); each question counts
    once. No labelled questions give 0.0.
    """
    table = {}
    for name, retriever in retrievers.items():
        table[name] = {}
        for k in ks:
            hits = sum(
                any(c.id.split("#")[0] == expected for c in retriever.search(question, k))
                for question, expected in labelled
            )
            table[name][k] = hits / len(labelled) if labelled else 0.0
    return table


def sweep(documents: dict[str, str], labelled, sizes=(15, 25, 40, 80), k: int = 1) -> list[dict]:
    """Step 7: what chunk size does to recall at ``k``, one row per size.

    For each ``max_words`` in ``sizes``, chunk every document with the retrieval
    project's ``chunk(name, text, max_words=size, overlap=size // 4)``, build the three
    retrievers and measure them. A row is ``{"max_words": size, "chunks": how many,
    "words": mean words per chunk, "lexical": recall, "dense": recall, "hybrid": recall}``.
    """
    rows = []
    for size in sizes:
        chunks = [c for name, text in documents.items() for c in chunk(name, text, size, size // 4)]
        recalls = recall_table(build(chunks), labelled, ks=(k,))
        rows.append(
            {
                "max_words": size,
                "chunks": len(chunks),
                "words": sum(len(c.text.split()) for c in chunks) / len(chunks),
                **{name: recalls[name][k] for name in recalls},
            }
        )
    return rows


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
