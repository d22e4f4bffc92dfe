"""Done-when check for project 10. Run: pytest snippets/roadmap/capstone/check.py

It tests starter.py; set ATLAS_SOLUTION=solution to see the reference pass.
"""

import pytest

from snippets.llm import OfflineStandIn
from snippets.llm.standin import NO_ANSWER
from snippets.roadmap.checking import load_reader_module, step
from snippets.roadmap.retrieval.solution import Answer

code = load_reader_module(__file__)
CASES = code.load_cases()


def retriever():
    with step("Step 1, build_retriever"):
        return code.build_retriever()


def assistant(**options):
    return code.Assistant(OfflineStandIn(), retriever(), **options)


def test_step1_every_document_is_indexed():
    built = retriever()
    files = {c.id.split("#")[0] for c in built.chunks}
    assert files == {"refunds.md", "shipping.md", "accounts.md"}
    assert len(built.chunks) > len(files), "documents should be chunked, not indexed whole"


@pytest.mark.parametrize(
    "question, text, expected",
    [
        ("Where is the warehouse?", "Our warehouse is in Lyon.", True),
        ("Can I pay with bitcoin?", "Smaller orders pay a flat fee.", False),
        ("What?", "Anything at all.", False),
    ],
)
def test_step2_covers(question, text, expected):
    with step("Step 2a, covers"):
        assert code.covers(question, text) is expected


def test_step2_answers_with_a_source():
    bot = assistant()
    with step("Step 2b, Assistant.ask"):
        reply = bot.ask("Where is the warehouse?")
    assert "Lyon" in reply.text and reply.sources == ["shipping.md#1"]


@pytest.mark.parametrize("question", ["What is the capital of France?", "Can I pay with bitcoin?"])
def test_step2_refuses_what_the_documents_do_not_support(question):
    bot = assistant()
    with step("Step 2b, Assistant.ask"):
        assert bot.ask(question) == Answer(NO_ANSWER, [])


def test_step2_repeats_come_from_the_cache_and_spending_is_capped():
    bot = assistant(cost_limit=0.0002)
    with step("Step 2b, Assistant.ask"):
        first = bot.ask("How long do refunds take?")
        assert bot.ask("How long do refunds take?") == first
        assert bot.cache.hits >= 1
        with pytest.raises(Exception, match="spent"):
            for question in (
                "Do gift cards expire?",
                "When is shipping free?",
                "Where is the warehouse?",
                "How long must a password be?",
            ):
                bot.ask(question)


@pytest.mark.parametrize(
    "reply, case_id, expected",
    [
        (Answer("Refunds take 5 days.", ["refunds.md#0"]), "refund-time", 1.0),
        (Answer("Refunds take 5 days.", []), "refund-time", 0.0),
        (Answer("Refunds take 5 days.", ["shipping.md#0"]), "refund-time", 0.0),
        (Answer("Refunds are fast.", ["refunds.md#0"]), "refund-time", 0.0),
        (Answer(NO_ANSWER, []), "capital", 1.0),
        (Answer("Paris.", ["accounts.md#0"]), "capital", 0.0),
    ],
)
def test_step3_score(reply, case_id, expected):
    case = next(c for c in CASES if c["id"] == case_id)
    with step("Step 3, score"):
        assert code.score(reply, case) == expected


def test_step4_release_gate_blocks_invented_answers_and_low_scores():
    with step("Step 4, release_blockers"):
        assert code.release_blockers({c["id"]: 1.0 for c in CASES}, CASES) == []
        invented = {c["id"]: 1.0 for c in CASES} | {"crypto": 0.0}
        blockers = code.release_blockers(invented, CASES)
    assert blockers == ["crypto: answered a question it should have refused"], (
        "one invented answer blocks a release even when the mean is high"
    )
    with step("Step 4, release_blockers"):
        low = code.release_blockers({c["id"]: 0.0 for c in CASES}, CASES)
    assert low[0].startswith("mean score 0.00")


def test_the_assistant_passes_its_own_release_gate():
    bot = assistant()
    with step("Step 3, score"):
        scores = code.evaluate(bot, CASES)
    with step("Step 4, release_blockers"):
        assert code.release_blockers(scores, CASES) == []
