"""Done-when check for the vector-search project. Run: make check P=vector-search

It tests your copy, work/vector_search.py; ``make reference P=vector-search`` runs it on
the reference solution. Besides the retrieval project's sample documents it uses
documents and questions it makes up, and vectors it builds by hand so that the right
answer is known: fitting your code to the sample questions does not pass.
"""

import contextlib
import io

import numpy as np
import pytest

from atlas.roadmap.checking import Ranked, load_reader_module, step
from atlas.roadmap.retrieval import solution as retrieval
from atlas.roadmap.vector_search.rules import (
    RANDOM,
    SAMPLES,
    Vectors,
    cosine_problem,
    ids,
    made_up_documents,
    made_up_question,
    made_up_text,
    ranked_case,
    reference_lsa,
    rrf,
    top_k_problem,
    top_two,
    unit,
)

code = load_reader_module(__file__)


@pytest.fixture(autouse=True)
def same_data_every_run(request):
    """Each test draws the same made-up data whatever order the tests run in."""
    RANDOM.seed(f"20261205 {request.node.name}")


# --- made-up data -----------------------------------------------------------------------


def made_up_chunks(count: int) -> list:
    return [
        code.Chunk(f"doc{i % 4}.md#{i // 4}", made_up_text(RANDOM.randint(6, 14)))
        for i in range(count)
    ]


# --- Step 1 -----------------------------------------------------------------------------


def test_step1_normalise_scales_every_row_to_length_one():
    for _ in range(5):
        rows = np.array([[RANDOM.uniform(-1, 1) for _ in range(6)] for _ in range(5)]) * np.array(
            [[RANDOM.choice([0.01, 0.5, 3.0, 40.0])] for _ in range(5)]
        )
        with step("Step 1, normalise"):
            got = np.asarray(code.normalise(rows.copy()), dtype=float)
        assert got.shape == rows.shape, (
            f"normalise must keep the shape {rows.shape}, got {got.shape}"
        )
        lengths = np.linalg.norm(got, axis=1)
        assert np.allclose(lengths, 1.0), (
            f"normalise must scale each row to length 1; the lengths are {np.round(lengths, 3)}"
        )
        assert np.allclose(got, unit(rows)), (
            "normalise must keep each row's direction: divide the row by its own length "
            "(np.linalg.norm(vectors, axis=1, keepdims=True)), not by one number for all rows"
        )


def test_step1_a_row_of_zeros_stays_zeros():
    rows = np.array([[3.0, 4.0], [0.0, 0.0]])
    with step("Step 1, normalise"), np.errstate(all="ignore"):
        got = np.asarray(code.normalise(rows), dtype=float)
    assert np.isfinite(got).all() and np.allclose(got, [[0.6, 0.8], [0.0, 0.0]]), (
        f"normalise must leave a row of zeros as zeros (no division by zero, no nan): "
        f"normalise([[3, 4], [0, 0]]) gave {got.tolist()}"
    )


# --- Step 2 -----------------------------------------------------------------------------


def test_step2_vectors_match_tfidf_and_svd_fitted_on_the_texts():
    for dimensions, seed, count in [(8, 0, 12), (3, 0, 10), (5, 7, 16), (40, 1, 6)]:
        texts = [c.text for c in made_up_chunks(count)]
        questions = [made_up_question() for _ in range(4)]
        with step("Step 2, LsaEmbedder"):
            if (dimensions, seed) == (8, 0):
                embedder = code.LsaEmbedder(texts)
            else:
                embedder = code.LsaEmbedder(texts, dimensions=dimensions, seed=seed)
        where = f"LsaEmbedder(<{count} made-up texts>, dimensions={dimensions}, seed={seed})"
        problem = cosine_problem(where, embedder.embed, texts, questions, dimensions, seed)
        assert problem is None, problem


