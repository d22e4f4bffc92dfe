"""The site's adapter and the shipping project's wrappers against a server nobody here wrote.

The server is llm-katan (``tests/llm/conftest.py`` starts it on 127.0.0.1) with its echo
backend: no model, the reply echoes the request, e.g.
``[echo] model=katan-echo host=box:40123 time=... messages=2 ...\\nUser: <question>``, so
a reply names the port of the server that wrote it. Faults are its own flags: 429 after
N requests, 504 after N, seeded random 500s, latency, time to first token. The client is
the official ``openai`` one inside ``atlas.llm.OpenAIChat``; the wrappers are the shipping
project's reference solution, stacked on it as the project page shows.
"""

from __future__ import annotations

import re
import time

import pytest
from pydantic import BaseModel

from atlas.llm import ModelUnreachable, StructuredOutputError, ask_json
from atlas.roadmap.shipping.solution import (
    CachedModel,
    CostLimitExceeded,
    CostMeter,
    Fallback,
    stream_words,
)

QUESTION = "How long do refunds take?"
MESSAGES = [
    {"role": "system", "content": "Refunds take 5 days. Shipping is free over 50 euros."},
    {"role": "user", "content": QUESTION},
]
#: The client's backoff before retry 1 and 2 is 0.5 s and 1 s, each up to a quarter less.
TWO_BACKOFFS = 0.75 * (0.5 + 1.0)
#: The first backoff in tests that count retries (``quick_backoff``), then twice as long.
QUICK = 0.05
QUICK_TWO_BACKOFFS = 0.75 * (QUICK + 2 * QUICK)


def echo_of(server, temperature: float = 0.0) -> re.Pattern[str]:
    """What llm-katan's echo backend replies to MESSAGES, written by ``server``."""
    return re.compile(
        rf"\[echo\] model=katan-echo host=\S+:{server.port} time=\S+ messages=2 "
        rf"max_tokens=\d+ temperature={temperature}\nUser: {re.escape(QUESTION)}"
    )


class Refund(BaseModel):
    days: int


@pytest.fixture
def quick_backoff(monkeypatch):
    """The official client's first backoff cut from 0.5 s to QUICK (it still doubles).

    For tests that count retries and wait for several; test_a_run_of_500s... keeps the
    client's own 0.5 s. Patched where the client reads it, so a rename fails loudly.
    """
    from openai import _base_client

    assert _base_client.INITIAL_RETRY_DELAY == 0.5, "the client's first backoff changed"
    monkeypatch.setattr(_base_client, "INITIAL_RETRY_DELAY", QUICK)


def test_a_normal_chat_call(echo):
    server = echo
    reply = server.model().complete(MESSAGES)
    assert echo_of(server).fullmatch(reply), (
        f"atlas/llm/openai_chat.py: OpenAIChat.complete should return llm-katan's echo of "
        f"the two messages at temperature 0.0; got {reply!r}"
    )
    assert server.statuses(1) == [200]


def test_streaming_pieces_arrive_in_order_and_as_they_are_sent(katan):
    server = katan(ttft_ms=300, itl_ms=20)  # first piece after 0.3 s, then one per 20 ms
    started = time.monotonic()
    arrivals = [(time.monotonic() - started, piece) for piece in server.model().stream(MESSAGES)]
    text = "".join(piece for _, piece in arrivals)
    assert echo_of(server).fullmatch(text), (
        f"atlas/llm/openai_chat.py: OpenAIChat.stream's pieces, joined in the order they "
        f"came, should be the whole reply; got {text!r}"
    )
    times = [at for at, _ in arrivals]
    assert len(arrivals) > 10, f"one piece per server-sent event expected, got {len(arrivals)}"
    assert times[0] >= 0.3, "the first piece cannot come before the server's first token"
    # Handed over as they arrive, not gathered first: the last comes at least a few
    # inter-token gaps after the first.
    assert times[-1] - times[0] >= 0.5 * 0.020 * (len(times) - 1), (
        f"atlas/llm/openai_chat.py: OpenAIChat.stream should yield each piece as it "
        f"arrives; all {len(times)} came within {times[-1] - times[0]:.3f} s"
    )
    assert "".join(stream_words(text, size=4)) == text
    assert server.statuses(1) == [200]


def test_the_cache_spares_the_server_at_temperature_zero_only(echo):
    server = echo
    cache = CachedModel(server.model())
    first = cache.complete(MESSAGES)
    assert cache.complete(MESSAGES) == first
    assert server.statuses(1) == [200], "an identical request at temperature 0 is cached"
    cache.complete(MESSAGES, temperature=0.7)
    cache.complete(MESSAGES, temperature=0.7)
    assert server.statuses(3) == [200, 200, 200], "never cache at a temperature above 0"
    assert (cache.hits, cache.misses) == (1, 1)


