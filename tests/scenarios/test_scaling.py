"""The scaling scenario: model size, retraining trigger, traffic simulation, sampling."""

from __future__ import annotations

from pathlib import Path

import pytest

from atlas.scenarios import scaling, support
from atlas.scenarios.scaling import Request, Setup

CENTRE = support.HelpCentre.load()
ROUTER = support.train_intent_classifier(*support.load_intents("train"))


def test_tokens_rule_of_thumb():
    assert scaling.tokens("") == 0
    assert scaling.tokens("one two three") == 4
    assert scaling.tokens("one two three four") == 6


def test_traffic_is_seeded_repeats_and_carries_order_numbers():
    traffic = scaling.make_traffic(2000, seed=3)
    assert traffic == scaling.make_traffic(2000, seed=3)
    assert traffic != scaling.make_traffic(2000, seed=4)
    with_number = sum(", order " in r.text for r in traffic) / len(traffic)
    assert 0.35 < with_number < 0.45
    plain = [r.text for r in traffic if ", order " not in r.text]
    assert len(set(plain)) < len(plain) / 3  # popular phrasings repeat


def test_prices_follow_the_invented_rules_the_page_states():
    """docs/scenarios/scaling.md says how the prices were made up: output costs four times
    input, the small model a tenth of the large one, and the large model 6 and 24 dollars
    per million tokens. If you change LARGE or SMALL, change that warning box too."""
    large, small = scaling.LARGE, scaling.SMALL
    for tier in (large, small):
        assert tier.usd_per_million_output == pytest.approx(4 * tier.usd_per_million_input)
    assert small.usd_per_million_input == pytest.approx(large.usd_per_million_input / 10)
    assert (large.usd_per_million_input, large.usd_per_million_output) == (6.00, 24.00)
    page = (Path(__file__).parents[2] / "docs/scenarios/scaling.md").read_text("utf-8")
    box = " ".join(
        page.split("The prices and speeds are assumptions", 1)[1].split("```")[0].split()
    )
    assert "6 and 24 US dollars per million input and output tokens" in box
    assert "0.60 and 2.40" in box


def test_one_uncached_request_costs_what_the_price_model_says():
    request = Request("what does delivery cost")
    outcome = scaling.simulate([request], Setup("base"), CENTRE, ROUTER)
    prompt = (
        scaling.tokens(support.SYSTEM)
        + scaling.tokens(" ".join(a["text"] for a in CENTRE.articles))
        + scaling.tokens(request.text)
    )
    large = scaling.LARGE
    expected = (
        prompt * large.usd_per_million_input + scaling.OUTPUT_TOKENS * large.usd_per_million_output
    ) / 1e6
    assert outcome.cost_usd == pytest.approx(expected)
    assert outcome.calls == {"large": 1, "small": 0, "cache": 0, "declined": 0}


def test_cache_serves_exact_repeats_only():
    traffic = [Request("where is my parcel")] * 3 + [Request("Where is  my parcel")]
    outcome = scaling.simulate(traffic, Setup("c", cache=True), CENTRE, ROUTER)
    assert outcome.calls["cache"] == 3 and outcome.calls["large"] == 1
    assert outcome.latencies[1] == scaling.CACHE_SECONDS


def test_retrieval_declines_what_matches_nothing_and_shrinks_prompts():
    off_topic = [Request("write me a poem about the sea")]
    declined = scaling.simulate(off_topic, Setup("r", retrieval=True), CENTRE, ROUTER)
    assert declined.calls["declined"] == 1 and declined.cost_usd == 0
    on_topic = [Request("what does delivery cost")]
    whole = scaling.simulate(on_topic, Setup("w"), CENTRE, ROUTER).cost_usd
    retrieved = scaling.simulate(on_topic, Setup("r", retrieval=True), CENTRE, ROUTER).cost_usd
    assert 0 < retrieved < whole


def test_routing_sends_confident_messages_to_the_small_model():
    confident = Request("I forgot my password")
    assert ROUTER.predict_proba([confident.text]).max() >= 0.6
    routed = scaling.simulate([confident], Setup("x", routing=True), CENTRE, ROUTER)
    assert routed.calls["small"] == 1
    unrouted = scaling.simulate([confident], Setup("x"), CENTRE, ROUTER)
    assert routed.cost_usd < unrouted.cost_usd / 5


def test_each_setup_is_cheaper_than_the_one_before():
    traffic = scaling.make_traffic(1500, seed=5)
    costs = [scaling.simulate(traffic, s, CENTRE, ROUTER).cost_usd for s in scaling.SETUPS]
    assert costs == sorted(costs, reverse=True)
    assert costs[-1] < costs[0] / 10


def test_sampling_is_seeded_and_near_the_rate():
    traffic = scaling.make_traffic(3000, seed=0)
    sample = scaling.sample_for_review(traffic, 0.05, seed=2)
    assert sample == scaling.sample_for_review(traffic, 0.05, seed=2)
    assert 100 < len(sample) < 200


def test_reference_free_checks():
    cited = support.Reply("[refunds] Within 5 days.", ("refunds",), False)
    assert scaling.reference_free_checks(cited) == {
        "answered with a citation": True,
        "declined": False,
        "mixed an answer with a decline": False,
    }
    wrong_source = support.Reply("[warranty] Two years.", ("refunds",), False)
    assert not scaling.reference_free_checks(wrong_source)["answered with a citation"]
    mixed = support.Reply(
        "[refunds] Within 5 days. I can only help with orders.", ("refunds",), False
    )
    assert scaling.reference_free_checks(mixed)["mixed an answer with a decline"]


def test_review_sample_lists_the_declines():
    sample = [Request("what does delivery cost"), Request("write me a poem")]
    counts, declined = scaling.review_sample(
        sample, lambda q: support.answer(support_model(), q, CENTRE)
    )
    assert counts == {
        "answered with a citation": 1,
        "declined": 1,
        "mixed an answer with a decline": 0,
    }
    assert declined == ["write me a poem"]


def support_model():
    from atlas.llm import OfflineStandIn

    return OfflineStandIn()


def test_retraining_is_triggered_by_a_failed_check():
    weeks = scaling.retraining_schedule(weeks=2, drift_per_week=0.7, recall_floor=0.0)
    assert [w.week for w in weeks] == [1, 2]
    # Drift of 0.7 and then 1.0 moves the share of payments abroad past the PSI limit.
    assert weeks[0].worst_feature == "abroad" and weeks[0].worst_psi > 0.25
    assert weeks[0].action == "retrain: inputs drifted"
    calm = scaling.retraining_schedule(weeks=1, drift_per_week=0.0, recall_floor=0.0)
    assert calm[0].action == "keep"
