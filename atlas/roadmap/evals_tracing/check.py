"""Done-when check for the evals-tracing project. Run: make check P=evals-tracing

It tests your copy, work/evals_tracing.py (``make reference P=evals-tracing`` runs it
against the reference solution). Time comes from fake clocks, models are test doubles
that record what they were sent, and some cases are generated here with a fixed seed,
so code fitted to the page's examples does not pass.
"""

import json
import random

import pytest

from atlas.llm import OfflineStandIn
from atlas.roadmap.checking import Scripted, load_reader_module, step

code = load_reader_module(__file__)
CONTEXT = "Refunds take 5 days. Shipping is free over 50 euros. Parcels arrive within a week."
CASES = [
    code.Case("refunds", "How long do refunds take?", ["5 days"]),
    code.Case("shipping", "When is shipping free?", ["50 euros"]),
    code.Case("parcels", "How fast do parcels arrive?", ["within a week"]),
]


def fake_clock(*times):
    ticks = iter(times)

    def clock():
        try:
            return next(ticks)
        except StopIteration:
            pytest.fail(
                f"the clock was read more than {len(times)} times: read it once when the "
                "span opens and once when it closes",
                pytrace=False,
            )

    return clock


class Ticking:
    """A clock that an application can move forward, to show what a span contains."""

    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


# Step 1 -----------------------------------------------------------------------------


def test_step1_a_span_records_duration_inputs_and_output():
    tracer = code.Tracer(clock=fake_clock(10.0, 10.25))
    with step("Step 1, Tracer.span"), tracer.span("lookup", order=1234, shop="eu") as span:
        span.output = "shipped"
    assert len(tracer.spans) == 1, (
        f"one `with tracer.span(...)` block should add one span to tracer.spans, not "
        f"{len(tracer.spans)}"
    )
    recorded = tracer.spans[0]
    assert recorded.name == "lookup", f"the span's name should be 'lookup', not {recorded.name!r}"
    assert recorded.inputs == {"order": 1234, "shop": "eu"}, (
        f"the span's inputs should be the keyword arguments given to span(): "
        f"{{'order': 1234, 'shop': 'eu'}}, not {recorded.inputs!r}"
    )
    assert recorded.output == "shipped", (
        "the span that was yielded must be the one recorded: the block set its output"
    )
    assert recorded.error is None, f"a block that did not raise has error None: {recorded.error!r}"
    assert recorded.milliseconds == 250.0, (
        f"a block from clock 10.0 to 10.25 lasted 250.0 milliseconds, not "
        f"{recorded.milliseconds!r}: use self.clock(), which returns seconds"
    )


def test_step1_durations_are_rounded_to_three_decimals():
    tracer = code.Tracer(clock=fake_clock(2.0, 2.0123456))
    with step("Step 1, Tracer.span"), tracer.span("lookup"):
        pass
    assert tracer.spans[0].milliseconds == pytest.approx(12.346, abs=1e-9), (
        f"0.0123456 seconds is 12.346 milliseconds once rounded to three decimals "
        f"(round(..., 3)), not {tracer.spans[0].milliseconds!r}"
    )


def test_step1_a_failing_block_is_recorded_and_still_raises():
    tracer = code.Tracer(clock=fake_clock(1.0, 1.5))
    raised = None
    with step("Step 1, Tracer.span"):
        try:
            with tracer.span("lookup"):
                raise KeyError("no order")
        except KeyError as error:
            raised = error
    assert raised is not None, (
        "the error raised inside the span must still reach the caller: re-raise it "
        "after recording it"
    )
    assert len(tracer.spans) == 1, (
        "a block that raised must still be recorded in tracer.spans (append it in `finally`)"
    )
    assert tracer.spans[0].error == "KeyError: 'no order'", (
        f"record a failing block's error as 'Type: message', here \"KeyError: 'no "
        f"order'\", not {tracer.spans[0].error!r}"
    )
    assert tracer.spans[0].milliseconds == 500.0, (
        "a failing block's duration must be recorded too: 500.0 milliseconds here, not "
        f"{tracer.spans[0].milliseconds!r}"
    )
    assert json.loads(tracer.to_jsonl())["error"] == "KeyError: 'no order'", (
        "to_jsonl() should show the span's error"
    )


