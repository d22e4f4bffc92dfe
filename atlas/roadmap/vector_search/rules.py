"""What the vector-search check holds your code to, and the data it makes up to test it.

Vectors built by hand so the right answer is known, the page's rules (cosine, top-k,
recall at k, reciprocal rank fusion) written out independently of your code, and made-up
documents and questions, seeded per test, so code fitted to the samples fails."""

import random

import numpy as np
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer

from atlas.roadmap import checking
from atlas.roadmap.checking import step
from atlas.roadmap.retrieval import solution as retrieval

SAMPLES = retrieval.load_documents()


VOCAB = (
    "amber basil cedar delta ember fjord garnet harbour indigo juniper kelp lantern meadow "
    "nickel orchid pepper quartz raven saffron tundra umber velvet willow yarrow zephyr "
    "anvil bramble cobalt dune falcon glacier heron ivory jasper kiln lichen marble nectar"
).split()


RANDOM = random.Random()


def made_up_text(size: int) -> str:
    picked = RANDOM.choices(VOCAB, weights=[1 / (i + 1) for i in range(len(VOCAB))], k=size)
    return " ".join(picked).capitalize() + "."


def made_up_documents(count: int = 4) -> dict[str, str]:
    return {
        f"{VOCAB[i]}-{i}.md": "# Notes\n\n"
        + " ".join(made_up_text(RANDOM.randint(4, 12)) for _ in range(RANDOM.randint(4, 9)))
        for i in range(count)
    }


def made_up_question() -> str:
    return " ".join(RANDOM.sample(VOCAB, RANDOM.randint(2, 4))) + "?"


class Vectors:
    """A test double embedder: fixed vectors by text, NOT of length 1; records each call."""

    def __init__(self, table: dict[str, list[float]]) -> None:
        self.table, self.calls = table, []

    def embed(self, texts):
        self.calls.append(list(texts))
        return np.array([self.table[t] for t in texts], dtype=float)


def unit(rows) -> np.ndarray:
    rows = np.asarray(rows, dtype=float)
    lengths = np.linalg.norm(rows, axis=1, keepdims=True)
    return np.divide(rows, lengths, out=np.zeros_like(rows), where=lengths > 0)


def reference_lsa(texts, dimensions=8, seed=0):
    """The page's vectors: TfidfVectorizer() then TruncatedSVD, fitted on ``texts``."""
    tfidf = TfidfVectorizer()
    counts = tfidf.fit_transform(texts)
    size = max(min(dimensions, len(texts) - 1, counts.shape[1] - 1), 1)
    svd = TruncatedSVD(n_components=size, random_state=seed).fit(counts)
    return lambda asked: unit(svd.transform(tfidf.transform(asked))), size


def ids(chunks) -> list[str]:
    return [c.id for c in chunks]


def top_k_problem(call, scores: dict[str, float], got_ids, k, what, positive=True) -> str | None:
    """Whether ``got_ids`` is a best-first top ``k`` under ``scores`` (ties in any order)."""
    eligible = {i: s for i, s in scores.items() if s > 1e-12 or not positive}
    want = min(k, len(eligible))
    if any(i not in scores for i in got_ids):
        return f"{call} must return chunks from its own list, got {got_ids}"
    if len(set(got_ids)) != len(got_ids):
        return f"{call} returned a chunk twice: {got_ids}"
    if len(got_ids) != want:
        return (
            f"{call} must return the k={k} best chunks ({what}): {len(eligible)} qualify, so "
            f"expected {want}, got {len(got_ids)}"
        )
    mine = [scores[i] for i in got_ids]
    best = sorted(eligible, key=lambda i: -eligible[i])[:want]
    if any(a < b - 1e-9 for a, b in zip(mine, mine[1:], strict=False)):
        return f"{call} must sort best first (highest {what} first): expected {best}, got {got_ids}"
    rest = [s for i, s in eligible.items() if i not in got_ids]
    if rest and mine and max(rest) > min(mine) + 1e-9:
        return f"{call} must return the highest {what}: expected {best}, got {got_ids}"
    return None


def cosine_problem(where, embed, texts, questions, dimensions, seed) -> str | None:
    reference, size = reference_lsa(texts, dimensions, seed)
    with step("Step 2, LsaEmbedder"):
        mine_texts = np.asarray(embed(texts), dtype=float)
        mine_questions = np.asarray(embed(questions), dtype=float)
    if mine_texts.shape != (len(texts), size):
        return (
            f"{where}: embed of {len(texts)} texts must give {len(texts)} rows of "
            f"n_components = min(dimensions={dimensions}, len(texts) - 1, vocabulary - 1) = "
            f"{size} numbers, got shape {mine_texts.shape}"
        )
    if not np.allclose(np.linalg.norm(mine_texts, axis=1), 1.0, atol=1e-6):
        return f"{where}: embed must return normalise()d rows (length 1)"
    want = reference(questions) @ reference(texts).T
    if not np.allclose(mine_questions @ mine_texts.T, want, atol=1e-5):
        leaked, _ = reference_lsa(texts + questions, dimensions, seed)
        if np.allclose(mine_questions @ mine_texts.T, leaked(questions) @ leaked(texts).T, 1e-5):
            return (
                f"{where}: the vectors were fitted on the questions too; fit TF-IDF and the "
                "SVD on the texts given to __init__ only"
            )
        return (
            f"{where}: the cosines of questions to texts differ from those of "
            f"TfidfVectorizer() then TruncatedSVD(n_components={size}, random_state={seed}), "
            "fitted on the texts given to __init__ only and applied with transform"
        )
    return None


def rrf(rankings, constant=60) -> dict[str, float]:
    fused: dict[str, float] = {}
    for ranking in rankings:
        for rank, (found, _) in enumerate(ranking, start=1):
            fused[found.id] = fused.get(found.id, 0.0) + 1 / (constant + rank)
    return fused


def top_two(scores: dict[str, float]) -> set[str]:
    return set(sorted(scores, key=lambda i: -scores[i])[:2])


def ranked_case(ranks):
    """Six questions, each with its file at the given rank (None: not retrieved)."""
    names = [f"{VOCAB[i]}-{i}.md" for i in range(6)]
    return checking.ranked_case(names, ranks, RANDOM, others=5)
