"""Done-when check for the adapt-model project. Run: make check P=adapt-model

It tests your copy, work/adapt_model.py (``make reference P=adapt-model`` runs it
against the reference solution). Besides the page's examples it walks through every
combination of failures, example counts and steps tried, so code fitted to the examples
does not pass.
"""

import itertools
import re

import pytest

from atlas.roadmap.checking import load_reader_module, step

code = load_reader_module(__file__)
S = code.Situation
FLAGS = list(itertools.product((True, False), repeat=4))  # eval set, knowledge, live, format
COUNTS = (0, code.MIN_EXAMPLES - 1, code.MIN_EXAMPLES, 4 * code.MIN_EXAMPLES)


def expected_candidates(s):
    """The rules of Step 2, as the page states them."""
    steps = [] if s.has_eval_set else [code.EVAL_SET]
    steps.append(code.PROMPT)
    if s.missing_knowledge:
        steps.append(code.RETRIEVAL)
    if s.needs_live_data:
        steps.append(code.TOOLS)
    if s.format_failures:
        steps.append(code.EXAMPLES)
        if s.labelled_examples >= code.MIN_EXAMPLES:
            steps.append(code.FINE_TUNE)
    return steps


def situations(score=0.5, target=0.9):
    for (evals, knowledge, live, fmt), count in itertools.product(FLAGS, COUNTS):
        yield S(evals, score, target, knowledge, live, fmt, count)


def describe(s):
    shown = [f"has_eval_set={s.has_eval_set}", f"score={s.score}", f"target={s.target}"]
    for name in ("missing_knowledge", "needs_live_data", "format_failures"):
        if getattr(s, name):
            shown.append(f"{name}=True")
    if s.labelled_examples:
        shown.append(f"labelled_examples={s.labelled_examples}")
    if s.tried:
        shown.append(f"tried={sorted(s.tried)}")
    return "Situation(" + ", ".join(shown) + ")"


# Step 1 -----------------------------------------------------------------------------


def test_step1_only_a_measured_score_counts():
    with step("Step 1, meets_target"):
        above = code.meets_target(S(has_eval_set=True, score=0.9, target=0.85))
        below = code.meets_target(S(has_eval_set=True, score=0.8, target=0.85))
        unmeasured = code.meets_target(S(has_eval_set=False, score=0.99, target=0.85))
    assert above, "a measured score of 0.9 meets a target of 0.85"
    assert not below, "a measured score of 0.8 does not meet a target of 0.85"
    assert not unmeasured, (
        "without an eval set the target is not met, whatever the score: a score without an "
        "eval set is a feeling, not a measurement"
    )


def test_step1_reaching_the_target_exactly_counts():
    with step("Step 1, meets_target"):
        exactly = code.meets_target(S(has_eval_set=True, score=0.75, target=0.75))
        just_under = code.meets_target(S(has_eval_set=True, score=0.7499, target=0.75))
    assert exactly, "a score equal to the target meets it: the score must be at least the target"
    assert not just_under, "a score of 0.7499 does not meet a target of 0.75"


# Step 2 -----------------------------------------------------------------------------


def test_step2_candidates_follow_the_failures():
    cases = [
        (S(False, 0.0, 0.9), [code.EVAL_SET, code.PROMPT]),
        (
            S(True, 0.5, 0.9, missing_knowledge=True, needs_live_data=True),
            [code.PROMPT, code.RETRIEVAL, code.TOOLS],
        ),
        (
            S(True, 0.5, 0.9, format_failures=True, labelled_examples=100),
            [code.PROMPT, code.EXAMPLES],
        ),
        (
            S(True, 0.5, 0.9, format_failures=True, labelled_examples=2000),
            [code.PROMPT, code.EXAMPLES, code.FINE_TUNE],
        ),
    ]
    for situation, expected in cases:
        with step("Step 2, candidates"):
            got = code.candidates(situation)
        assert got == expected, f"candidates({describe(situation)}) should be {expected}, not {got}"


def test_step2_fine_tuning_needs_at_least_min_examples():
    with step("Step 2, candidates"):
        enough = code.candidates(S(True, 0.5, 0.9, format_failures=True, labelled_examples=500))
        short = code.candidates(S(True, 0.5, 0.9, format_failures=True, labelled_examples=499))
    assert code.FINE_TUNE in enough, (
        f"with exactly MIN_EXAMPLES ({code.MIN_EXAMPLES}) labelled examples, fine-tuning is "
        f"offered (at least MIN_EXAMPLES); got {enough}"
    )
    assert code.FINE_TUNE not in short, (
        f"with {code.MIN_EXAMPLES - 1} labelled examples (fewer than MIN_EXAMPLES) fine-tuning "
        f"is not offered; got {short}"
    )


