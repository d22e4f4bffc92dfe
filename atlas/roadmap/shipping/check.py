"""Done-when check for the shipping project. Run: make check P=shipping

It tests your copy, work/shipping.py (``make reference P=shipping`` runs it against the
reference solution). Slow and failing models are test doubles that record what they were
sent, time comes from a fake clock (no waiting), and some requests, texts and limits are
generated here with a fixed seed, so code fitted to the page's examples does not pass.
"""

import math
import random
from collections import OrderedDict

import pytest

from atlas.llm import OfflineStandIn
from atlas.roadmap.checking import load_reader_module, step

code = load_reader_module(__file__)
MESSAGES = [
    {"role": "system", "content": "Refunds take 5 days. Shipping is free over 50 euros."},
    {"role": "user", "content": "How long do refunds take?"},
]
SCHEMA = {"type": "object", "properties": {"days": {"type": "integer"}}}


class Counting:
    """Replies with the call number, so repeated calls are told apart; records each call.

    ``calls[i]["kwargs"]`` holds only the options the caller passed.
    """

    def __init__(self, name="reply", before=None):
        self.name, self.before = name, before
        self.calls = []

    def complete(self, messages, **kwargs):
        if self.before:
            self.before()
        self.calls.append({"messages": [dict(m) for m in messages], "kwargs": dict(kwargs)})
        return f"{self.name} {len(self.calls)}"


class Broken:
    def __init__(self, error=None):
        self.error = error or TimeoutError("the endpoint did not answer")
        self.calls = 0

    def complete(self, messages, **options):
        self.calls += 1
        raise self.error


def options_sent(double, index=-1):
    return double.calls[index]["kwargs"]


def is_refused(meter, messages=MESSAGES):
    """True when ``meter`` refuses the call with CostLimitExceeded."""
    try:
        meter.complete(messages)
    except code.CostLimitExceeded:
        return True
    return False


# Step 1 -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text", ["one two three four five six seven", "  spaced   out\ttext \n", "", "single"]
)
def test_step1_stream_words_gives_back_the_text(text):
    with step("Step 1, stream_words"):
        chunks = list(code.stream_words(text, size=3))
    assert "".join(chunks) == text, (
        f"joined, the pieces must give back the text exactly, whitespace included: "
        f"{text!r} came back as {''.join(chunks)!r}"
    )
    assert all(len(c.split()) <= 3 for c in chunks), f"at most `size` words a piece: {chunks}"


def test_step1_stream_words_sizes():
    with step("Step 1, stream_words"):
        chunks = list(code.stream_words("a b c d e", size=2))
        default = list(code.stream_words("a b c d e f g"))
    assert chunks == ["a b", " c d", " e"], (
        f"'a b c d e' in pieces of 2 words is ['a b', ' c d', ' e'], not {chunks}"
    )
    assert default == ["a b c", " d e f", " g"], (
        f"the default size is 3 words a piece; got {default}"
    )


def test_step1_held_back_texts_and_sizes():
    rng = random.Random(3)
    gaps = [" ", "  ", "\t", "\n", " \n "]
    for _ in range(30):
        count = rng.randint(1, 14)
        pieces = [rng.choice(["", " ", "\n"])]
        for n in range(count):
            pieces.append(rng.choice(["word", "Lyon,", "5", "euros."]) + str(n))
            pieces.append(rng.choice(gaps) if n < count - 1 else rng.choice(["", " ", "\n"]))
        text, size = "".join(pieces), rng.randint(1, 5)
        with step("Step 1, stream_words"):
            chunks = list(code.stream_words(text, size=size))
        assert "".join(chunks) == text, (
            f"size={size}: joined, the pieces must give back {text!r} exactly, got "
            f"{''.join(chunks)!r}"
        )
        worded = [c for c in chunks if c.split()]
        assert all(len(c.split()) == size for c in worded[:-1]), (
            f"size={size}: every piece but the last has exactly `size` words: {chunks}"
        )
        assert len(worded) == math.ceil(count / size), (
            f"size={size}: {count} words make {math.ceil(count / size)} pieces of words, "
            f"not {len(worded)}: {chunks}"
        )


