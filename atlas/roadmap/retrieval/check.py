"""Done-when check for project 3. Run: make check P=retrieval

It tests your copy, work/retrieval.py; ``make reference P=retrieval`` runs it on the
reference solution. It uses the three sample documents next to it, documents it makes up
itself, and, last, the documents your ``DOCUMENTS`` points to, so you can point your copy
at your own notes (see the page) and keep the check passing.
"""

import math
import random
import re
import textwrap
from collections import Counter
from pathlib import Path

import pytest

from atlas.llm import OfflineStandIn
from atlas.llm.standin import NO_ANSWER, sentences, words
from atlas.roadmap.checking import Scripted, load_reader_module, step

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
VOCAB = (
    "amber basil cedar delta ember fjord garnet harbour indigo juniper kelp lantern meadow "
    "nickel orchid pepper quartz raven saffron tundra umber velvet willow yarrow zephyr "
    "anvil bramble cobalt dune falcon glacier heron ivory jasper kiln lichen marble nectar "
    "opal pylon quill russet sorrel thistle ochre vortex wicker"
).split()
NONSENSE = "Zqxv wplkt frombish?"
RANDOM = random.Random()


@pytest.fixture(autouse=True)
def same_data_every_run(request):
    """Each test draws the same made-up data whatever order the tests run in."""
    RANDOM.seed(f"20261203 {request.node.name}")


def body(text: str) -> str:
    """A document without its heading lines, unwrapped into one line."""
    return " ".join(line for line in text.splitlines() if not line.startswith("#"))


def whole_documents(documents=None):
    """One chunk per document, made by the check, so Steps 2-4 can be checked alone."""
    return [code.Chunk(f"{name}#0", body(text)) for name, text in (documents or SAMPLES).items()]


def made_up_sentence(number: int, size: int) -> str:
    picked = RANDOM.choices(VOCAB, weights=[1 / (i + 1) for i in range(len(VOCAB))], k=size - 1)
    return " ".join([*picked, f"item{number}"]).capitalize() + RANDOM.choice(".!?")


def made_up_document(count: int, sizes=(2, 3, 5, 7, 9, 12, 15, 22)) -> str:
    """A Markdown document: headings, hard-wrapped paragraphs, unique sentences."""
    parts, paragraph = ["# " + RANDOM.choice(VOCAB).title()], []
    for number in range(count):
        paragraph.append(made_up_sentence(number, RANDOM.choice(sizes)))
        if RANDOM.random() < 0.25 or number == count - 1:
            parts.append(textwrap.fill(" ".join(paragraph), width=RANDOM.randint(40, 90)))
            paragraph = []
            if RANDOM.random() < 0.3:
                parts.append("## " + RANDOM.choice(VOCAB).title())
    return "\n\n".join(parts) + "\n"


def made_up_corpus(documents: int = 4) -> dict[str, str]:
    return {
        f"{RANDOM.choice(VOCAB)}-{i}.md": made_up_document(RANDOM.randint(3, 12))
        for i in range(documents)
    }


def expected_chunks(text: str, max_words: int, overlap: int) -> list[list[str]]:
    """The chunks the page describes, each as its list of sentences."""
    size = lambda group: sum(len(s.split()) for s in group)  # noqa: E731
    chunks, current = [], []
    for sentence in sentences(body(text)):
        if current and size(current) + len(sentence.split()) > max_words:
            chunks.append(current)
            kept = []
            for previous in reversed(current):
                longer = size(kept) + len(previous.split())
                if longer > overlap or longer + len(sentence.split()) > max_words:
                    break
                kept.insert(0, previous)
            current = kept
        current.append(sentence)
    return [*chunks, current] if current else chunks


def chunking_problem(name, text, got, max_words, overlap) -> str | None:
    """What is wrong with ``got``, the chunks of ``text``, in words a learner can act on."""
    call = f"chunk({name!r}, ..., max_words={max_words}, overlap={overlap})"
    wanted = expected_chunks(text, max_words, overlap)
    ids = [c.id for c in got]
    if ids != [f"{name}#{i}" for i in range(len(ids))]:
        return f"{call}: chunk ids are '<file name>#<number>', numbered from 0; got {ids}"
    every = sentences(body(text))
    for number, (mine, theirs) in enumerate(zip(got, wanted, strict=False)):
        if mine.text == " ".join(theirs):
            continue
        if "\n" in mine.text or "#" in mine.text:
            return f"{call}: drop heading lines and unwrap lines: chunk {number} is {mine.text!r}"
        pieces = sentences(mine.text)
        if any(p not in every for p in pieces):
            return (
                f"{call}: chunks hold whole sentences, split with sentences(): chunk {number} "
                f"has {next(p for p in pieces if p not in every)!r}"
            )
        if len(mine.text.split()) > max_words and len(pieces) > 1:
            return (
                f"{call}: chunk {number} has {len(mine.text.split())} words; at most "
                f"{max_words} (only a single longer sentence may stand alone as a chunk)"
            )
        if number:
            before = wanted[number - 1]
            repeat = [s for s in theirs if s in before]
            repeated = [s for s in pieces if s in before]
            if repeated != repeat:
                return (
                    f"{call}: chunk {number} must start with the previous chunk's last "
                    f"sentences, as many as fit in overlap={overlap} words while the next "
                    f"sentence still fits in max_words: expected it to repeat {repeat}, it "
                    f"repeats {repeated}"
                )
        return (
            f"{call}: fill each chunk with as many whole sentences as fit in "
            f"max_words={max_words}: chunk {number} should be {' '.join(theirs)!r}, "
            f"not {mine.text!r}"
        )
    if len(got) != len(wanted):
        return (
            f"{call}: expected {len(wanted)} chunks, got {len(got)}; every sentence must be in "
            f"a chunk, in order, and no chunk repeated"
        )
    return None


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