def test_step2_every_combination_of_failures():
    for situation in situations():
        with step("Step 2, candidates"):
            got = code.candidates(situation)
        expected = expected_candidates(situation)
        assert got == expected, (
            f"candidates({describe(situation)}) should be {expected}, not {got}: each rung "
            "fits its own kind of failure, in LADDER order"
        )


def test_step2_fine_tuning_never_comes_first_or_for_missing_knowledge():
    for knowledge, live, fmt in itertools.product((True, False), repeat=3):
        situation = S(True, 0.1, 0.9, knowledge, live, fmt, 10_000)
        with step("Step 2, candidates"):
            steps = code.candidates(situation)
        assert steps and steps[0] == code.PROMPT, (
            f"with an eval set, improving the prompt always comes first: {describe(situation)} "
            f"gave {steps}"
        )
        if code.FINE_TUNE in steps:
            assert steps[-1] == code.FINE_TUNE, f"fine-tuning comes last, not in {steps}"
            assert fmt, "fine-tuning is offered only for format or behaviour failures"


# Step 3 -----------------------------------------------------------------------------


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
        got = code.next_step(situation)
    assert got == expected, f"next_step({describe(situation)}) should be {expected!r}, not {got!r}"


def test_step3_every_combination_of_steps_tried():
    for base in situations():
        fitting = expected_candidates(base)
        for size in range(len(fitting) + 1):
            for tried in itertools.combinations(fitting, size):
                situation = S(**{**vars(base), "tried": frozenset(tried)})
                left = [s for s in fitting if s not in tried]
                expected = left[0] if left else code.RETHINK
                with step("Step 3, next_step"):
                    got = code.next_step(situation)
                assert got == expected, (
                    f"next_step({describe(situation)}) should be {expected!r}, not {got!r}: "
                    "the first fitting step not yet tried, or RETHINK when all were tried"
                )
        met = S(**{**vars(base), "score": base.target})  # reaching the target exactly
        with step("Step 3, next_step"):
            done = code.next_step(met)
        if base.has_eval_set:
            assert done is None, f"next_step({describe(met)}) is None: the target is met"
        else:
            assert done == code.EVAL_SET, (
                f"next_step({describe(met)}) is {code.EVAL_SET!r}: without an eval set the "
                "target is not met"
            )


# Step 4 -----------------------------------------------------------------------------


def reason_problems(situation, reasons):
    """What is wrong with ``reasons`` for ``situation``, by the rules of Step 4."""
    text = " | ".join(reasons)
    problems = []

    def expect(present, what, found):
        if present and not found:
            problems.append(f"missing a reason {what}")
        if found and not present:
            problems.append(f"gives a reason {what} that does not apply")

    expect(
        code.meets_target(situation), "saying the target is 'already met'", "already met" in text
    )
    expect(not situation.has_eval_set, "about the missing 'eval set'", "eval set" in text)
    for rung in expected_candidates(situation):
        if rung not in (code.FINE_TUNE, code.EVAL_SET):
            expect(
                rung not in situation.tried,
                f"'cheaper step not tried yet: {rung}'",
                any(rung in r for r in reasons),
            )
    expect(
        not situation.format_failures, "that the failures are not about 'format'", "format" in text
    )
    count = situation.labelled_examples
    expect(
        count < code.MIN_EXAMPLES,
        f"saying there are only {count} labelled examples (rule of thumb: {code.MIN_EXAMPLES})",
        any(
            re.search(rf"\b{count}\b", r) and str(code.MIN_EXAMPLES) in r
            for r in reasons
            if "labelled examples" in r
        ),
    )
    return problems


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
        go = code.reasons_not_to_fine_tune(ready)
        met = code.reasons_not_to_fine_tune(
            S(True, 0.95, 0.9, format_failures=True, labelled_examples=1200)
        )
    assert go == [], f"nothing stands in the way of fine-tuning {describe(ready)}; got {go}"
    assert any("already met" in r for r in met), (
        f"when the target is met, say so ('the target is already met'); got {met}"
    )


def test_step4_every_combination():
    for base in situations(score=0.5):
        fitting = [s for s in expected_candidates(base) if s not in (code.FINE_TUNE, code.EVAL_SET)]
        for tried in (frozenset(), frozenset(fitting[:1]), frozenset(fitting)):
            for score in (0.5, 0.95):
                situation = S(**{**vars(base), "score": score, "tried": tried})
                with step("Step 4, reasons_not_to_fine_tune"):
                    reasons = code.reasons_not_to_fine_tune(situation)
                problems = reason_problems(situation, reasons)
                assert not problems, (
                    f"reasons_not_to_fine_tune({describe(situation)}) "
                    + "; ".join(problems)
                    + f". It returned {reasons}"
                )