# Step 2 -----------------------------------------------------------------------------


def test_step2_cache_serves_repeats_without_calling_the_model():
    inner = Counting()
    cached = code.CachedModel(inner)
    with step("Step 2, CachedModel"):
        first = cached.complete(MESSAGES)
        second = cached.complete([dict(m) for m in MESSAGES])
        other = cached.complete(MESSAGES, json_schema={"type": "string"})
    assert first == second == "reply 1", "a repeated request must get the stored reply"
    assert other == "reply 2", "a request with another json_schema is a different request"
    assert (len(inner.calls), cached.hits, cached.misses) == (2, 1, 2), (
        f"two different requests and one repeat: 2 model calls, 1 hit, 2 misses; got "
        f"{len(inner.calls)} calls, {cached.hits} hits, {cached.misses} misses"
    )
    assert options_sent(inner, 1).get("json_schema") == {"type": "string"}, (
        "pass json_schema on to the model on a miss"
    )


def test_step2_the_whole_request_is_the_key():
    inner = Counting()
    cached = code.CachedModel(inner)
    other_context = [
        {"role": "system", "content": "Refunds take 10 days."},
        MESSAGES[-1],
    ]
    longer = [*MESSAGES, {"role": "assistant", "content": "5 days."}, MESSAGES[-1]]
    with step("Step 2, CachedModel"):
        replies = [cached.complete(m) for m in (MESSAGES, other_context, longer)]
    assert replies == ["reply 1", "reply 2", "reply 3"], (
        "different messages (another system message, a longer conversation) with the same "
        "last question are different requests: key on every message and json_schema, "
        f"json.dumps([list(messages), json_schema], sort_keys=True); got {replies}"
    )


def test_step2_cache_never_stores_varied_replies():
    inner = Counting()
    cached = code.CachedModel(inner)
    with step("Step 2, CachedModel"):
        replies = {cached.complete(MESSAGES, temperature=0.7, json_schema=SCHEMA) for _ in range(3)}
    assert len(replies) == 3 and len(inner.calls) == 3, (
        "at temperature > 0 always call the model: variety was asked for"
    )
    assert options_sent(inner).get("temperature") == 0.7, (
        "pass the temperature on to the model (asked 0.7, it got "
        f"{options_sent(inner).get('temperature')!r})"
    )
    assert options_sent(inner).get("json_schema") == SCHEMA, "pass json_schema on to the model"


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
    assert len(inner.calls) == 4, (
        "with max_entries=2: a, b, a (hit, now the most recent), c (evicts b), a (hit), b "
        f"(miss) makes 4 model calls, not {len(inner.calls)}: a hit moves an entry to the end"
    )


@pytest.mark.parametrize("max_entries", [1, 3, 5])
def test_step2_held_back_request_sequences(max_entries):
    rng = random.Random(max_entries)
    questions = [[{"role": "user", "content": f"question {n}?"}] for n in range(7)]
    inner, model_calls = Counting(), 0
    cached = code.CachedModel(inner, max_entries=max_entries)
    lru: OrderedDict[int, None] = OrderedDict()
    for _ in range(60):
        n = rng.randrange(len(questions))
        if n in lru:
            lru.move_to_end(n)
        else:
            model_calls += 1
            lru[n] = None
            if len(lru) > max_entries:
                lru.popitem(last=False)
        with step("Step 2, CachedModel"):
            cached.complete(questions[n])
    assert len(inner.calls) == model_calls, (
        f"max_entries={max_entries}: 60 requests this check generated should make "
        f"{model_calls} model calls, yours made {len(inner.calls)}; keep at most max_entries "
        "entries and drop the least recently used"
    )
    assert (cached.hits, cached.misses) == (60 - model_calls, model_calls), (
        "count a hit for each stored reply served and a miss for each model call"
    )


# Step 3 -----------------------------------------------------------------------------


