"""Done-when check for the retrieval project. Run: make check P=retrieval

It tests your copy, work/retrieval.py; ``make reference P=retrieval`` runs it on the
reference solution. It uses the three sample documents next to it, documents it makes up
itself, and, last, the documents your ``DOCUMENTS`` points to, so you can point your copy
at your own notes (see the page) and keep the check passing.
"""

from pathlib import Path

import pytest

from atlas.llm import OfflineStandIn
from atlas.llm.standin import NO_ANSWER, sentences
from atlas.roadmap.checking import Ranked, Scripted, load_reader_module, ranked_case, step
from atlas.roadmap.retrieval.rules import (
    NONSENSE,
    RANDOM,
    VOCAB,
    body,
    chunking_problem,
    citation_problem,
    made_up_corpus,
    made_up_document,
    made_up_sentence,
    search_problem,
    sent_problem,
)

code = load_reader_module(__file__)
SAMPLES = {
    p.name: p.read_text(encoding="utf-8")
    for p in sorted(Path(__file__).parent.glob("documents/*.md"))
}
LABELLED = [
    ("How long do refunds take?", "refunds.md"),
    ("Do gift cards expire?", "refunds.md"),
    ("Is shipping free?", "shipping.md"),
    ("Where is the warehouse?", "shipping.md"),
    ("How long must a password be?", "accounts.md"),
    ("When are closed accounts deleted?", "accounts.md"),
]


@pytest.fixture(autouse=True)
def same_data_every_run(request):
    """Each test draws the same made-up data whatever order the tests run in."""
    RANDOM.seed(f"20261203 {request.node.name}")


def whole_documents(documents=None):
    """One chunk per document, made by the check, so Steps 2-4 can be checked alone."""
    return [code.Chunk(f"{name}#0", body(text)) for name, text in (documents or SAMPLES).items()]


def check_chunks(name, text, max_words=None, overlap=None):
    options = {} if max_words is None else {"max_words": max_words, "overlap": overlap}
    with step("Step 1, chunk"):
        got = code.chunk(name, text, **options)
    problem = chunking_problem(name, text, got, max_words or 40, 10 if overlap is None else overlap)
    assert problem is None, problem


def test_step1_chunks_the_sample_documents():
    for max_words, overlap in [(25, 8), (25, 12), (40, 10), (30, 0), (20, 15), (12, 5)]:
        for name, text in SAMPLES.items():
            check_chunks(name, text, max_words, overlap)


def test_step1_uses_40_words_and_an_overlap_of_10_by_default():
    for name, text in SAMPLES.items():
        check_chunks(name, text)


def test_step1_chunks_documents_it_has_not_seen():
    for _ in range(12):
        max_words = RANDOM.randint(8, 45)
        overlap = RANDOM.randint(0, max_words - 1)
        check_chunks("notes.md", made_up_document(RANDOM.randint(2, 25)), max_words, overlap)


def test_step1_refuses_an_overlap_as_big_as_the_chunk():
    text = SAMPLES["refunds.md"]
    for max_words, overlap in [(10, 10), (10, 12)]:
        with step("Step 1, chunk"):
            try:
                code.chunk("refunds.md", text, max_words=max_words, overlap=overlap)
            except ValueError:
                continue
        pytest.fail(
            f"chunk must raise ValueError when overlap >= max_words (here {overlap} and "
            f"{max_words})",
            pytrace=False,
        )
    with step("Step 1, chunk"):
        code.chunk("refunds.md", text, max_words=10, overlap=9)  # one less is allowed