def test_step2_a_texts_vector_does_not_depend_on_what_it_is_embedded_with():
    texts = [c.text for c in made_up_chunks(10)]
    question, others = made_up_question(), [made_up_question() for _ in range(5)]
    with step("Step 2, LsaEmbedder"):
        embedder = code.LsaEmbedder(texts, dimensions=4)
        alone = np.asarray(embedder.embed([question]), dtype=float)
        together = np.asarray(embedder.embed([question, *others]), dtype=float)
    assert alone.shape[1:] == together.shape[1:] and np.allclose(alone[0], together[0]), (
        "embed must transform with what __init__ fitted, never fit again: the question's "
        "vector changed when other texts were embedded with it"
    )


def test_step2_refuses_fewer_than_two_texts():
    for texts in ([], ["Only one text here."]):
        with step("Step 2, LsaEmbedder"):
            try:
                code.LsaEmbedder(texts)
            except ValueError:
                continue
        pytest.fail(f"LsaEmbedder({texts!r}) must raise ValueError", pytrace=False)


# --- Step 3 -----------------------------------------------------------------------------


def test_step3_ranks_by_cosine_not_by_dot_product():
    chunks = [code.Chunk("long.md#0", "long"), code.Chunk("near.md#0", "near")]
    vectors = Vectors({"long": [10.0, 10.0], "near": [0.5, 0.02], "q?": [1.0, 0.1]})
    with step("Step 3, DenseRetriever.scored"):
        got = code.DenseRetriever(chunks, vectors).scored("q?", k=2)
    cosines = dict(
        zip(
            ["long.md#0", "near.md#0"],
            unit([[10, 10], [0.5, 0.02]]) @ unit([[1, 0.1]])[0],
            strict=True,
        )
    )
    for found, score in got:
        assert abs(score - cosines.get(found.id, 9)) < 1e-6, (
            "scored must pair each chunk with the cosine similarity of its vector and the "
            "question's (normalise() both yourself, then take the dot product): "
            f"{found.id} has {cosines.get(found.id, 0):.4f}, got {score:.4f}"
        )
    assert [c.id for c, _ in got] == ["near.md#0", "long.md#0"], (
        "scored must sort best first, highest cosine first: near.md#0 points the "
        f"question's way, long.md#0 is only longer; got {[c.id for c, _ in got]}"
    )


def test_step3_scored_returns_the_k_best_cosines_above_zero_on_made_up_vectors():
    for _ in range(8):
        count, size = RANDOM.randint(4, 9), RANDOM.randint(2, 6)
        chunks = [code.Chunk(f"d{i}.md#0", f"text {i}") for i in range(count)]
        table = {
            c.text: [RANDOM.gauss(0, 1) * RANDOM.choice([0.05, 1, 30]) for _ in range(size)]
            for c in chunks
        }
        table["question?"] = [RANDOM.gauss(0, 1) * 7 for _ in range(size)]
        cosines = unit([table[c.text] for c in chunks]) @ unit([table["question?"]])[0]
        scores = {c.id: float(s) for c, s in zip(chunks, cosines, strict=True)}
        retriever = None
        for k in (1, 2, 3, 5, count + 2):
            with step("Step 3, DenseRetriever.scored"):
                retriever = retriever or code.DenseRetriever(chunks, Vectors(table))
                pairs = (
                    retriever.scored("question?") if k == 3 else retriever.scored("question?", k)
                )
            call = f"scored('question?', k={k})"
            problem = top_k_problem(call, scores, [c.id for c, _ in pairs], k, "cosine above 0")
            assert problem is None, problem
            for found, score in pairs:
                assert abs(score - scores[found.id]) < 1e-6, (
                    f"{call} must pair each chunk with its cosine similarity: {found.id} has "
                    f"{scores[found.id]:.4f}, got {score:.4f}"
                )