def test_step3_fallback_on_error():
    primary = Broken()
    fallback = code.Fallback(primary, OfflineStandIn())
    with step("Step 3, Fallback"):
        reply = fallback.complete(MESSAGES)
    assert reply == "Refunds take 5 days.", "when the primary raises, return the backup's reply"
    assert primary.calls == 1, "call the primary once per request"
    assert fallback.log == ["backup: primary failed (TimeoutError)"], (
        f"log 'backup: primary failed (<ExceptionType>)'; got {fallback.log}"
    )


@pytest.mark.parametrize("error", [ValueError("bad JSON"), RuntimeError("500"), KeyError("x")])
def test_step3_fallback_on_any_error(error):
    fallback = code.Fallback(Broken(error), Counting("backup"))
    with step("Step 3, Fallback"):
        try:
            reply = fallback.complete(MESSAGES)
        except NotImplementedError:
            raise
        except Exception as escaped:
            pytest.fail(
                f"the primary's {type(escaped).__name__} reached the caller: any error of the "
                "primary, not only a timeout, must send the request to the backup "
                "(catch Exception)",
                pytrace=False,
            )
    assert reply == "backup 1" and fallback.log == [
        f"backup: primary failed ({type(error).__name__})"
    ], (
        f"any error of the primary, not only a timeout, sends the request to the backup "
        f"and logs 'backup: primary failed ({type(error).__name__})'; got {fallback.log}"
    )


def test_step3_fallback_when_too_slow():
    times = iter([0.0, 12.0, 100.0, 100.5])
    fallback = code.Fallback(
        Counting(), OfflineStandIn(), max_seconds=10, clock=lambda: next(times)
    )
    with step("Step 3, Fallback"):
        slow = fallback.complete(MESSAGES)
        fast = fallback.complete(MESSAGES)
    assert slow == "Refunds take 5 days." and fast == "reply 2", (
        "a primary that took 12 s (more than max_seconds=10) is replaced by the backup; "
        "one that took 0.5 s is used"
    )
    assert fallback.log == ["backup: primary too slow", "primary"], (
        f"log 'backup: primary too slow' and 'primary'; got {fallback.log}"
    )


def test_step3_the_time_limit_is_a_parameter_with_an_inclusive_boundary():
    times = iter([0.0, 2.5, 10.0, 12.6, 20.0, 23.0])
    fallback = code.Fallback(
        Counting(), Counting("backup"), max_seconds=2.5, clock=lambda: next(times)
    )
    with step("Step 3, Fallback"):
        replies = [fallback.complete(MESSAGES) for _ in range(3)]
    assert fallback.log == ["primary", "backup: primary too slow", "backup: primary too slow"], (
        "with max_seconds=2.5: a call that took exactly 2.5 s is served by the primary (only "
        "*more* than max_seconds is too slow), 2.6 s and 3 s go to the backup; use "
        f"self.max_seconds, not a number of your own; got {fallback.log}"
    )
    assert replies == ["reply 1", "backup 1", "backup 2"], f"got {replies}"


def test_step3_both_models_get_the_options():
    primary, backup = Counting(), Counting("backup")
    ok = code.Fallback(primary, backup)
    failing = Broken()
    fails = code.Fallback(failing, backup)
    with step("Step 3, Fallback"):
        ok.complete(MESSAGES, temperature=0.4, json_schema=SCHEMA)
        fails.complete(MESSAGES, temperature=0.9, json_schema=SCHEMA)
    assert options_sent(primary) == {"temperature": 0.4, "json_schema": SCHEMA}, (
        f"pass temperature and json_schema on to the primary; it got {options_sent(primary)}"
    )
    assert options_sent(backup) == {"temperature": 0.9, "json_schema": SCHEMA}, (
        f"pass temperature and json_schema on to the backup; it got {options_sent(backup)}"
    )


# Step 4 -----------------------------------------------------------------------------


