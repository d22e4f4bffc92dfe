"""Done-when check for the capstone project. Run: make check P=capstone

It tests your copy, work/capstone.py (``make reference P=capstone`` runs it against the
reference solution). Tests that name facts use the sample documents and cases; the last
tests use yours (``DOCUMENTS`` and ``CASES`` in your copy), so pointing the assistant at
your own documents keeps the check meaningful. Held-back questions, documents and cases
are written or generated here, so code fitted to the page's examples does not pass.
"""

import json
import random

import pytest

from atlas.llm import OfflineStandIn
from atlas.llm.standin import NO_ANSWER
from atlas.roadmap.checking import Scripted, load_reader_module, step
from atlas.roadmap.retrieval.solution import DOCUMENTS as SAMPLE_DOCUMENTS
from atlas.roadmap.retrieval.solution import Answer

code = load_reader_module(__file__)
SAMPLE_CASES = json.loads(
    (SAMPLE_DOCUMENTS.parent.parent / "capstone" / "cases.json").read_text(encoding="utf-8")
)
REFUSED = Answer(NO_ANSWER, [])
# Questions the sample documents cannot answer, none of them in cases.json.
UNANSWERABLE = [
    "Do you sell electric bicycles?",
    "What is the phone number of the Berlin office?",
    "Can I pay with PayPal?",
    "Do you ship to Japan?",
    "Is there a student discount?",
    "Who founded the company?",
]


def retriever(folder=SAMPLE_DOCUMENTS):
    with step("Step 1, build_retriever"):
        return code.build_retriever(folder)


def assistant(model=None, folder=SAMPLE_DOCUMENTS, **options):
    return code.Assistant(model or OfflineStandIn(), retriever(folder), **options)


def ask(bot, question):
    with step("Step 2b, Assistant.ask"):
        return bot.ask(question)


# Step 1 -----------------------------------------------------------------------------


def test_step1_every_document_is_indexed():
    built = retriever()
    files = {c.id.split("#")[0] for c in built.chunks}
    assert files == {"refunds.md", "shipping.md", "accounts.md"}, (
        f"build_retriever(folder) should index every .md file in folder; got {sorted(files)}"
    )
    assert len(built.chunks) > len(files), "documents should be chunked, not indexed whole"


def test_step1_the_folder_is_a_parameter(tmp_path):
    (tmp_path / "opening.md").write_text(
        "# Opening hours\n\nThe shop opens at nine on weekdays. On Saturdays it opens at ten "
        "and closes at four. It is closed on Sundays and on public holidays. The café on the "
        "first floor opens an hour later than the shop. Staff can help you find a book, order "
        "one that is out of stock, or wrap a present for you at the till.\n",
        encoding="utf-8",
    )
    (tmp_path / "loans.md").write_text("# Loans\n\nMembers may borrow eight books.\n")
    built = retriever(tmp_path)
    files = {c.id.split("#")[0] for c in built.chunks}
    assert files == {"opening.md", "loans.md"}, (
        "build_retriever(folder) must read the folder it is given (here a folder this check "
        f"made, with opening.md and loans.md), not always the sample documents; got {sorted(files)}"
    )


# Step 2 -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "question, text, expected",
    [
        ("Where is the warehouse?", "Our warehouse is in Lyon.", True),
        ("Can I pay with bitcoin?", "Smaller orders pay a flat fee.", False),
        ("What?", "Anything at all.", False),
        ("Do parcels have tracking links?", "Each parcel has a tracking link.", True),
        ("Do gift cards expire online?", "Gift cards do not expire.", True),  # 3 of 4 words
        ("Do gift cards expire online quickly?", "Gift cards do not expire.", True),  # 3 of 5
        ("Do gift cards expire online quickly today?", "Gift cards do not expire.", False),
    ],
)
def test_step2_covers(question, text, expected):
    with step("Step 2a, covers"):
        got = code.covers(question, text)
    assert got is expected, (
        f"covers({question!r}, {text!r}) should be {expected}: True when the question has "
        "content words (words() from the stand-in module) and at least MIN_COVERAGE (0.6) of "
        f"them are in the text; got {got!r}"
    )


def test_step2_answers_with_a_source():
    reply = ask(assistant(), "Where is the warehouse?")
    assert "Lyon" in reply.text and reply.sources == ["shipping.md#1"], (
        f"'Where is the warehouse?' is answered from shipping.md#1 (Lyon); got {reply}"
    )


def test_step2_the_answer_comes_from_the_model():
    model = Scripted("Our warehouse is in Lyon, in France. [shipping.md#1]")
    reply = ask(assistant(model), "Where is the warehouse?")
    assert model.calls, (
        "answer through the model: reply = answer(self.cache, self.retriever, question, k=2)"
    )
    sent = model.calls[0]["messages"]
    assert "Where is the warehouse?" in sent[-1]["content"], (
        "the model must be asked the question (answer() puts it in the last user message)"
    )
    assert "Lyon" in " ".join(m["content"] for m in sent), (
        "the model must be sent the retrieved chunks to answer from"
    )
    assert reply == Answer("Our warehouse is in Lyon, in France.", ["shipping.md#1"]), (
        f"return the model's answer with the sources it cited; got {reply}"
    )