def test_a_429_storm_backs_off_a_bounded_number_of_times_then_the_fallback_answers(
    katan, echo, quick_backoff
):
    limited = katan(rate_limit_after=1)  # one request, then HTTP 429 for good
    backup = echo
    model = limited.model(max_retries=2)
    assert echo_of(limited).fullmatch(model.complete(MESSAGES))

    started = time.monotonic()
    with pytest.raises(ModelUnreachable) as caught:
        model.complete(MESSAGES)
    elapsed = time.monotonic() - started
    assert limited.statuses(4) == [200, 429, 429, 429], "one try and max_retries=2 retries"
    assert QUICK_TWO_BACKOFFS <= elapsed < 8, (
        f"two backoffs of {QUICK} s and {2 * QUICK} s (a quarter less at most): {elapsed:.3f} s"
    )
    message = str(caught.value)
    assert limited.base_url in message and "HTTP 429" in message
    assert "after 3 attempts" in message and "rate limit exceeded" in message

    fallback = Fallback(model, backup.model())
    assert echo_of(backup).fullmatch(fallback.complete(MESSAGES)), "the backup answers"
    assert fallback.log == ["backup: primary failed (ModelUnreachable)"]
    assert limited.statuses(7) == [200] + [429] * 6
    assert backup.statuses(1) == [200]


def test_a_run_of_500s_is_survived_by_backoff(katan):
    # Seed 7 at --error-rate 0.5: the first two requests get HTTP 500, the third and fifth
    # are answered, the fourth gets 500 again.
    flaky = katan(seed=7, error_rate=0.5)
    started = time.monotonic()
    reply = flaky.model(max_retries=3).complete(MESSAGES)
    elapsed = time.monotonic() - started
    assert echo_of(flaky).fullmatch(reply)
    assert flaky.statuses(3) == [500, 500, 200]
    assert elapsed >= TWO_BACKOFFS, f"the client must wait between attempts: {elapsed:.2f} s"
    # Without retries (the adapter's default) the next 500 is the caller's at once.
    with pytest.raises(ModelUnreachable, match=r"HTTP 500 for model 'katan-echo': "):
        flaky.model().complete(MESSAGES)
    assert flaky.statuses(4) == [500, 500, 200, 500]


def test_a_gateway_timeout_is_retried_then_reported_for_calls_and_streams(katan, quick_backoff):
    gateway = katan(timeout_after=1)  # one request, then HTTP 504 for good
    model = gateway.model(max_retries=1)
    model.complete(MESSAGES)
    with pytest.raises(ModelUnreachable, match="HTTP 504.*after 2 attempts"):
        model.complete(MESSAGES)
    with pytest.raises(ModelUnreachable, match="HTTP 504"):
        list(gateway.model().stream(MESSAGES))
    assert gateway.statuses(4) == [200, 504, 504, 504]


def test_a_timeout_hands_over_to_the_fallback_and_so_does_a_slow_reply(katan, echo):
    # Every reply takes a second; abandoned requests do not hold up the next ones.
    slow = katan(latency_ms=1000, max_concurrent=4)
    backup = echo

    impatient = slow.model(timeout=0.4)
    started = time.monotonic()
    with pytest.raises(ModelUnreachable, match="did not answer in time"):
        impatient.complete(MESSAGES)
    assert time.monotonic() - started < 1.4, "the client's timeout must end the call"

    fallback = Fallback(impatient, backup.model())
    assert echo_of(backup).fullmatch(fallback.complete(MESSAGES))
    assert fallback.log == ["backup: primary failed (ModelUnreachable)"]

    # A reply that does come, but later than the limit, is replaced by the backup's.
    patient = Fallback(slow.model(timeout=5), backup.model(), max_seconds=0.5)
    assert echo_of(backup).fullmatch(patient.complete(MESSAGES))
    assert patient.log == ["backup: primary too slow"]
    assert backup.statuses(2) == [200, 200]


def test_the_budget_stops_spending_before_the_server_is_called(echo):
    server = echo
    # About 20 tokens a call at 10,000 per million each: roughly 0.2 a call.
    meter = CostMeter(server.model(), limit=0.5, input_price=10_000, output_price=10_000)
    answered = 0
    for _ in range(10):  # bounded: the limit is reached after about three calls
        try:
            meter.complete(MESSAGES)
        except CostLimitExceeded:
            break
        answered += 1
    else:
        pytest.fail(f"CostMeter never refused a call: spent {meter.spent} of 0.5")
    assert 2 <= answered <= 4, f"expected about three calls within the budget, got {answered}"
    assert meter.spent >= 0.5
    with pytest.raises(CostLimitExceeded):
        meter.complete(MESSAGES)
    assert server.statuses(answered) == [200] * answered, "a refused call never reaches it"


def test_a_server_that_ignores_json_schema_is_caught_by_validation(echo):
    # llm-katan honours only response_format json_object; OpenAIChat asks for json_schema.
    server = echo
    with pytest.raises(StructuredOutputError, match=r"2 attempts"):
        ask_json(server.model(), MESSAGES, Refund, report=lambda _: None)
    assert server.statuses(2) == [200, 200], "one retry with the error shown, never more"