def test_step1_each_span_is_recorded_with_its_own_error():
    tracer = code.Tracer(clock=fake_clock(0.0, 1.0, 2.0, 2.5))
    with step("Step 1, Tracer.span"):
        with pytest.raises(ZeroDivisionError), tracer.span("divide", by=0):
            1 / 0  # noqa: B018
        with tracer.span("fine"):
            pass
    errors = {s.name: s.error for s in tracer.spans}
    assert errors == {"divide": "ZeroDivisionError: division by zero", "fine": None}, (
        f"each span keeps its own error ('Type: message', None when the block did not "
        f"raise), got {errors}"
    )


# Step 2 -----------------------------------------------------------------------------


def test_step2_traced_model_records_every_call_and_changes_nothing():
    tracer = code.Tracer(clock=fake_clock(0.0, 0.1, 0.2, 0.3))
    model = code.TracedModel(OfflineStandIn(), tracer)
    messages = [
        {"role": "system", "content": CONTEXT},
        {"role": "user", "content": "How long do refunds take?"},
    ]
    with step("Step 2, TracedModel.complete"):
        reply = model.complete(messages)
        model.complete(messages, temperature=0.5)
    assert reply == OfflineStandIn().complete(messages), (
        "TracedModel.complete must return the wrapped model's reply unchanged"
    )
    assert [s.name for s in tracer.spans] == ["model", "model"], (
        f"each call should record one span named 'model'; got {[s.name for s in tracer.spans]}"
    )
    assert tracer.spans[0].inputs == {
        "question": "How long do refunds take?",
        "temperature": 0.0,
    }, (
        "a model span's inputs are question=<the last message's content> and the "
        f"temperature: got {tracer.spans[0].inputs!r}"
    )
    assert tracer.spans[1].inputs["temperature"] == 0.5, (
        "record the temperature the caller asked for (0.5 on the second call)"
    )
    assert tracer.spans[0].output == reply, "set the model span's output to the reply"


def test_step2_traced_model_passes_every_option_on():
    double = Scripted('{"days": 5}', "Parcels arrive within a week.")
    tracer = code.Tracer(clock=fake_clock(0.0, 0.1, 0.2, 0.3))
    model = code.TracedModel(double, tracer)
    schema = {"type": "object", "properties": {"days": {"type": "integer"}}}
    first = [{"role": "system", "content": CONTEXT}, {"role": "user", "content": "Refunds?"}]
    second = [{"role": "user", "content": "Parcels?"}]
    with step("Step 2, TracedModel.complete"):
        replies = [
            model.complete(first, temperature=0.7, json_schema=schema),
            model.complete(second),
        ]
    assert replies == ['{"days": 5}', "Parcels arrive within a week."], (
        f"return each reply of the wrapped model unchanged; got {replies}"
    )
    assert [c["messages"] for c in double.calls] == [first, second], (
        "pass the messages on to the wrapped model unchanged"
    )
    sent = double.calls[0]["kwargs"]
    assert sent.get("temperature") == 0.7, (
        f"pass temperature on to the wrapped model (asked 0.7, it got {sent.get('temperature')!r})"
    )
    assert sent.get("json_schema") == schema, (
        "pass json_schema on to the wrapped model: without it, structured output breaks "
        "as soon as you trace it"
    )
    assert [s.inputs["question"] for s in tracer.spans] == ["Refunds?", "Parcels?"], (
        "a model span's question is the content of the last message of each call"
    )


def test_step2_a_failing_model_call_is_traced_and_still_raises():
    class Down:
        def complete(self, messages, **options):
            raise ConnectionError("endpoint down")

    tracer = code.Tracer(clock=fake_clock(0.0, 3.0))
    model = code.TracedModel(Down(), tracer)
    with step("Step 2, TracedModel.complete"), pytest.raises(ConnectionError):
        model.complete([{"role": "user", "content": "Hello?"}])
    assert [(s.name, s.error) for s in tracer.spans] == [
        ("model", "ConnectionError: endpoint down")
    ], "a model call that raised is recorded as a 'model' span with its error, then re-raised"


# Step 3 -----------------------------------------------------------------------------


def app(question):
    return OfflineStandIn().complete(
        [{"role": "system", "content": CONTEXT}, {"role": "user", "content": question}]
    )


def test_step3_evaluate_scores_each_case_in_a_span():
    tracer = code.Tracer()
    with step("Step 3, evaluate"):
        scores = code.evaluate(app, CASES, tracer)
    assert scores == {"refunds": 1.0, "shipping": 1.0, "parcels": 1.0}, (
        f"each case's answer contains its phrase, so each scores 1.0; got {scores}"
    )
    assert [(s.name, s.inputs, s.output) for s in tracer.spans] == [
        ("eval", {"case": "refunds"}, 1.0),
        ("eval", {"case": "shipping"}, 1.0),
        ("eval", {"case": "parcels"}, 1.0),
    ], "record one span per case: tracer.span('eval', case=case.id), its output the score"