def test_step3_embeds_the_chunks_once_and_finds_nothing_for_a_vector_of_zeros():
    chunks = [code.Chunk(f"d{i}.md#0", f"text {i}") for i in range(4)]
    table = {c.text: [1.0, float(i)] for i, c in enumerate(chunks)} | {"zero?": [0.0, 0.0]}
    vectors = Vectors(table | {"q?": [1.0, 1.0]})
    with step("Step 3, DenseRetriever.scored"):
        retriever = code.DenseRetriever(chunks, vectors)
        for _ in range(3):
            retriever.search("q?", k=2)
        nothing = retriever.scored("zero?", k=3)
    embedded = sum(len(call) for call in vectors.calls)
    assert embedded <= len(chunks) + 4, (
        f"DenseRetriever must embed the chunks once, in __init__, not at every search: it "
        f"embedded {embedded} texts for 4 chunks and 4 questions"
    )
    assert list(nothing) == [], (
        "a question whose vector is all zeros matches nothing: scored must return [] "
        f"(only cosines above 0 count), got {[c.id for c, _ in nothing]}"
    )


def test_step3_finds_the_warehouse_in_the_sample_documents():
    chunks = [c for name, text in SAMPLES.items() for c in retrieval.chunk(name, text)]
    with step("Step 3, DenseRetriever.scored"):
        dense = code.DenseRetriever(chunks, code.LsaEmbedder([c.text for c in chunks]))
        top = dense.search("Where is the warehouse?", k=1)
    assert ids(top) == ["shipping.md#1"], (
        f"DenseRetriever with LsaEmbedder over the sample chunks must put shipping.md#1 first "
        f"for 'Where is the warehouse?', got {ids(top)}"
    )


# --- Step 4 -----------------------------------------------------------------------------


def named(pairs):
    return [(code.Chunk(i, f"text of {i}"), s) for i, s in pairs]


def test_step4_fuses_ranks_not_raw_scores():
    # Lexical scores run to 10 and more; cosines stay below 1. Adding them lets the
    # lexical list decide alone.
    lexical = named([("a#0", 12.0), ("b#0", 11.5), ("c#0", 0.2)])
    dense = named([("c#0", 0.95), ("d#0", 0.9), ("b#0", 0.1)])
    with step("Step 4, fuse"):
        got = ids(code.fuse([lexical, dense], k=2))
    raw: dict[str, float] = {}
    for found, score in lexical + dense:
        raw[found.id] = raw.get(found.id, 0.0) + score
    assert set(got) != top_two(raw), (
        "fuse must add 1 / (constant + rank) per list, not the lists' own scores: their "
        f"scales differ (sums of idf weights against cosines); got {got}"
    )
    assert set(got) != top_two(rrf([lexical, dense], constant=0)), (
        "fuse must score 1 / (constant + rank) with the constant (60 by default), not "
        f"1 / rank, which lets one top rank outweigh two lists agreeing; got {got}"
    )
    assert len(got) == 2 and set(got) == {"b#0", "c#0"}, (
        "fuse must add 1 / (constant + rank) per list, rank 1 for the top: b#0 and c#0 are "
        f"in both lists, so they come first (k=2); got {got}"
    )


def test_step4_uses_the_constant():
    first = named([("x#0", 0.9), ("y#0", 0.8), ("z#0", 0.7)])
    second = named([("w#0", 0.9), ("v#0", 0.8), ("y#0", 0.7)])
    with step("Step 4, fuse"):
        default = ids(code.fuse([first, second], k=1))
        small = ids(code.fuse([first, second], k=1, constant=0.1))
    assert default == ["y#0"], (
        "fuse must score 1 / (constant + rank), rank 1 for the top, with constant=60 by "
        "default: y#0 is 2nd and 3rd, 1/62 + 1/63, more than 1/61 for x#0 alone at the top; "
        f"expected ['y#0'], got {default}"
    )
    assert small in (["x#0"], ["w#0"]), (
        "fuse must use its constant argument: with constant=0.1 a top rank, 1/1.1, beats "
        f"1/2.1 + 1/3.1; expected x#0 or w#0 first, got {small}"
    )


