"""The support scenario: shipped data, intent classifier, retrieval chatbot, rubric."""

from __future__ import annotations

import pytest

from atlas.llm import OfflineStandIn
from atlas.scenarios import support

CENTRE = support.HelpCentre.load()
CASES = support.load_eval_cases()


def test_help_centre_ids_are_unique():
    ids = [a["id"] for a in CENTRE.articles]
    assert len(ids) == len(set(ids)) == 12


def test_every_intent_has_training_and_test_messages():
    train = set(support.load_intents("train")[1])
    test = set(support.load_intents("test")[1])
    assert train == test == set(support.CANNED)


def test_eval_cases_point_at_real_articles_that_state_the_fact():
    in_scope = [c for c in CASES if not c.get("out_of_scope")]
    assert len(in_scope) == 12 and len(CASES) - len(in_scope) == 4
    for case in in_scope:
        assert case["fact"].lower() in CENTRE.by_id[case["source"]]["text"].lower(), case


def test_retrieval_puts_the_right_article_first_for_every_eval_question():
    for case in CASES:
        if not case.get("out_of_scope"):
            assert CENTRE.search(case["question"])[0].article_id == case["source"], case


def test_search_many_matches_search():
    questions = [c["question"] for c in CASES]
    assert CENTRE.search_many(questions, k=3) == [CENTRE.search(q, k=3) for q in questions]


def test_intent_classifier_generalises_and_hands_over_when_unsure():
    model = support.train_intent_classifier(*support.load_intents("train"))
    texts, intents = support.load_intents("test")
    accuracy = sum(p == t for p, t in zip(model.predict(texts), intents, strict=True)) / len(texts)
    assert accuracy >= 0.75
    assert support.reply_by_intent(model, "zzz qqq") == support.HANDOVER
    reply = support.reply_by_intent(model, "I forgot my password")
    assert reply == support.CANNED["reset_password"]


def test_prompt_tags_every_extract_line_with_its_article():
    hits = CENTRE.search("When will my refund arrive?")
    system, user = support.build_prompt("When will my refund arrive?", hits, CENTRE)
    extracts = system["content"].split("\n\n", 1)[1].splitlines()
    tags = ("[refunds] ", "[password-reset] ")
    assert extracts and all(line.startswith(tags) for line in extracts)
    assert user == {"role": "user", "content": "When will my refund arrive?"}


class Refuses:
    def complete(self, messages, *, temperature=0.0, json_schema=None):
        raise AssertionError("the model must not be called for an out-of-scope question")


def test_out_of_scope_is_declined_without_a_model_call():
    reply = support.answer(Refuses(), "Write me a poem about the sea.", CENTRE)
    assert reply.declined and reply.sources == () and reply.text == support.DECLINE


def test_stand_in_answer_cites_the_article_it_was_given():
    reply = support.answer(OfflineStandIn(), "How long is a gift card valid?", CENTRE)
    assert reply.text.startswith("[gift-cards] Gift cards are valid for 2 years")
    assert reply.sources[0] == "gift-cards" and not reply.declined


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "[refunds] We refund within 5 working days.",
            {"cites a source": True, "states the key fact": True},
        ),
        (
            "We refund within 5 working days.",
            {"cites a source": False, "states the key fact": True},
        ),
        ("[refunds] Refunds are quick.", {"cites a source": True, "states the key fact": False}),
        (
            "[refunds] within 5 working days, but I can only help with orders.",
            {"cites a source": True, "states the key fact": False},
        ),
    ],
)
def test_rubric_on_an_in_scope_question(text, expected):
    case = {"question": "When?", "fact": "within 5 working days", "source": "refunds"}
    assert support.grade(case, text) == expected


def test_rubric_on_an_out_of_scope_question():
    case = {"question": "A poem?", "out_of_scope": True}
    assert support.grade(case, support.DECLINE) == {"declines out-of-scope": True}
    assert support.grade(case, "Roses are red.") == {"declines out-of-scope": False}


def test_pass_rate_of_a_perfect_and_of_a_useless_bot():
    answers = {
        c["question"]: support.DECLINE if c.get("out_of_scope") else f"[{c['source']}] {c['fact']}."
        for c in CASES
    }
    perfect = support.evaluate(answers.__getitem__, CASES)
    assert perfect.pass_rate == 1.0
    useless = support.evaluate(lambda q: support.DECLINE, CASES)
    assert useless.cases_passed == 4
    assert useless.checks == {
        "cites a source": (0, 12),
        "states the key fact": (0, 12),
        "declines out-of-scope": (4, 4),
    }
    assert str(useless).splitlines()[-1] == "all checks pass         4/16 = 25%"


def test_temperature_reaches_the_model_and_sampling_varies_reproducibly():
    seen = []

    class Recording(OfflineStandIn):
        def complete(self, messages, *, temperature=0.0, json_schema=None):
            seen.append(temperature)
            return super().complete(messages, temperature=temperature, json_schema=json_schema)

    def draws(seed):
        model = Recording(seed=seed)
        question = "How do I return an item?"
        return [support.answer(model, question, CENTRE, temperature=1.0).text for _ in range(6)]

    first = draws(1)
    assert set(seen) == {1.0}
    assert len(set(first)) > 1
    assert draws(1) == first