def test_step3_a_worse_app_scores_lower():
    with step("Step 3, evaluate"):
        scores = code.evaluate(lambda q: "Please contact support.", CASES, code.Tracer())
    assert scores == {"refunds": 0.0, "shipping": 0.0, "parcels": 0.0}, (
        f"an answer without the required phrases scores 0.0; got {scores}"
    )


def test_step3_the_score_is_the_share_of_phrases_found_in_any_case():
    cases = [
        code.Case("two-of-four", "Q1", ["Lyon", "two working days", "4 EUROS", "tracking"]),
        code.Case("upper", "Q2", ["free SHIPPING"]),
        code.Case("none-asked", "Q3", []),
    ]
    answers = {
        "Q1": "Express delivery takes TWO WORKING DAYS from lyon.",
        "Q2": "Free shipping over 50 euros.",
        "Q3": "Anything.",
    }
    with step("Step 3, evaluate"):
        scores = code.evaluate(answers.__getitem__, cases, code.Tracer())
    assert scores.get("two-of-four") == 0.5, (
        "the score is the share of must_include phrases found, case-insensitively: 2 of 4 "
        f"phrases gives 0.5, got {scores.get('two-of-four')!r}"
    )
    assert scores.get("upper") == 1.0, (
        "compare phrases case-insensitively: 'free SHIPPING' is in 'Free shipping over 50 "
        f"euros.', got {scores.get('upper')!r}"
    )
    assert scores.get("none-asked") == 1.0, (
        f"a case with no must_include phrases scores 1.0, got {scores.get('none-asked')!r}"
    )


def test_step3_held_back_cases_generated_at_random():
    rng = random.Random(7)
    vocabulary = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo".split()
    cases, answers, expected = [], {}, {}
    for number in range(12):
        phrases = [" ".join(rng.sample(vocabulary, 2)) for _ in range(rng.randint(1, 4))]
        found = rng.sample(phrases, rng.randint(0, len(phrases)))
        question = f"held-back question {number}?"
        shown = [p.upper() if rng.random() < 0.5 else p for p in found]
        answers[question] = "Answer: " + "; ".join(shown) + "."
        share = sum(p.lower() in answers[question].lower() for p in phrases) / len(phrases)
        cases.append(code.Case(f"case-{number}", question, phrases))
        expected[f"case-{number}"] = share
    asked = []

    def recording_app(question):
        asked.append(question)
        return answers[question]

    tracer = code.Tracer()
    with step("Step 3, evaluate"):
        scores = code.evaluate(recording_app, cases, tracer)
    assert asked == [c.question for c in cases], (
        "call app(case.question) once for each case, in order"
    )
    wrong = {k: (scores.get(k), v) for k, v in expected.items() if scores.get(k) != v}
    assert not wrong, (
        "cases this check generated are scored wrongly (case: (yours, expected)): "
        f"{wrong}; score = share of must_include phrases in the answer, in any case"
    )
    outputs = [s.output for s in tracer.spans if s.name == "eval"]
    assert outputs == [expected[c.id] for c in cases], (
        "set each eval span's output to that case's score"
    )


def test_step3_the_app_runs_inside_each_eval_span():
    clock = Ticking()
    tracer = code.Tracer(clock=clock)

    def slow_app(question):
        clock.now += 2.0  # the app "takes" two seconds
        return "5 days"

    with step("Step 3, evaluate"):
        code.evaluate(slow_app, CASES[:2], tracer)
    durations = [s.milliseconds for s in tracer.spans if s.name == "eval"]
    assert durations == [2000.0, 2000.0], (
        "call app(question) inside the `with tracer.span('eval', ...)` block, so each "
        f"eval span lasts as long as the app took (2000.0 ms each); got {durations}"
    )


def test_step3_model_spans_sit_inside_eval_spans():
    tracer = code.Tracer()
    model = code.TracedModel(OfflineStandIn(), tracer)

    def traced_app(question):
        return model.complete(
            [{"role": "system", "content": CONTEXT}, {"role": "user", "content": question}]
        )

    with step("Step 3, evaluate"):
        code.evaluate(traced_app, CASES, tracer)
    names = sorted(s.name for s in tracer.spans)
    assert names == ["eval"] * 3 + ["model"] * 3, (
        f"one model span and one eval span per case; got {names}"
    )


# Step 4 -----------------------------------------------------------------------------


