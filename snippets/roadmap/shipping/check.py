"""Done-when check for project 8. Run: pytest snippets/roadmap/shipping/check.py

It tests starter.py; set ATLAS_SOLUTION=solution to see the reference pass. Slow and
failing models are test doubles, and time comes from a fake clock: no waiting.
"""

import pytest

from snippets.llm import OfflineStandIn
from snippets.roadmap.checking import load_reader_module, step

code = load_reader_module(__file__)
MESSAGES = [
    {"role": "system", "content": "Refunds take 5 days. Shipping is free over 50 euros."},
    {"role": "user", "content": "How long do refunds take?"},
]


class Counting:
    """Counts calls; replies with the call number so repeated calls are told apart."""

    def __init__(self):
        self.calls = 0

    def complete(self, messages, *, temperature=0.0, json_schema=None):
        self.calls += 1
        return f"reply {self.calls}"


class Broken:
    def complete(self, messages, **options):
        raise TimeoutError("the endpoint did not answer")


@pytest.mark.parametrize(
    "text", ["one two three four five six seven", "  spaced   out\ttext \n", "", "single"]
)
def test_step1_stream_words_gives_back_the_text(text):
    with step("Step 1, stream_words"):
        chunks = list(code.stream_words(text, size=3))
    assert "".join(chunks) == text
    assert all(len(c.split()) <= 3 for c in chunks)


def test_step1_stream_words_sizes():
    with step("Step 1, stream_words"):
        chunks = list(code.stream_words("a b c d e", size=2))
    assert chunks == ["a b", " c d", " e"]


def test_step2_cache_serves_repeats_without_calling_the_model():
    inner = Counting()
    cached = code.CachedModel(inner)
    with step("Step 2, CachedModel"):
        first = cached.complete(MESSAGES)
        second = cached.complete([dict(m) for m in MESSAGES])
        other = cached.complete(MESSAGES, json_schema={"type": "string"})
    assert first == second == "reply 1" and other == "reply 2"
    assert (inner.calls, cached.hits, cached.misses) == (2, 1, 2)


def test_step2_cache_never_stores_varied_replies():
    inner = Counting()
    cached = code.CachedModel(inner)
    with step("Step 2, CachedModel"):
        replies = {cached.complete(MESSAGES, temperature=0.7) for _ in range(3)}
    assert len(replies) == 3 and inner.calls == 3


def test_step2_cache_forgets_the_least_recently_used():
    inner = Counting()
    cached = code.CachedModel(inner, max_entries=2)
    ask = [[{"role": "user", "content": q}] for q in ("a?", "b?", "c?")]
    with step("Step 2, CachedModel"):
        cached.complete(ask[0])
        cached.complete(ask[1])
        cached.complete(ask[0])  # a is now the most recent
        cached.complete(ask[2])  # evicts b
        cached.complete(ask[0])
        cached.complete(ask[1])
    assert inner.calls == 4, "a should have stayed cached; b should have been evicted"


def test_step3_fallback_on_error():
    fallback = code.Fallback(Broken(), OfflineStandIn())
    with step("Step 3, Fallback"):
        reply = fallback.complete(MESSAGES)
    assert reply == "Refunds take 5 days."
    assert fallback.log == ["backup: primary failed (TimeoutError)"]


def test_step3_fallback_when_too_slow():
    times = iter([0.0, 12.0, 100.0, 100.5])
    fallback = code.Fallback(
        Counting(), OfflineStandIn(), max_seconds=10, clock=lambda: next(times)
    )
    with step("Step 3, Fallback"):
        slow = fallback.complete(MESSAGES)
        fast = fallback.complete(MESSAGES)
    assert slow == "Refunds take 5 days." and fast == "reply 2"
    assert fallback.log == ["backup: primary too slow", "primary"]


def test_step4_cost_meter_prices_calls_and_stops():
    meter = code.CostMeter(OfflineStandIn(), limit=0.001, input_price=20.0, output_price=80.0)
    with step("Step 4, CostMeter"):
        meter.complete(MESSAGES)
    # input: 10 words -> 14 tokens, 5 words -> 7; reply 'Refunds take 5 days.' -> 6
    assert meter.spent == pytest.approx((21 * 20 + 6 * 80) / 1_000_000)
    with step("Step 4, CostMeter"):
        while meter.spent < meter.limit:
            meter.complete(MESSAGES)
        with pytest.raises(code.CostLimitExceeded):
            meter.complete(MESSAGES)


def test_step4_the_wrappers_stack():
    inner = Counting()
    with step("Step 4, CostMeter"):
        model = code.CostMeter(
            code.CachedModel(code.Fallback(Broken(), inner)),
            limit=1.0,
            input_price=1.0,
            output_price=1.0,
        )
        replies = [model.complete(MESSAGES) for _ in range(3)]
    assert replies == ["reply 1"] * 3 and inner.calls == 1
