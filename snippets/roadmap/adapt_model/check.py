"""Done-when check for project 9. Run: pytest snippets/roadmap/adapt_model/check.py

It tests starter.py; set ATLAS_SOLUTION=solution to see the reference pass.
"""

import pytest

from snippets.roadmap.checking import load_reader_module, step

code = load_reader_module(__file__)
S = code.Situation


def test_step1_only_a_measured_score_counts():
    with step("Step 1, meets_target"):
        assert code.meets_target(S(has_eval_set=True, score=0.9, target=0.85))
        assert not code.meets_target(S(has_eval_set=True, score=0.8, target=0.85))
        assert not code.meets_target(S(has_eval_set=False, score=0.99, target=0.85)), (
            "a score without an eval set is a feeling, not a measurement"
        )


def test_step2_candidates_follow_the_failures():
    with step("Step 2, candidates"):
        assert code.candidates(S(False, 0.0, 0.9)) == [code.EVAL_SET, code.PROMPT]
        assert code.candidates(S(True, 0.5, 0.9, missing_knowledge=True, needs_live_data=True)) == [
            code.PROMPT,
            code.RETRIEVAL,
            code.TOOLS,
        ]
        assert code.candidates(S(True, 0.5, 0.9, format_failures=True, labelled_examples=100)) == [
            code.PROMPT,
            code.EXAMPLES,
        ]
        assert (
            code.candidates(S(True, 0.5, 0.9, format_failures=True, labelled_examples=2000))[-1]
            == code.FINE_TUNE
        )


def test_step2_fine_tuning_never_comes_first_or_for_missing_knowledge():
    with step("Step 2, candidates"):
        for knowledge in (True, False):
            for live in (True, False):
                for fmt in (True, False):
                    steps = code.candidates(S(True, 0.1, 0.9, knowledge, live, fmt, 10_000))
                    if code.FINE_TUNE in steps:
                        assert steps.index(code.FINE_TUNE) == len(steps) - 1
                        assert fmt, "fine-tuning only for format or behaviour failures"
                    assert steps[0] == code.PROMPT


@pytest.mark.parametrize(
    "situation, expected",
    [
        (S(True, 0.95, 0.9), None),
        (S(False, 0.95, 0.9), "build an eval set"),
        (S(True, 0.6, 0.9), "improve the prompt"),
        (
            S(True, 0.6, 0.9, missing_knowledge=True, tried=frozenset({"improve the prompt"})),
            "add retrieval",
        ),
        (
            S(True, 0.6, 0.9, tried=frozenset({"improve the prompt"})),
            "stop: rethink the task or accept the score",
        ),
        (
            S(
                True,
                0.7,
                0.9,
                format_failures=True,
                labelled_examples=800,
                tried=frozenset({"improve the prompt", "add examples to the prompt"}),
            ),
            "fine-tune",
        ),
    ],
)
def test_step3_next_step(situation, expected):
    with step("Step 3, next_step"):
        assert code.next_step(situation) == expected


def test_step4_reasons_not_to_fine_tune():
    early = S(False, 0.5, 0.9, missing_knowledge=True, labelled_examples=20)
    with step("Step 4, reasons_not_to_fine_tune"):
        reasons = code.reasons_not_to_fine_tune(early)
    text = " | ".join(reasons)
    for expected in (
        "eval set",
        "improve the prompt",
        "add retrieval",
        "format",
        "20 labelled examples",
    ):
        assert expected in text, f"missing a reason about {expected!r}: {reasons}"


def test_step4_no_reasons_when_fine_tuning_is_justified():
    ready = S(
        True,
        0.7,
        0.9,
        format_failures=True,
        labelled_examples=1200,
        tried=frozenset({"improve the prompt", "add examples to the prompt"}),
    )
    with step("Step 4, reasons_not_to_fine_tune"):
        assert code.reasons_not_to_fine_tune(ready) == []
    with step("Step 4, reasons_not_to_fine_tune"):
        met = code.reasons_not_to_fine_tune(
            S(True, 0.95, 0.9, format_failures=True, labelled_examples=1200)
        )
    assert any("already met" in r for r in met)