def test_step4_no_regression_opens_the_gate():
    baseline = {"refunds": 1.0, "shipping": 0.5}
    with step("Step 4, regressions"):
        same = code.regressions({"refunds": 1.0, "shipping": 0.5}, baseline)
        better = code.regressions({"refunds": 1.0, "shipping": 1.0}, baseline)
        extra = code.regressions({"refunds": 1.0, "shipping": 0.5, "new": 0.5}, baseline)
    assert same == [], f"the same scores are no regression, got {same}"
    assert better == [], f"a better score is no regression, got {better}"
    assert not any(p.startswith("new:") for p in extra), (
        "a case that is new in this run (not in the baseline) is not a regression"
    )


def test_step4_tolerance_boundaries():
    baseline = {"refunds": 1.0, "shipping": 0.5}
    with step("Step 4, regressions"):
        within = code.regressions({"refunds": 0.75, "shipping": 0.5}, baseline, tolerance=0.25)
        beyond = code.regressions({"refunds": 0.625, "shipping": 0.5}, baseline, tolerance=0.25)
        strict = code.regressions({"refunds": 0.75, "shipping": 0.5}, baseline)
    assert within == [], (
        "a drop of exactly `tolerance` (1.00 -> 0.75 with tolerance=0.25) is allowed: only "
        f"a drop of *more* than tolerance counts, for a case and for the mean; got {within}"
    )
    assert any(p.startswith("refunds:") for p in beyond), (
        "a drop of more than `tolerance` (1.00 -> 0.625 with tolerance=0.25) must be named "
        f"'refunds: ...'; got {beyond}"
    )
    assert any(p.startswith("refunds:") for p in strict), (
        f"with the default tolerance 0, any drop is a regression; got {strict}"
    )


def test_step4_regressions_are_named():
    baseline = {"refunds": 1.0, "shipping": 1.0, "parcels": 1.0}
    with step("Step 4, regressions"):
        found = code.regressions({"refunds": 1.0, "shipping": 0.5}, baseline)
    shipping = [p for p in found if p.startswith("shipping:")]
    assert shipping, f"name the case that got worse, 'shipping: 1.00 -> 0.50'; got {found}"
    assert "1.00" in shipping[0] and "0.50" in shipping[0], (
        "a regression message shows the baseline and current scores with two decimals, "
        f"'shipping: 1.00 -> 0.50'; got {shipping[0]!r}"
    )
    assert any(p.startswith("parcels:") and "missing" in p for p in found), (
        f"a baseline case missing from this run is named '<id>: missing ...'; got {found}"
    )
    assert any(p.startswith("mean:") for p in found), (
        f"a drop in the mean adds a message starting 'mean:'; got {found}"
    )
    assert not any(p.startswith("refunds:") for p in found), (
        f"a case that kept its score is not a regression; got {found}"
    )


def test_step4_held_back_baselines():
    rng = random.Random(11)
    for _ in range(20):
        ids = [f"case-{n}" for n in range(rng.randint(2, 6))]
        baseline = {i: rng.choice([0.0, 0.25, 0.5, 0.75, 1.0]) for i in ids}
        current = {i: rng.choice([0.0, 0.25, 0.5, 0.75, 1.0]) for i in ids if rng.random() < 0.9}
        tolerance = rng.choice([0.0, 0.25])
        with step("Step 4, regressions"):
            found = code.regressions(current, baseline, tolerance=tolerance)
        named = {p.split(":")[0] for p in found}
        expected = {i for i in ids if i not in current or current[i] < baseline[i] - tolerance}
        wrong = sorted((named - {"mean"}) ^ expected)
        assert not wrong, (
            f"baseline {baseline}, current {current}, tolerance {tolerance}: the cases named "
            f"should be {sorted(expected)}, yours named {sorted(named - {'mean'})}"
        )


def test_step4_the_gate_catches_a_broken_prompt_end_to_end():
    """What CI does: evaluate the current app against the stored baseline."""
    with step("Step 3, evaluate"):
        baseline = code.evaluate(app, CASES, code.Tracer())
        broken = code.evaluate(lambda q: app("Tell me a joke."), CASES, code.Tracer())
    with step("Step 4, regressions"):
        same = code.regressions(baseline, baseline)
        found = code.regressions(broken, baseline)
    assert same == [], f"a run compared with itself has no regressions; got {same}"
    assert len(found) == len(CASES) + 1, (
        f"every case got worse and so did the mean: expect {len(CASES) + 1} messages, got {found}"
    )
