"""Done-when check for project 7. Run: pytest snippets/roadmap/evals_tracing/check.py

It tests starter.py; set ATLAS_SOLUTION=solution to see the reference pass.
"""

import json

import pytest

from snippets.llm import OfflineStandIn
from snippets.roadmap.checking import load_reader_module, step

code = load_reader_module(__file__)
CONTEXT = "Refunds take 5 days. Shipping is free over 50 euros. Parcels arrive within a week."
CASES = [
    code.Case("refunds", "How long do refunds take?", ["5 days"]),
    code.Case("shipping", "When is shipping free?", ["50 euros"]),
    code.Case("parcels", "How fast do parcels arrive?", ["within a week"]),
]


def fake_clock(*times):
    ticks = iter(times)
    return lambda: next(ticks)


def test_step1_a_span_records_duration_inputs_and_output():
    tracer = code.Tracer(clock=fake_clock(10.0, 10.25))
    with step("Step 1, Tracer.span"), tracer.span("lookup", order=1234) as span:
        span.output = "shipped"
    assert len(tracer.spans) == 1
    recorded = tracer.spans[0]
    assert (recorded.name, recorded.inputs, recorded.output) == (
        "lookup",
        {"order": 1234},
        "shipped",
    )
    assert recorded.milliseconds == 250.0 and recorded.error is None


def test_step1_a_failing_block_is_recorded_and_still_raises():
    tracer = code.Tracer(clock=fake_clock(1.0, 1.5))
    with step("Step 1, Tracer.span"), pytest.raises(KeyError), tracer.span("lookup"):
        raise KeyError("no order")
    assert tracer.spans[0].error == "KeyError: 'no order'"
    assert tracer.spans[0].milliseconds == 500.0
    assert json.loads(tracer.to_jsonl())["error"] == "KeyError: 'no order'"


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
    assert reply == OfflineStandIn().complete(messages)
    assert [s.name for s in tracer.spans] == ["model", "model"]
    assert tracer.spans[0].inputs == {"question": "How long do refunds take?", "temperature": 0.0}
    assert tracer.spans[0].output == reply


def app(question):
    return OfflineStandIn().complete(
        [{"role": "system", "content": CONTEXT}, {"role": "user", "content": question}]
    )


def test_step3_evaluate_scores_each_case_in_a_span():
    tracer = code.Tracer()
    with step("Step 3, evaluate"):
        scores = code.evaluate(app, CASES, tracer)
    assert scores == {"refunds": 1.0, "shipping": 1.0, "parcels": 1.0}
    assert [(s.name, s.inputs["case"], s.output) for s in tracer.spans] == [
        ("eval", "refunds", 1.0),
        ("eval", "shipping", 1.0),
        ("eval", "parcels", 1.0),
    ]


def test_step3_a_worse_app_scores_lower():
    with step("Step 3, evaluate"):
        scores = code.evaluate(lambda q: "Please contact support.", CASES, code.Tracer())
    assert scores == {"refunds": 0.0, "shipping": 0.0, "parcels": 0.0}


def test_step4_no_regression_opens_the_gate():
    baseline = {"refunds": 1.0, "shipping": 0.5}
    with step("Step 4, regressions"):
        assert code.regressions({"refunds": 1.0, "shipping": 0.5}, baseline) == []
        assert code.regressions({"refunds": 1.0, "shipping": 1.0}, baseline) == []
        assert code.regressions({"refunds": 1.0, "shipping": 0.45}, baseline, tolerance=0.1) == []


def test_step4_regressions_are_named():
    baseline = {"refunds": 1.0, "shipping": 1.0, "parcels": 1.0}
    with step("Step 4, regressions"):
        found = code.regressions({"refunds": 1.0, "shipping": 0.0}, baseline)
    assert any(p.startswith("shipping:") for p in found)
    assert any(p.startswith("parcels:") and "missing" in p for p in found)
    assert any(p.startswith("mean:") for p in found)
    assert not any(p.startswith("refunds:") for p in found)


def test_step4_the_gate_catches_a_broken_prompt_end_to_end():
    """What CI does: evaluate the current app against the stored baseline."""
    with step("Step 3, evaluate"):
        baseline = code.evaluate(app, CASES, code.Tracer())
        broken = code.evaluate(lambda q: app("Tell me a joke."), CASES, code.Tracer())
    with step("Step 4, regressions"):
        assert code.regressions(baseline, baseline) == []
        assert len(code.regressions(broken, baseline)) == len(CASES) + 1