@pytest.mark.parametrize("question", ["What is the capital of France?", "Can I pay with bitcoin?"])
def test_step2_refuses_what_the_documents_do_not_support(question):
    reply = ask(assistant(), question)
    assert reply == REFUSED, (
        f"{question!r}: the documents do not say, so return Answer(NO_ANSWER, []); got {reply}"
    )


def test_step2_refuses_held_back_questions():
    bot = assistant()
    answered = {q: r for q in UNANSWERABLE if (r := ask(bot, q)) != REFUSED}
    assert not answered, (
        "questions this check keeps back, which the documents cannot answer, must be refused "
        "(Answer(NO_ANSWER, [])), not only the two in cases.json: refuse when the reply cites "
        f"nothing or covers() is False. Answered: {answered}"
    )


def test_step2_refuses_generated_questions():
    rng = random.Random(10)
    verbs = ["pay", "ship", "refund", "close", "track", "reset", "return"]
    made_up = ["zorblat", "quennic", "vashti", "plomber", "triskel", "mordane", "celvix"]
    bot = assistant()
    for _ in range(12):
        question = f"Can I {rng.choice(verbs)} {' '.join(rng.sample(made_up, 2))}?"
        reply = ask(bot, question)
        assert reply == REFUSED, (
            f"{question!r} (generated by this check) shares only one word with the documents: "
            f"refuse it with Answer(NO_ANSWER, []); got {reply}"
        )


def test_step2_refuses_an_answer_that_cites_nothing():
    model = Scripted("Our warehouse is in Lyon, next to the river.")  # true-sounding, no [id]
    reply = ask(assistant(model), "Where is the warehouse?")
    assert reply == REFUSED, (
        "a reply that cites no retrieved chunk is unsupported, even when it covers the "
        f"question: return Answer(NO_ANSWER, []) when reply.sources is empty; got {reply}"
    )


def test_step2_repeats_come_from_the_cache_and_cost_nothing():
    bot = assistant()
    first = ask(bot, "How long do refunds take?")
    spent = bot.meter.spent
    second = ask(bot, "How long do refunds take?")
    assert second == first, "a repeated question gets the same answer"
    assert bot.cache.hits >= 1, "a repeated question must be served by self.cache"
    assert spent > 0 and bot.meter.spent == spent, (
        "the meter sits behind the cache: a repeated question must cost nothing (call the "
        "model through self.cache, which wraps self.meter)"
    )


def test_step2_spending_is_capped():
    bot = assistant(cost_limit=0.0002)
    stopped = None
    questions = [
        "Do gift cards expire?",
        "When is shipping free?",
        "Where is the warehouse?",
        "How long must a password be?",
        "How long do refunds take?",
    ]
    for question in questions:
        try:
            ask(bot, question)
        except NotImplementedError:
            raise
        except Exception as error:
            stopped = error
            break
    assert stopped is not None, (
        f"with cost_limit=0.0002 the meter must stop the assistant within {len(questions)} "
        "questions: pass cost_limit on to the CostMeter"
    )
    assert bot.meter.spent <= 0.0002 + 0.0001, "the meter let spending run far past the limit"


# Step 3 -----------------------------------------------------------------------------

HELD_BACK_CASES = {
    "refund-time": {
        "id": "refund-time",
        "question": "How long do refunds take?",
        "must_include": ["5 days"],
        "source": "refunds.md",
    },
    "capital": {"id": "capital", "question": "?", "must_include": [], "source": None},
    "express": {
        "id": "express",
        "question": "How fast is express delivery?",
        "must_include": ["Two working days", "EXPRESS"],
        "source": "shipping.md",
    },
}


@pytest.mark.parametrize(
    "reply, case_id, expected, why",
    [
        (Answer("Refunds take 5 days.", ["refunds.md#0"]), "refund-time", 1.0, "right and cited"),
        (Answer("Refunds take 5 days.", []), "refund-time", 0.0, "it cites nothing"),
        (Answer("Refunds take 5 days.", ["shipping.md#0"]), "refund-time", 0.0, "wrong file"),
        (Answer("Refunds are fast.", ["refunds.md#0"]), "refund-time", 0.0, "'5 days' missing"),
        (Answer(NO_ANSWER, []), "refund-time", 0.0, "it refused an answerable question"),
        (Answer(NO_ANSWER, []), "capital", 1.0, "a correct refusal"),
        (Answer("Paris.", ["accounts.md#0"]), "capital", 0.0, "an invented answer"),
        (
            Answer("express delivery takes two working days.", ["shipping.md#0", "refunds.md#1"]),
            "express",
            1.0,
            "every phrase, in any letter case, and one source from the right file",
        ),
        (
            Answer("Express parcels are fast.", ["shipping.md#0"]),
            "express",
            0.0,
            "only one of the two must_include phrases",
        ),
    ],
)
def test_step3_score(reply, case_id, expected, why):
    case = HELD_BACK_CASES[case_id]
    with step("Step 3, score"):
        got = code.score(reply, case)
    assert got == expected, f"score({reply}, {case}) should be {expected} ({why}), not {got}"