def test_step4_cost_meter_prices_calls():
    meter = code.CostMeter(OfflineStandIn(), limit=0.001, input_price=20.0, output_price=80.0)
    with step("Step 4, CostMeter"):
        meter.complete(MESSAGES)
    # input: 10 words -> 14 tokens, 5 words -> 7; reply 'Refunds take 5 days.' -> 6
    assert meter.spent == pytest.approx((21 * 20 + 6 * 80) / 1_000_000), (
        "spent = (input tokens * input_price + reply tokens * output_price) / 1_000_000, "
        "with estimate_tokens() of every message's content and of the reply: "
        f"{(21 * 20 + 6 * 80) / 1_000_000} here, not {meter.spent}"
    )


def test_step4_held_back_prices_and_messages():
    rng = random.Random(5)
    for _ in range(10):
        inner = Counting()  # its replies, 'reply <n>', are 2 words: 3 tokens
        prices = rng.choice([0.5, 3.0, 15.0]), rng.choice([1.0, 60.0, 150.0])
        meter = code.CostMeter(inner, 100.0, *prices)
        conversation = [
            {"role": rng.choice(["system", "user", "assistant"]), "content": "word " * n}
            for n in (rng.randint(1, 30) for _ in range(rng.randint(1, 4)))
        ]
        conversation[-1]["role"] = "user"
        tokens_in = sum(code.estimate_tokens(m["content"]) for m in conversation)
        with step("Step 4, CostMeter"):
            meter.complete(conversation, temperature=0.3, json_schema=SCHEMA)
        expected = (tokens_in * prices[0] + 3 * prices[1]) / 1_000_000
        assert meter.spent == pytest.approx(expected), (
            f"input_price={prices[0]}, output_price={prices[1]}, {tokens_in} input tokens "
            f"over {len(conversation)} messages and a 3-token reply: spent should be "
            f"{expected}, not {meter.spent}; count every message and use the prices given"
        )
        assert options_sent(inner) == {"temperature": 0.3, "json_schema": SCHEMA}, (
            f"pass temperature and json_schema on to the model; it got {options_sent(inner)}"
        )


def test_step4_a_call_is_refused_once_spending_reaches_the_limit():
    inner = Counting()
    one_call = (21 * 2.0 + 3 * 8.0) / 1_000_000  # MESSAGES in, 'reply 1' out
    meter = code.CostMeter(inner, limit=one_call, input_price=2.0, output_price=8.0)
    with step("Step 4, CostMeter"):
        meter.complete(MESSAGES)
    assert meter.spent == pytest.approx(one_call), "the first call fits the budget exactly"
    with step("Step 4, CostMeter"):
        stopped = is_refused(meter)
    assert stopped and len(inner.calls) == 1, (
        "once spent reaches the limit (spent == limit counts), raise CostLimitExceeded "
        "before calling the model: the refused call must not reach it"
    )


def test_step4_spending_stops_and_no_call_starts_over_budget():
    spent_when_called = []
    meter = None
    inner = Counting(before=lambda: spent_when_called.append(meter.spent))
    meter = code.CostMeter(inner, limit=0.001, input_price=20.0, output_price=80.0)
    refused = False
    with step("Step 4, CostMeter"):
        for _ in range(100):
            calls = len(inner.calls)
            try:
                meter.complete(MESSAGES)
            except code.CostLimitExceeded:
                refused = True
                assert len(inner.calls) == calls, (
                    "a refused call must not reach the model: raise CostLimitExceeded "
                    "before calling it, not after"
                )
                break
    assert refused, "after 100 calls the budget of 0.001 is long spent: raise CostLimitExceeded"
    assert all(spent < meter.limit for spent in spent_when_called), (
        "a call started although the budget was already spent: check self.spent >= "
        "self.limit before calling the model"
    )
    with step("Step 4, CostMeter"):
        again = is_refused(meter)
    assert again, "a meter that refused once keeps refusing: the budget is still spent"


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
    assert replies == ["reply 1"] * 3 and len(inner.calls) == 1, (
        "CostMeter(CachedModel(Fallback(broken, backup))): three identical requests make "
        f"one backup call; got replies {replies} and {len(inner.calls)} backup calls"
    )