def test_step2_search_finds_the_right_document_first():
    retriever = code.Retriever(whole_documents())
    with step("Step 2, Retriever.search"):
        warehouse = retriever.search("Where is the warehouse?", k=1)
        gift = retriever.search("Do gift cards expire?", k=1)
        nothing = retriever.search("What is the capital of France?")
    assert [c.id for c in warehouse] == ["shipping.md#0"], (
        f"search('Where is the warehouse?', k=1) must return shipping.md#0 alone, got "
        f"{[c.id for c in warehouse]}"
    )
    assert [c.id for c in gift] == ["refunds.md#0"], (
        f"search('Do gift cards expire?', k=1) must return refunds.md#0 alone, got "
        f"{[c.id for c in gift]}"
    )
    assert nothing == [], "search must return [] when no chunk shares a word with the question"


def test_step2_rare_words_count_more():
    chunks = [
        code.Chunk("a#0", "The parcel is late. The parcel is lost."),
        code.Chunk("b#0", "The parcel went to Lyon."),
        code.Chunk("c#0", "The parcel is blue."),
    ]
    with step("Step 2, Retriever.search"):
        top = code.Retriever(chunks).search("parcel Lyon", k=1)
    assert [c.id for c in top] == ["b#0"], (
        "search must weight a word by its rarity: 'Lyon' is in one chunk only, so b#0 comes "
        f"first; got {[c.id for c in top]}"
    )


def test_step2_long_chunks_do_not_win_by_size_alone():
    chunks = [
        code.Chunk("long#0", "Lyon parcel " + " ".join(VOCAB[:20]) + "."),
        code.Chunk("short#0", "Lyon parcel depot."),
        code.Chunk("other#0", "Amber basil."),
    ]
    with step("Step 2, Retriever.search"):
        top = code.Retriever(chunks).search("parcel in Lyon", k=2)
    assert [c.id for c in top] == ["short#0", "long#0"], (
        "search must divide a chunk's score by sqrt(its number of words()), so a long chunk "
        f"does not win by size alone: expected ['short#0', 'long#0'], got {[c.id for c in top]}"
    )


def test_step2_search_ranks_chunks_it_has_not_seen():
    for _ in range(8):
        chunks = [
            code.Chunk(
                f"doc{i}.md#{j}",
                " ".join(made_up_sentence(j, RANDOM.randint(3, 14)) for _ in range(2)),
            )
            for i in range(4)
            for j in range(RANDOM.randint(1, 4))
        ]
        retriever = code.Retriever(chunks)
        for k in (1, 2, 3, 5):
            question = " ".join(RANDOM.choices(VOCAB, k=RANDOM.randint(1, 4))) + "?"
            with step("Step 2, Retriever.search"):
                got = retriever.search(question, k=k) if k != 3 else retriever.search(question)
            problem = search_problem(chunks, question, k, got)
            assert problem is None, problem


def test_step3_recall_at_k():
    class Fixed:
        def search(self, question, k=3):
            return [code.Chunk("refunds.md#0", "x")][:k]

    with step("Step 3, recall_at_k"):
        some, none = code.recall_at_k(Fixed(), LABELLED, k=3), code.recall_at_k(Fixed(), [], k=3)
    assert some == pytest.approx(2 / 6), (
        f"recall_at_k: 2 of the 6 questions expect refunds.md, so recall is 2/6, not {some!r}"
    )
    assert none == 0.0, f"recall_at_k of no labelled questions is 0.0, not {none!r}"


def test_step3_recall_at_k_counts_hits_in_the_top_k_only():
    names = [f"{RANDOM.choice(VOCAB)}-{i}.md" for i in range(6)]
    ranking, labelled = ranked_case(names, [0, 1, 2, None, 0, 1], RANDOM, others=4)
    for k, hits in [(1, 2), (2, 4), (3, 5), (5, 5)]:
        retriever = Ranked(ranking, code.Chunk)
        with step("Step 3, recall_at_k"):
            recall = code.recall_at_k(retriever, labelled, k=k)
        assert retriever.ks and set(retriever.ks) == {k}, (
            f"recall_at_k must pass k on to retriever.search(question, k): with k={k} it asked "
            f"for {sorted(set(retriever.ks))}"
        )
        assert recall == pytest.approx(hits / 6), (
            f"recall_at_k with k={k}: {hits} of 6 questions have their file in the top {k}, so "
            f"recall is {hits}/6, not {recall!r} (count each question once)"
        )


