"""The tolerance-based eval used on the map pages."""

from __future__ import annotations

import pytest

from atlas.llm import OfflineStandIn
from atlas.map.evals import run_eval
from atlas.roadmap.checking import Scripted

QUESTION = [{"role": "user", "content": "How long do refunds take?"}]


def says_14_days(reply: str) -> bool:
    return "14 days" in reply


def test_counts_passes_and_keeps_the_failures():
    model = Scripted("14 days", "no idea", "14 days", "30 days", "14 days")
    result = run_eval(model, QUESTION, says_14_days, samples=5, temperature=0.9, threshold=0.6)
    assert (result.passed, result.total) == (3, 5)
    assert result.failures == ("no idea", "30 days")
    assert result.pass_rate == pytest.approx(0.6)
    assert result.ok, "exactly the threshold passes"
    assert [call["kwargs"]["temperature"] for call in model.calls] == [0.9] * 5
    assert str(result) == "3/5 passed (60%), needed 60%: PASS"


def test_fails_below_the_threshold():
    model = Scripted("14 days", "no", "no", "14 days")
    result = run_eval(model, QUESTION, says_14_days, samples=4, threshold=0.75)
    assert not result.ok
    assert str(result).endswith("needed 75%: FAIL")


@pytest.mark.parametrize("kwargs", [{"samples": 0}, {"threshold": 1.5}, {"threshold": -0.1}])
def test_rejects_impossible_settings(kwargs):
    with pytest.raises(ValueError):
        run_eval(Scripted("x"), QUESTION, says_14_days, **kwargs)


def test_is_repeatable_with_the_seeded_stand_in():
    messages = [
        {
            "role": "system",
            "content": "Refunds take 14 days. Returns are accepted for 30 "
            "days. Refund queries go to the help desk in 2 days.",
        },
        {"role": "user", "content": "How many days do refunds take?"},
    ]
    first = run_eval(OfflineStandIn(seed=3), messages, says_14_days, samples=12)
    again = run_eval(OfflineStandIn(seed=3), messages, says_14_days, samples=12)
    assert first == again and first.failures == again.failures