# Step 4 -----------------------------------------------------------------------------


def test_step4_release_gate_blocks_invented_answers_and_low_scores():
    with step("Step 4, release_blockers"):
        clean = code.release_blockers({c["id"]: 1.0 for c in SAMPLE_CASES}, SAMPLE_CASES)
        invented = {c["id"]: 1.0 for c in SAMPLE_CASES} | {"crypto": 0.0}
        blockers = code.release_blockers(invented, SAMPLE_CASES)
        low = code.release_blockers({c["id"]: 0.0 for c in SAMPLE_CASES}, SAMPLE_CASES)
    assert clean == [], f"every case right: nothing blocks the release; got {clean}"
    assert blockers == ["crypto: answered a question it should have refused"], (
        "one invented answer blocks a release even when the mean is high: "
        f"['crypto: answered a question it should have refused'], not {blockers}"
    )
    assert low and low[0].startswith("mean score") and "below" in low[0], (
        f"a low mean adds 'mean score <mean> is below <threshold>' first; got {low}"
    )


def test_step4_the_threshold_is_a_parameter():
    cases = [
        {"id": f"q{n}", "question": "?", "must_include": [], "source": "a.md"} for n in range(4)
    ] + [{"id": "unanswerable", "question": "?", "must_include": [], "source": None}]
    scores = {"q0": 1.0, "q1": 1.0, "q2": 0.0, "q3": 1.0, "unanswerable": 1.0}  # mean 0.8
    with step("Step 4, release_blockers"):
        at = code.release_blockers(scores, cases, threshold=0.8)
        over = code.release_blockers(scores, cases, threshold=0.85)
        under = code.release_blockers(scores, cases, threshold=0.5)
    assert at == [], f"a mean equal to the threshold (0.8) passes the gate; got {at}"
    assert len(over) == 1 and over[0].startswith("mean score"), (
        f"with threshold=0.85 a mean of 0.8 is below it: one 'mean score ...' blocker; got {over}"
    )
    assert under == [], f"with threshold=0.5 a mean of 0.8 passes; got {under}"
    with step("Step 4, release_blockers"):
        refused_wrongly = code.release_blockers(scores | {"unanswerable": 0.0}, cases, 0.5)
    assert refused_wrongly == ["unanswerable: answered a question it should have refused"], (
        "any case whose source is None and that did not score 1.0 blocks the release, "
        f"whatever its id; got {refused_wrongly}"
    )


# Your documents and cases (the samples until you point DOCUMENTS and CASES elsewhere) --


def test_your_documents_are_all_indexed():
    folder = code.DOCUMENTS
    names = {p.name for p in folder.glob("*.md")}
    assert names, f"DOCUMENTS is {folder}, which holds no .md file: point it at your documents"
    with step("Step 1, build_retriever"):
        built = code.build_retriever()
    files = {c.id.split("#")[0] for c in built.chunks}
    assert files == names, (
        f"build_retriever() should index every .md file in DOCUMENTS ({folder}): "
        f"{sorted(names)}; got {sorted(files)}"
    )


def test_your_answers_cite_retrieved_chunks_and_refusals_are_clean():
    cases = code.load_cases()
    with step("Step 1, build_retriever"):
        built = code.build_retriever()
    known = {c.id for c in built.chunks}
    bot = code.Assistant(OfflineStandIn(), built)
    for case in cases:
        reply = ask(bot, case["question"])
        assert set(reply.sources) <= known, (
            f"{case['id']}: the answer cites {reply.sources}, which are not all chunks of "
            "your documents"
        )
        if reply.text == NO_ANSWER:
            assert reply.sources == [], f"{case['id']}: a refusal cites nothing, got {reply}"
        else:
            assert reply.sources, f"{case['id']}: an answer must cite its sources, got {reply}"


def test_the_assistant_passes_its_own_release_gate():
    cases = code.load_cases()
    assert cases, f"CASES ({code.CASES}) holds no eval case"
    assert any(c["source"] is None for c in cases), (
        f"CASES ({code.CASES}) needs cases the documents cannot answer (source null), so that "
        "the gate can tell refusing from inventing"
    )
    with step("Step 1, build_retriever"):
        bot = code.Assistant(OfflineStandIn(), code.build_retriever())
    with step("Step 3, score"):
        scores = code.evaluate(bot, cases)
    with step("Step 4, release_blockers"):
        blockers = code.release_blockers(scores, cases)
    assert blockers == [], f"the release gate is red on your cases: {blockers}; scores {scores}"