def test_step3_your_retriever_finds_every_labelled_question():
    with step("Step 1, chunk"):
        chunks = [c for name, text in SAMPLES.items() for c in code.chunk(name, text)]
    with step("Step 3, recall_at_k"):
        recall = code.recall_at_k(code.Retriever(chunks), LABELLED, k=2)
    assert recall == 1.0, (
        f"recall at 2 of your chunks and Retriever over the sample documents is {recall}, not "
        f"1.0: a labelled question's document is missing from the top 2"
    )


class Fixed:
    """A test double: a retriever that always finds the same chunks; it records each call."""

    def __init__(self, chunks) -> None:
        self.chunks, self.asked = chunks, []

    def search(self, question, k=3):
        self.asked.append((question, k))
        return self.chunks[:k]


class Recording:
    """The offline stand-in, keeping what it was sent and what it replied."""

    def __init__(self) -> None:
        self.standin, self.calls = OfflineStandIn(), []

    def complete(self, messages, **kwargs):
        reply = self.standin.complete(messages)
        self.calls.append({"messages": [dict(m) for m in messages], "reply": reply})
        return reply


def made_up_chunks(count: int = 3):
    return [
        code.Chunk(
            f"{RANDOM.choice(VOCAB)}-{i}.md#{RANDOM.randint(0, 5)}",
            " ".join(made_up_sentence(10 * i + j, RANDOM.randint(6, 12)) for j in range(3)),
        )
        for i in range(count)
    ]


def test_step4_answers_with_citations():
    retriever = code.Retriever(whole_documents())
    with step("Step 4, answer"):
        result = code.answer(OfflineStandIn(), retriever, "How long do refunds take?")
    assert "5 days" in result.text, f"the stand-in's answer says '5 days'; got {result.text!r}"
    assert list(result.sources) == ["refunds.md#0"], (
        f"answer must cite only the retrieved chunks the reply used: shipping.md#0 was "
        f"retrieved too but not used; expected ['refunds.md#0'], got {result.sources}"
    )
    assert "[" not in result.text, "strip the [id] tags from the text shown to people"


def test_step4_sends_each_retrieved_chunk_as_an_id_line_and_the_question_last():
    for k in (1, 2, 3):
        chunks = made_up_chunks(3)
        question = f"What about the {RANDOM.choice(VOCAB)}?"
        model, retriever = Scripted("It is kept in the kiln."), Fixed(chunks)
        with step("Step 4, answer"):
            code.answer(model, retriever, question, k=k)
        assert retriever.asked == [(question, k)], (
            f"answer must call retriever.search(question, k) once with its own k ({k}); it "
            f"asked {retriever.asked}"
        )
        assert len(model.calls) == 1, (
            f"answer must call model.complete once; it called it {len(model.calls)} times"
        )
        problem = sent_problem(model.calls[0], chunks[:k], question, chunks[k:])
        assert problem is None, problem


def test_step4_uses_the_models_own_tags():
    class Tagging:
        def complete(self, messages, **options):
            return "Our warehouse is in Lyon [shipping.md#0]."

    with step("Step 4, answer"):
        result = code.answer(
            Tagging(), code.Retriever(whole_documents()), "Where is the warehouse?"
        )
    assert list(result.sources) == ["shipping.md#0"], (
        f"answer must cite the chunk the reply tagged: expected ['shipping.md#0'], got "
        f"{result.sources}"
    )
    assert result.text == "Our warehouse is in Lyon.", (
        f"answer must strip the [id] tags from the reply's text: got {result.text!r}"
    )


