"""Done-when check for project 2. Run: pytest snippets/roadmap/prompt_evals/check.py

It tests starter.py; set ATLAS_SOLUTION=solution to see the reference pass.
"""

import json
from pathlib import Path

import pytest

from snippets.llm import OfflineStandIn
from snippets.roadmap.checking import load_reader_module, step

code = load_reader_module(__file__)
CASES_TEXT = (Path(__file__).parent / "cases.jsonl").read_text(encoding="utf-8")


class Obedient:
    """A test double: answers from the context only when the prompt says 'only'."""

    def __init__(self) -> None:
        self.standin = OfflineStandIn()
        self.temperatures: list[float] = []

    def complete(self, messages, *, temperature=0.0, json_schema=None):
        self.temperatures.append(temperature)
        if "only" in messages[0]["content"].lower():
            return self.standin.complete(messages)
        return "Great question! Our team is always happy to help."


def cases():
    """The eval set, read by the check itself so later steps can be checked on their own."""
    return [code.Case(**json.loads(line)) for line in CASES_TEXT.splitlines() if line.strip()]


def test_step1_loads_every_case_in_the_file():
    with step("Step 1, load_cases"):
        loaded = code.load_cases(CASES_TEXT)
    assert loaded == cases()
    assert len(loaded) == 6
    assert loaded[0].question == "How long do refunds take?"
    assert loaded[4].must_not_include == ["European Union"]
    assert loaded[0].must_not_include == [], "must_not_include is optional"


def test_step1_a_bad_line_is_named():
    text = CASES_TEXT + "\n\n" + '{"question": "no context"}\n'
    with step("Step 1, load_cases"), pytest.raises(ValueError, match="line 9"):
        code.load_cases(text)


@pytest.mark.parametrize(
    "answer, expected",
    [
        ("Refunds take 5 DAYS.", 0.5),
        ("Refunds are quick.", 0.0),
        ("5 days, and SHIPPING is free.", 1.0),
        ("5 days in the European Union.", 0.0),
    ],
)
def test_step2_score(answer, expected):
    case = code.Case(
        "q", "c", must_include=["5 days", "shipping"], must_not_include=["european union"]
    )
    with step("Step 2, score"):
        assert code.score(answer, case) == pytest.approx(expected)


def test_step3_run_eval_scores_every_case_and_finds_the_failure():
    with step("Step 3, run_eval"):
        report = code.run_eval(
            OfflineStandIn(), "Answer from this context only.\n{context}", cases()
        )
    assert len(report.scores) == 6
    # The stand-in cannot say "I don't know" about Canada when the context mentions
    # shipping: the eval set catches that case, and only that one.
    assert report.scores == [1.0, 1.0, 1.0, 1.0, 0.0, 1.0]


def test_step3_run_eval_uses_temperature_zero():
    model = Obedient()
    with step("Step 3, run_eval"):
        code.run_eval(model, "Use only this: {context}", cases())
    assert model.temperatures and set(model.temperatures) == {0.0}


def test_step4_keeps_the_better_prompt_on_evidence():
    good, chatty = "Answer only from: {context}", "Be warm and upbeat. {context}"
    with step("Step 4, pick_prompt"):
        assert code.pick_prompt(Obedient(), chatty, good, cases()) == good
        assert code.pick_prompt(Obedient(), good, chatty, cases()) == good


def test_step4_a_tie_keeps_the_current_prompt():
    first, second = "Only this: {context}", "Use only: {context}"
    with step("Step 4, pick_prompt"):
        assert code.pick_prompt(Obedient(), first, second, cases()) == first
