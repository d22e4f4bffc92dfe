"""The fraud scenario's code: data, ML path, drift check, AI path."""

from __future__ import annotations

import numpy as np
import pytest
from pydantic import ValidationError

from atlas.llm import OfflineStandIn
from atlas.roadmap.checking import Scripted
from atlas.scenarios import fraud
from atlas.scenarios.fraud import Transaction

RISKY = Transaction(950.0, 40.0, 3, True, 5, 4, True)
ORDINARY = Transaction(41.0, 40.0, 14, False, 900, 0, False)


def test_data_is_seeded_and_fraud_is_rare():
    assert fraud.make_transactions(200, seed=7) == fraud.make_transactions(200, seed=7)
    assert fraud.make_transactions(200, seed=7) != fraud.make_transactions(200, seed=8)
    batch = fraud.make_transactions(10_000, seed=0)
    assert 0.02 < fraud.labels(batch).mean() < 0.04


def test_frauds_differ_from_honest_payments_as_described():
    batch = fraud.make_transactions(10_000, seed=0)
    x, y = fraud.features(batch), fraud.labels(batch).astype(bool)
    times_usual, night, card_age = x[:, 1], x[:, 2], x[:, 4]
    assert np.median(times_usual[y]) > 2 * np.median(times_usual[~y])
    assert night[y].mean() > 3 * night[~y].mean()
    assert np.median(card_age[y]) < np.median(card_age[~y])


def test_features_of_one_payment():
    row = fraud.features([RISKY])[0]
    assert row.tolist() == pytest.approx(
        [np.log1p(950.0), 950.0 / 40.0, 1.0, 1.0, np.log1p(5), 4.0]
    )
    assert len(fraud.FEATURES) == row.size


def test_threshold_flags_the_budgeted_share():
    scores = np.linspace(0, 1, 1001)
    line = fraud.threshold_for_budget(scores, 0.05)
    assert (scores >= line).sum() == pytest.approx(50, abs=1)


def test_evaluate_counts_precision_and_recall():
    metrics = fraud.evaluate([1, 1, 1, 0, 0, 0], [1, 0, 0, 1, 0, 0])
    assert (metrics.flagged, metrics.caught, metrics.frauds) == (3, 1, 2)
    assert metrics.precision == pytest.approx(1 / 3)
    assert metrics.recall == pytest.approx(1 / 2)
    nothing = fraud.evaluate([0, 0], [0, 0])
    assert (nothing.precision, nothing.recall) == (0.0, 0.0)
    assert str(metrics) == "flagged 3, caught 1 of 2 frauds: precision 0.33, recall 0.50"


def test_classifier_is_far_better_than_chance():
    train = fraud.make_transactions(3000, seed=11)
    test = fraud.make_transactions(2000, seed=12)
    model = fraud.train_classifier(train, n_estimators=30)
    scores = fraud.scores(model, test)
    metrics = fraud.evaluate(scores >= fraud.threshold_for_budget(scores, 0.03), fraud.labels(test))
    assert metrics.precision > 10 * fraud.labels(test).mean()
    assert metrics.recall > 0.5


def test_psi_is_zero_for_the_same_data_and_large_for_a_shift():
    rng = np.random.default_rng(1)
    same = rng.normal(size=4000)
    assert fraud.psi(same, same) == pytest.approx(0.0, abs=1e-9)
    assert fraud.psi(same, rng.normal(0.8, 1, size=4000)) > 0.25


def test_psi_sees_a_shift_in_a_yes_no_feature():
    before = np.array([0.0] * 95 + [1.0] * 5)
    after = np.array([0.0] * 70 + [1.0] * 30)
    assert fraud.psi(before, before) == pytest.approx(0.0, abs=1e-9)
    assert fraud.psi(before, after) > 0.25


def test_drift_report_names_the_drifted_feature():
    base = fraud.make_transactions(3000, seed=1)
    same_world = fraud.make_transactions(3000, seed=2)
    assert fraud.needs_retraining(fraud.drift_report(base, same_world)) == []
    report = fraud.drift_report(base, fraud.make_transactions(3000, seed=2, drift=1.0))
    assert fraud.needs_retraining(report) == ["abroad"]
    assert fraud.needs_retraining({"a": 0.3, "b": 0.1}, limit=0.05) == ["a", "b"]


def test_prompt_carries_details_history_and_question():
    system, user = fraud.prompt(RISKY)
    assert system["role"] == "system" and "High risk" in system["content"]
    assert "950.00 EUR at 03:00" in user["content"]
    assert "median payment 40.00 EUR" in user["content"]
    assert "4 other payments" in user["content"]
    question = user["content"].splitlines()[-1]
    assert question.startswith("What is the fraud risk here:")
    assert "many times the usual amount" in question and "at night" in question


def test_describe_follows_the_thresholds():
    assert fraud.describe(ORDINARY) == (
        "near the usual amount, in daytime, at home, on an established card, as a single payment"
    )
    assert "in a burst of payments" in fraud.describe(RISKY)


def test_stand_in_assessment_is_structured_and_sensible():
    model = OfflineStandIn(max_sentences=1)
    risky = fraud.assess(model, RISKY)
    assert risky.risk == "high" and risky.reason.startswith("High risk")
    ordinary = fraud.assess(model, ORDINARY)
    assert ordinary.risk == "low" and ordinary.reason.startswith("Low risk")


def test_assessment_schema_rejects_other_verdicts():
    with pytest.raises(ValidationError):
        fraud.Assessment.model_validate({"risk": "medium", "reason": "unsure"})


def test_assess_retries_once_on_a_malformed_reply():
    model = Scripted('{"risk": "maybe"}', '{"risk": "high", "reason": "large amount"}')
    assert fraud.assess(model, RISKY) == fraud.Assessment(risk="high", reason="large amount")
    assert len(model.calls) == 2
    schemas = [call["kwargs"].get("json_schema") for call in model.calls]
    assert schemas == [fraud.Assessment.model_json_schema()] * 2