def test_step4_fuses_made_up_rankings_for_any_k_and_constant():
    pool = [f"c{i}.md#0" for i in range(10)]
    for _ in range(10):
        rankings = []
        for scale in (RANDOM.uniform(5, 50), RANDOM.uniform(0.1, 1)):
            chosen = RANDOM.sample(pool, RANDOM.randint(2, 7))
            scores = sorted((RANDOM.random() * scale for _ in chosen), reverse=True)
            rankings.append(named(list(zip(chosen, scores, strict=True))))
        k, constant = RANDOM.choice([1, 2, 3, 4, 8]), RANDOM.choice([1, 5, 60])
        with step("Step 4, fuse"):
            got = ids(code.fuse(rankings, k=k, constant=constant))
        call = f"fuse(<2 made-up rankings>, k={k}, constant={constant})"
        problem = top_k_problem(
            call, rrf(rankings, constant), got, k, "sum of 1 / (constant + rank)", positive=False
        )
        assert problem is None, problem
    with step("Step 4, fuse"):
        assert list(code.fuse([[], []], k=3)) == [], "fuse of empty rankings must return []"


# --- Step 5 -----------------------------------------------------------------------------


def test_step5_builds_the_three_retrievers_with_vectors_fitted_on_the_chunks_only():
    for dimensions, chunks in [
        (8, [c for name, text in SAMPLES.items() for c in retrieval.chunk(name, text)]),
        (3, made_up_chunks(12)),
    ]:
        with step("Step 5, build"):
            built = code.build(chunks) if dimensions == 8 else code.build(chunks, dimensions)
        assert isinstance(built, dict) and sorted(built) == ["dense", "hybrid", "lexical"], (
            f"build must return a dict with the keys 'lexical', 'dense' and 'hybrid', got "
            f"{sorted(built) if isinstance(built, dict) else type(built).__name__}"
        )
        texts = [c.text for c in chunks]
        questions = [made_up_question() for _ in range(3)] + [q for q, _ in code.LABELLED[:6]]
        reference, _ = reference_lsa(texts, dimensions)
        leaked, _ = reference_lsa(texts + [q for q, _ in code.LABELLED], dimensions)
        for question in questions:
            want = dict(zip(ids(chunks), reference(texts) @ reference([question])[0], strict=True))
            with step("Step 5, build"):
                got = [c.id for c, _ in built["dense"].scored(question, len(chunks))]
            problem = top_k_problem("dense", want, got, len(chunks), "cosine above 0")
            if problem:
                bad = dict(zip(ids(chunks), leaked(texts) @ leaked([question])[0], strict=True))
                leak = top_k_problem("", bad, got, len(chunks), "") is None
                assert not leak, (
                    "build fitted the vectors on the labelled questions too: fit "
                    "LsaEmbedder on the chunks' texts only, or recall is measured on "
                    "questions the vectors have already seen"
                )
                pytest.fail(
                    f"build(chunks, dimensions={dimensions})['dense'] must use "
                    f"LsaEmbedder(<the chunks' texts>, {dimensions}) "
                    f"(fitted on the chunks only), asked {question!r}: {problem}",
                    pytrace=False,
                )
            lexical = retrieval.Retriever(chunks).search(question, 10)
            with step("Step 5, build"):
                got_lexical = built["lexical"].search(question, 10)
                fused = code.fuse(
                    [built["lexical"].scored(question, 10), built["dense"].scored(question, 10)],
                    3,
                    60,
                )
                hybrid = built["hybrid"].search(question, 3)
            assert ids(got_lexical) == ids(lexical), (
                "build's 'lexical' must be LexicalRetriever(chunks), the retrieval project's "
                "word-overlap retriever"
            )
            assert ids(hybrid) == ids(fused), (
                "build's 'hybrid' must be HybridRetriever(lexical, dense) over the same two "
                f"retrievers; asked {question!r} it returned {ids(hybrid)}, not {ids(fused)}"
            )


# --- Step 6 -----------------------------------------------------------------------------


