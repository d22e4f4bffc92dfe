"""Done-when check for project 3. Run: pytest snippets/roadmap/retrieval/check.py

It tests starter.py; set ATLAS_SOLUTION=solution to see the reference pass.
"""

import pytest

from snippets.llm import OfflineStandIn
from snippets.llm.standin import NO_ANSWER, sentences
from snippets.roadmap.checking import load_reader_module, step

code = load_reader_module(__file__)
DOCUMENTS = code.load_documents()
LABELLED = [
    ("How long do refunds take?", "refunds.md"),
    ("Do gift cards expire?", "refunds.md"),
    ("Is shipping free?", "shipping.md"),
    ("Where is the warehouse?", "shipping.md"),
    ("How long must a password be?", "accounts.md"),
    ("When are closed accounts deleted?", "accounts.md"),
]


def whole_documents():
    """One chunk per document, made by the check, so Steps 2-4 can be checked alone."""
    return [
        code.Chunk(
            f"{name}#0", " ".join(line for line in text.splitlines() if not line.startswith("#"))
        )
        for name, text in DOCUMENTS.items()
    ]


def test_step1_chunks_are_small_whole_sentences_with_ids():
    text = DOCUMENTS["refunds.md"]
    with step("Step 1, chunk"):
        chunks = code.chunk("refunds.md", text, max_words=25, overlap=8)
    assert len(chunks) >= 3, "a 60-word document in 25-word chunks needs several chunks"
    assert [c.id for c in chunks] == [f"refunds.md#{i}" for i in range(len(chunks))]
    for c in chunks:
        assert len(c.text.split()) <= 25, f"chunk too long: {c.text!r}"
        assert "#" not in c.text and "\n" not in c.text, "drop headings, unwrap lines"
        assert c.text[-1] in ".!?", f"chunks end on a whole sentence: {c.text!r}"
    joined = " ".join(c.text for c in chunks)
    for sentence in sentences(" ".join(text.splitlines()[1:])):
        assert sentence in joined, f"sentence lost: {sentence!r}"


def test_step1_chunks_overlap():
    with step("Step 1, chunk"):
        chunks = code.chunk("refunds.md", DOCUMENTS["refunds.md"], max_words=25, overlap=12)
    for before, after in zip(chunks, chunks[1:], strict=False):
        assert sentences(before.text)[-1] == sentences(after.text)[0], (
            "each chunk should start with the previous chunk's last sentence(s)"
        )


def test_step1_refuses_an_overlap_as_big_as_the_chunk():
    with step("Step 1, chunk"), pytest.raises(ValueError):
        code.chunk("refunds.md", DOCUMENTS["refunds.md"], max_words=10, overlap=10)


def test_step2_search_finds_the_right_document_first():
    retriever = code.Retriever(whole_documents())
    with step("Step 2, Retriever.search"):
        assert retriever.search("Where is the warehouse?", k=1)[0].id == "shipping.md#0"
        assert retriever.search("Do gift cards expire?", k=1)[0].id == "refunds.md#0"
        assert len(retriever.search("refund shipping accounts password", k=2)) == 2
        assert retriever.search("What is the capital of France?") == [], "no shared word"


def test_step2_rare_words_count_more():
    chunks = [
        code.Chunk("a#0", "The parcel is late. The parcel is lost."),
        code.Chunk("b#0", "The parcel went to Lyon."),
        code.Chunk("c#0", "The parcel is blue."),
    ]
    with step("Step 2, Retriever.search"):
        top = code.Retriever(chunks).search("parcel Lyon", k=1)
    assert top[0].id == "b#0", "'Lyon' is in one chunk only, so it should decide"


def test_step3_recall_at_k():
    class Fixed:
        def search(self, question, k=3):
            return [code.Chunk("refunds.md#0", "x")][:k]

    with step("Step 3, recall_at_k"):
        assert code.recall_at_k(Fixed(), LABELLED, k=3) == pytest.approx(2 / 6)
        assert code.recall_at_k(Fixed(), [], k=3) == 0.0


def test_step3_your_retriever_finds_every_labelled_question():
    with step("Step 1, chunk"):
        chunks = [c for name, text in DOCUMENTS.items() for c in code.chunk(name, text)]
    with step("Step 3, recall_at_k"):
        recall = code.recall_at_k(code.Retriever(chunks), LABELLED, k=2)
    assert recall == 1.0, "a labelled question's document is missing from the top 2"


def test_step4_answers_with_citations():
    retriever = code.Retriever(whole_documents())
    with step("Step 4, answer"):
        result = code.answer(OfflineStandIn(), retriever, "How long do refunds take?")
    assert "5 days" in result.text
    assert "refunds.md#0" in result.sources
    assert "[" not in result.text, "strip the [id] tags from the text shown to people"


def test_step4_uses_the_models_own_tags():
    class Tagging:
        def complete(self, messages, **options):
            assert "[shipping.md#0]" in messages[-1]["content"], "send chunks as '[id] text'"
            return "Our warehouse is in Lyon [shipping.md#0]."

    with step("Step 4, answer"):
        result = code.answer(
            Tagging(), code.Retriever(whole_documents()), "Where is the warehouse?"
        )
    assert result.sources == ["shipping.md#0"]
    assert result.text == "Our warehouse is in Lyon."


def test_step4_cites_nothing_when_it_cannot_answer():
    with step("Step 4, answer"):
        result = code.answer(
            OfflineStandIn(), code.Retriever(whole_documents()), "What is the capital of France?"
        )
    assert result.text == NO_ANSWER and result.sources == []