def reference_scores(chunks, question: str) -> list[float]:
    """The score the hint describes, for every chunk."""
    sets = [words(c.text) for c in chunks]
    counts = Counter(w for s in sets for w in s)
    idf = {w: math.log((1 + len(chunks)) / (1 + n)) + 1 for w, n in counts.items()}
    asked = words(question)
    return [sum(idf[w] for w in asked & s) / math.sqrt(len(s) or 1) for s in sets]


def search_problem(chunks, question, k, got) -> str | None:
    scores = dict(zip([c.id for c in chunks], reference_scores(chunks, question), strict=True))
    call = f"search({question!r}, k={k})"
    ids = [c.id for c in got]
    sharing = sum(s > 0 for s in scores.values())
    if any(i not in scores for i in ids):
        return f"{call} must return chunks from the retriever's own list, got {ids}"
    if len(ids) != min(k, sharing):
        return (
            f"{call} must return the k best chunks that share a word with the question: "
            f"{sharing} of {len(chunks)} share one, so expected {min(k, sharing)}, got {len(ids)}"
        )
    mine = [scores[i] for i in ids]
    rest = [s for i, s in scores.items() if i not in ids]
    if any(a < b - 1e-9 for a, b in zip(mine, mine[1:], strict=False)) or (
        rest and mine and max(rest) > min(mine) + 1e-9
    ):
        best = sorted(scores, key=lambda i: -scores[i])[: len(ids)]
        return (
            f"{call} must rank by the hint's score (idf of each shared word, "
            f"log((1 + N) / (1 + n)) + 1, summed, divided by sqrt(len(words(chunk)))), best "
            f"first: expected {best}, got {ids}"
        )
    return None


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


class Ranked:
    """A test double: a retriever with a fixed ranking per question; it records each k."""

    def __init__(self, ranking: dict[str, list[str]]) -> None:
        self.ranking, self.ks = ranking, []

    def search(self, question, k=3):
        self.ks.append(k)
        return [code.Chunk(i, "text") for i in self.ranking[question]][:k]


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
    ranking, labelled = {}, []
    for number, rank in enumerate([0, 1, 2, None, 0, 1]):
        question = f"question {number}?"
        expected = names[number]
        others = [f"{n}#{j}" for n in names if n != expected for j in range(2)]
        ids = RANDOM.sample(others, 4)
        if rank is not None:
            ids.insert(rank, f"{expected}#{RANDOM.randint(0, 3)}")
            ids.insert(rank + 1, f"{expected}#9")  # a second chunk of it counts no extra
        ranking[question] = ids
        labelled.append((question, expected))
    for k, hits in [(1, 2), (2, 4), (3, 5), (5, 5)]:
        retriever = Ranked(ranking)
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


def sent_problem(call, chunks, question, left_out=()) -> str | None:
    """What is wrong with the messages ``answer`` sent for ``chunks`` and ``question``."""
    text = "\n".join(m["content"] for m in call["messages"])
    for c in chunks:
        if f"[{c.id}] {c.text}" not in text:
            return (
                f"answer must send each retrieved chunk as a line '[id] text', e.g. "
                f"'[{c.id}] {c.text[:30]}...', in the system message or before the question"
            )
    for c in left_out:
        if c.text in text:
            return f"answer must send only the k chunks it retrieved; it also sent {c.id}"
    last = call["messages"][-1]
    if last["role"] != "user" or not last["content"].rstrip().endswith(question):
        return "answer must end the last message, a 'user' one, with the question"
    return None


def clean(reply: str) -> str:
    return re.sub(r" {2,}", " ", re.sub(r"\s*\[[^\[\]]+\]", "", reply)).strip()


def citation_problem(result, retrieved, reply) -> str | None:
    """Whether ``result`` cites what the page says: retrieved chunks the reply used."""
    ids = {c.id: c for c in retrieved}
    tagged = set(re.findall(r"\[([^\[\]]+)\]", reply)) & set(ids)
    quoted = sentences(clean(reply))
    sources = list(result.sources)
    if len(set(sources)) != len(sources):
        return f"answer must cite each chunk once, got {sources}"
    if clean(reply) == NO_ANSWER:
        return None if not sources else f"a reply of NO_ANSWER cites nothing, got {sources}"
    for source in sources:
        if source not in ids:
            return f"answer must cite only chunks it retrieved and sent; it cites {source!r}"
        if source not in tagged and not any(s in ids[source].text for s in quoted):
            return (
                f"answer must cite only the chunks the reply used (tagged with their [id], or "
                f"holding a sentence of the reply); the reply {reply!r} did not use {source}"
            )
    for c in retrieved:
        used = c.id in tagged or any(s in c.text for s in quoted if len(s) > 20)
        if used and c.id not in sources:
            return f"answer must cite {c.id}: the reply {reply!r} used it"
    return None


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