def test_step6_recall_counts_hits_in_the_top_k_only_for_each_retriever():
    first, labelled = ranked_case([0, 1, 2, None, 0, 4])
    second, _ = ranked_case([None, None, 0, 3, 1, 1])
    second = dict(zip(first, second.values(), strict=True))  # same question texts
    expected = {"one": {1: 2, 2: 3, 3: 4, 5: 5}, "two": {1: 1, 2: 3, 3: 3, 5: 4}}
    doubles = {"one": Ranked(first, code.Chunk), "two": Ranked(second, code.Chunk)}
    with step("Step 6, recall_table"):
        table = code.recall_table(doubles, labelled, ks=(1, 2, 3, 5))
    assert isinstance(table, dict) and sorted(table) == ["one", "two"], (
        f"recall_table must return {{retriever name: {{k: recall}}}}, got {table!r:.200}"
    )
    for name, double in doubles.items():
        assert set(double.ks) == {1, 2, 3, 5}, (
            f"recall_table must ask search(question, k) with each k in ks and count only "
            f"those top k: it asked for {sorted(set(double.ks))}, not [1, 2, 3, 5]"
        )
        for k, hits in expected[name].items():
            got = table[name].get(k) if isinstance(table[name], dict) else None
            assert got is not None and abs(got - hits / 6) < 1e-9, (
                f"recall_table[{name!r}][{k}]: {hits} of 6 questions have a chunk of their "
                f"file in the top {k}, so recall is {hits}/6, not {got!r} (count each "
                "question once, only within the top k)"
            )


def test_step6_no_questions_give_zero():
    with step("Step 6, recall_table"):
        table = code.recall_table({"x": Ranked({}, code.Chunk)}, [], ks=(1, 3))
    assert table == {"x": {1: 0.0, 3: 0.0}}, (
        f"recall_table with no labelled questions must give 0.0 for each k, got {table!r}"
    )


# --- Step 7 -----------------------------------------------------------------------------


def test_step7_sweep_measures_each_chunk_size():
    documents = made_up_documents()
    every = [(made_up_question(), RANDOM.choice(list(documents))) for _ in range(4)]
    for name, text in list(documents.items())[:3]:
        sentence = text.split(".")[1].split()  # take words of one real sentence
        every.append((" ".join(sentence[-3:]) + "?", name))
    for sizes, k in [((12, 30), 2), ((9, 20, 60), 1)]:
        with step("Step 7, sweep"):
            rows = code.sweep(documents, every, sizes=sizes, k=k)
        assert [r.get("max_words") for r in rows] == list(sizes), (
            f"sweep must give one row per size in sizes={sizes}, in order, each with its "
            f"'max_words'; got {[r.get('max_words') for r in rows]}"
        )
        for size, row in zip(sizes, rows, strict=True):
            chunks = [
                c
                for name, text in documents.items()
                for c in retrieval.chunk(name, text, max_words=size, overlap=size // 4)
            ]
            with step("Step 7, sweep"):
                want = code.recall_table(code.build(chunks), every, ks=(k,))
            words = sum(len(c.text.split()) for c in chunks) / len(chunks)
            expected = {"chunks": len(chunks), "words": words}
            expected |= {name: want[name][k] for name in ("lexical", "dense", "hybrid")}
            for key, value in expected.items():
                assert key in row and abs(row[key] - value) < 1e-9, (
                    f"sweep(sizes={sizes}, k={k}), row for max_words={size}: {key!r} must be "
                    f"{value:.4g} (chunk with max_words={size}, overlap={size // 4}, build, "
                    f"recall_table with ks=({k},)), got {row.get(key)!r}"
                )


def test_the_module_prints_both_tables():
    printed = io.StringIO()
    with step("Step 7, sweep"), contextlib.redirect_stdout(printed):
        code.main()
    text = printed.getvalue()
    for word in ("lexical", "dense", "hybrid", "max_words"):
        assert word in text, f"main() must print both tables; {word!r} is missing:\n{text}"