@pytest.mark.parametrize(
    "how",
    ["tags one", "quotes one", "quotes one, tags another", "tags one twice", "invents a tag"],
)
def test_step4_cites_the_retrieved_chunks_the_reply_used(how):
    chunks = made_up_chunks(3)
    first, second = RANDOM.sample(range(3), 2)
    quote = sentences(chunks[first].text)[1]
    replies = {
        "tags one": f"The answer is in the notes [{chunks[first].id}].",
        "quotes one": f"{quote}",
        "quotes one, tags another": f"{quote} And more [{chunks[second].id}].",
        "tags one twice": f"First [{chunks[first].id}]. Then [{chunks[first].id}].",
        "invents a tag": "It is kept in the kiln [made-up.md#7].",
    }
    reply = replies[how]
    with step("Step 4, answer"):
        result = code.answer(Scripted(reply), Fixed(chunks), "What about it?")
    assert "[" not in result.text, (
        f"answer must strip the [id] tags from the reply's text: got {result.text!r}"
    )
    problem = citation_problem(result, chunks, reply)
    assert problem is None, problem


def test_step4_cites_nothing_when_the_model_does_not_know():
    chunks = made_up_chunks(2)
    reply = f"{NO_ANSWER} [{chunks[0].id}]"
    with step("Step 4, answer"):
        result = code.answer(Scripted(reply), Fixed(chunks), "What about it?")
    assert (result.text, list(result.sources)) == (NO_ANSWER, []), (
        f"a reply of NO_ANSWER cites nothing: answer must return Answer(NO_ANSWER, []), got "
        f"{result!r}"
    )


def test_step4_says_it_does_not_know_without_asking_when_nothing_is_retrieved():
    model = Scripted("Paris is the capital of France.")
    with step("Step 4, answer"):
        result = code.answer(model, Fixed([]), "What is the capital of France?")
        sample = code.answer(
            OfflineStandIn(), code.Retriever(whole_documents()), "What is the capital of France?"
        )
    assert not model.calls, "when nothing is retrieved, answer must not call the model"
    for got in (result, sample):
        assert (got.text, list(got.sources)) == (NO_ANSWER, []), (
            f"when nothing is retrieved, answer must return Answer(NO_ANSWER, []), got {got!r}"
        )


def corpus_problem(documents: dict[str, str], where: str) -> str | None:
    """Run your whole pipeline over ``documents`` and check what the page promises."""
    with step("Step 1, chunk"):
        chunks = [c for name, text in documents.items() for c in code.chunk(name, text)]
    for name, text in documents.items():
        mine = [c for c in chunks if c.id.rsplit("#", 1)[0] == name]
        problem = chunking_problem(name, text, mine, 40, 10)
        if problem:
            return f"{where}: {problem}"
    retriever = code.Retriever(chunks)
    every = [s for text in documents.values() for s in sentences(body(text))]
    for sentence in RANDOM.sample(every, min(5, len(every))) + [NONSENSE]:
        question = " ".join(sentence.rstrip(".!?").split()[-4:]) + "?"
        model = Recording()
        with step("Step 4, answer"):
            result = code.answer(model, retriever, question)
            retrieved = retriever.search(question, 3)
        if not retrieved:
            if (result.text, list(result.sources)) != (NO_ANSWER, []):
                return f"{where}: nothing matches {question!r}, so answer it with NO_ANSWER, []"
            continue
        if not model.calls:
            return f"{where}: answer must call the model with the chunks it retrieved"
        problem = citation_problem(result, retrieved, model.calls[-1]["reply"])
        if problem:
            return f"{where}, asked {question!r}: {problem}"
    return None


def test_step4_citations_hold_on_documents_it_has_not_seen():
    for _ in range(3):
        problem = corpus_problem(made_up_corpus(), "on documents the check made up")
        assert problem is None, problem


def test_your_documents_work_too():
    documents = code.load_documents()
    assert documents, (
        f"load_documents() found no .md files in DOCUMENTS ({code.DOCUMENTS}): put your "
        f"documents there, or point DOCUMENTS back at the samples"
    )
    problem = corpus_problem(documents, f"on your documents in {code.DOCUMENTS}")
    assert problem is None, problem
