"""Done-when check for the prompt-evals project. Run: make check P=prompt-evals

It tests your copy, work/prompt_evals.py; ``make reference P=prompt-evals`` runs it on
the reference solution. Besides cases.jsonl and judged.jsonl it uses eval sets, answers,
prompts, labels and judges' replies of its own, so code that fits only the page's
examples does not pass. The judges here are scripted replies, not a model.
"""

import json
import math
import re

import pytest

from atlas.llm import OfflineStandIn
from atlas.roadmap.checking import Scripted, load_reader_module, step
from atlas.roadmap.prompt_evals.rules import (
    CASES_TEXT,
    KNOWN,
    LABELLED_TEXT,
    MARGINS,
    NO_VERDICT,
    RANDOM,
    WRAPPINGS,
    ByAnswer,
    Obedient,
    bools,
    expected_agreement,
    expected_score,
    judges_of,
    messy_reply,
    phrase,
    replies_for,
    schema_asks_for_a_verdict,
    shout,
    verdict_reply,
)

code = load_reader_module(__file__)


def made_up_cases(count: int, least: int = 0) -> list[dict]:
    """Eval cases the page does not show, as the dictionaries a JSON line holds."""
    cases = []
    for number in range(count):
        case = {
            "question": f"What about the {phrase(1)} {number}? (é, “quotes”)",
            "context": f"The {phrase()} is kept near the {phrase()}.",
            "must_include": [phrase() for _ in range(RANDOM.randint(least, 3))],
        }
        if RANDOM.random() < 0.5:
            case["must_not_include"] = [phrase(3)]
        cases.append(case)
    return cases


def as_jsonl(cases: list[dict]) -> tuple[str, list[int]]:
    """The cases as JSON Lines with blank lines between some; also each case's line number."""
    lines, numbers = [], []
    for case in cases:
        while RANDOM.random() < 0.3:
            lines.append(RANDOM.choice(["", "   "]))
        lines.append(json.dumps(case, ensure_ascii=RANDOM.random() < 0.5))
        numbers.append(len(lines))
    return "\n".join(lines) + "\n", numbers


def case_objects(raw: list[dict]):
    return [code.Case(**case) for case in raw]


def cases():
    """The eval set, read by the check itself so later steps can be checked on their own."""
    return [code.Case(**json.loads(line)) for line in CASES_TEXT.splitlines() if line.strip()]


class ByPrompt:
    """A test double: each prompt (told apart by a marker word) answers given cases right."""

    def __init__(self, cases, right: dict[str, set[int]]) -> None:
        self.cases, self.right = cases, right

    def complete(self, messages, **kwargs):
        sent = "\n".join(m["content"] for m in messages)
        marker = next((m for m in self.right if m in sent), None)
        index = next((i for i, c in enumerate(self.cases) if c.question in sent), None)
        if marker is None or index is None:
            pytest.fail(
                "pick_prompt must run each prompt over the cases: the model got messages "
                "without the prompt or without a case's question",
                pytrace=False,
            )
        if index in self.right[marker]:
            return " and ".join(self.cases[index].must_include) + "."
        return "I am not sure."


@pytest.fixture(autouse=True)
def same_data_every_run(request):
    """Each test draws the same held-back data whatever order the tests run in."""
    RANDOM.seed(f"20261202 {request.node.name}")


def test_step1_loads_every_case_in_the_file():
    with step("Step 1, load_cases"):
        loaded = code.load_cases(CASES_TEXT)
    assert loaded == cases(), "load_cases must return one Case per line of cases.jsonl, in order"
    assert loaded[4].must_not_include == ["European Union"], "keep must_not_include"
    assert loaded[0].must_not_include == [], "must_not_include is optional: default to []"


def test_step1_loads_eval_sets_it_has_not_seen():
    for count in (1, 4, 9):
        raw = made_up_cases(count)
        text, _ = as_jsonl(raw)
        with step("Step 1, load_cases"):
            loaded = code.load_cases(text)
        assert loaded == case_objects(raw), (
            f"load_cases must return one Case per non-blank line, every field as the line "
            f"says, must_not_include [] when absent; for {count} case(s) it returned {loaded}"
        )


@pytest.mark.parametrize(
    "why, bad",
    [
        ("a field is missing", '{"question": "no context", "must_include": []}'),
        ("it is not JSON", '{"question": "cut short", "context": '),
        ("it is a list, not an object", '["question", "context", "must_include"]'),
    ],
)
def test_step1_a_bad_line_is_named(why, bad):
    for where in (2, 5):
        raw = made_up_cases(6)
        text, numbers = as_jsonl(raw)
        lines = text.splitlines()
        lines.insert(numbers[where] - 1, bad)
        number = numbers[where]
        with step("Step 1, load_cases"):
            try:
                code.load_cases("\n".join(lines))
            except ValueError as error:
                message = str(error)
            else:
                pytest.fail(
                    f"load_cases must raise ValueError on a bad line ({why}): line {number}, "
                    f"{bad!r}, was accepted",
                    pytrace=False,
                )
        assert re.search(rf"\bline {number}\b", message), (
            f"load_cases must name the line number of a bad line ({why}): raise "
            f"ValueError('line {number}: ...'), counting every line of the file from 1, "
            f"blank ones too; it said {message!r}"
        )


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
        got = code.score(answer, case)
    assert got == pytest.approx(expected), (
        f"score({answer!r}) with must_include {case.must_include} and must_not_include "
        f"{case.must_not_include} must be {expected}, not {got!r}"
    )


def test_step2_a_case_with_no_required_phrase_scores_one_unless_forbidden():
    case = code.Case("q", "c", must_include=[], must_not_include=["Lyon"])
    with step("Step 2, score"):
        free, forbidden = code.score("Any answer at all.", case), code.score("In LYON.", case)
    assert free == 1.0, (
        f"a case with no must_include phrases scores 1.0 unless a forbidden phrase appears; "
        f"got {free!r}"
    )
    assert forbidden == 0.0, f"a forbidden phrase scores 0.0, whatever else; got {forbidden!r}"


def test_step2_score_on_answers_it_has_not_seen():
    for _ in range(40):
        must = [phrase() for _ in range(RANDOM.randint(0, 4))]
        must_not = [phrase(3) for _ in range(RANDOM.randint(0, 2))]
        said = [p for p in must if RANDOM.random() < 0.6]
        said += [p for p in must_not if RANDOM.random() < 0.3]
        answer = "Well, " + ", ".join(shout(p) for p in said) + "."
        case = code.Case("q", "c", must_include=must, must_not_include=must_not)
        expected = expected_score(answer, must, must_not)
        with step("Step 2, score"):
            got = code.score(answer, case)
        assert got == pytest.approx(expected), (
            f"score({answer!r}) with must_include {must} and must_not_include {must_not} must "
            f"be {expected:.3f} (case-insensitive; 0.0 if a forbidden phrase appears, else the "
            f"share of required phrases found), not {got!r}"
        )


def test_step3_run_eval_scores_every_case_and_finds_the_failure():
    with step("Step 3, run_eval"):
        report = code.run_eval(
            OfflineStandIn(), "Answer from this context only.\n{context}", cases()
        )
    # The stand-in cannot say "I don't know" about Canada when the context mentions
    # shipping: the eval set catches that case, and only that one.
    assert report.scores == [1.0, 1.0, 1.0, 1.0, 0.0, 1.0], (
        f"run_eval with the stand-in over cases.jsonl must give the scores on the page, "
        f"[1.0, 1.0, 1.0, 1.0, 0.0, 1.0], not {report.scores}"
    )


def test_step3_run_eval_sends_each_case_with_the_prompt_at_temperature_zero():
    raw = made_up_cases(5)
    evals = case_objects(raw)
    prompt = f"Reply in the voice of a {phrase(1)} clerk. Facts:\n{{context}}\nBe brief."
    answers = []
    for case in raw:
        said = [p for p in case["must_include"] if RANDOM.random() < 0.5]
        answers.append("Here: " + "; ".join(shout(p) for p in said))
    model = Scripted(*answers)
    with step("Step 3, run_eval"):
        report = code.run_eval(model, prompt, evals)
    assert len(model.calls) == len(evals), (
        f"run_eval must call the model once per case: {len(evals)} cases, {len(model.calls)} calls"
    )
    for case, call in zip(evals, model.calls, strict=True):
        system = call["messages"][0]["content"]
        assert prompt.format(context=case.context) in system, (
            "run_eval must send the prompt it is given, with the case's context in place of "
            "{context}, as the system message: use build_messages(prompt, case)"
        )
        last = call["messages"][-1]
        assert last["role"] == "user" and case.question in last["content"], (
            "run_eval must send each case's question as the last, user, message"
        )
        assert "temperature" in call["kwargs"], (
            "run_eval must pass temperature=0.0 to model.complete: left out, a real model "
            "uses its own default"
        )
        assert call["kwargs"]["temperature"] == 0, (
            f"run_eval must pass temperature=0.0, not {call['kwargs']['temperature']!r}"
        )
    with step("Step 2, score"):
        expected = [code.score(a, c) for a, c in zip(answers, evals, strict=True)]
    assert report.prompt == prompt, "run_eval must return Report(prompt, scores) for its prompt"
    assert list(report.scores) == expected, (
        f"run_eval must keep score(answer, case) for each case, in order: expected "
        f"{expected}, got {report.scores}"
    )


def test_step4_keeps_the_better_prompt_on_evidence():
    good, chatty = "Answer only from: {context}", "Be warm and upbeat. {context}"
    with step("Step 4, pick_prompt"):
        switched = code.pick_prompt(Obedient(), chatty, good, cases())
        kept = code.pick_prompt(Obedient(), good, chatty, cases())
    assert switched == good, "pick_prompt must switch to a candidate that scores far higher"
    assert kept == good, "pick_prompt must keep the current prompt when the candidate is worse"


def test_step4_a_tie_keeps_the_current_prompt():
    first, second = "Only this: {context}", "Use only: {context}"
    with step("Step 4, pick_prompt"):
        picked = code.pick_prompt(Obedient(), first, second, cases())
    assert picked == first, "pick_prompt must keep the current prompt when the scores tie"


@pytest.mark.parametrize(
    "current_right, candidate_right, margin, winner",
    MARGINS,
    ids=[f"{len(a)}of4-vs-{len(b)}of4-margin{m}" for a, b, m, _ in MARGINS],
)
def test_step4_switches_only_when_the_candidate_wins_by_more_than_the_margin(
    current_right, candidate_right, margin, winner
):
    evals = case_objects(made_up_cases(4, least=1))
    current, candidate = "Prompt TEAL: {context}", "Prompt PLUM: {context}"
    model = ByPrompt(evals, {"TEAL": current_right, "PLUM": candidate_right})
    with step("Step 4, pick_prompt"):
        picked = code.pick_prompt(model, current, candidate, evals, margin=margin)
    means = len(current_right) / 4, len(candidate_right) / 4
    assert picked == (current if winner == "current" else candidate), (
        f"pick_prompt must switch only when the candidate's mean score is more than the "
        f"current one's plus margin: means {means[0]} (current) and {means[1]} (candidate) "
        f"with margin={margin} should keep the {winner} prompt"
    )


@pytest.mark.parametrize("size, apart, winner", [(4, 1, "candidate"), (40, 1, "current")])
def test_step4_the_default_margin_is_0_05(size, apart, winner):
    evals = case_objects(made_up_cases(size, least=1))
    half = set(range(size // 2))
    model = ByPrompt(evals, {"TEAL": half, "PLUM": half | set(range(size // 2, size // 2 + apart))})
    current, candidate = "Prompt TEAL: {context}", "Prompt PLUM: {context}"
    with step("Step 4, pick_prompt"):
        picked = code.pick_prompt(model, current, candidate, evals)
    assert picked == (current if winner == "current" else candidate), (
        f"pick_prompt's default margin is 0.05: a candidate ahead by {apart}/{size} "
        f"({apart / size}) of mean score should keep the {winner} prompt"
    )


# --- Steps 5 to 7: a model as the judge ------------------------------------------------
# The judges below are scripted replies: each test decides what the "model" says, so it
# knows the right verdicts and the right agreement numbers in advance.


def made_up_labelled(count: int, passing: float) -> list:
    """Labelled answers the page does not show, each answer unique."""
    return [
        code.Labelled(
            question=f"Where is the {phrase(1)} {number}?",
            answer=f"Answer {number}: the {phrase()} is by the {phrase()}.",
            rubric=f"Says the {phrase()} is by the {phrase()}.",
            label=RANDOM.random() < passing,
            why=f"It {'names' if RANDOM.random() < 0.5 else 'misses'} the {phrase()}.",
        )
        for number in range(count)
    ]


@pytest.mark.parametrize("verdict", [True, False], ids=["pass", "fail"])
def test_step5_reads_a_clean_verdict(verdict):
    reply = json.dumps({"reason": "It says 5 days.", "verdict": "pass" if verdict else "fail"})
    with step("Step 5, parse_verdict"):
        got = code.parse_verdict(reply)
    assert got is verdict, f"parse_verdict({reply!r}) must be {verdict}, not {got!r}"


def test_step5_reads_verdicts_in_messy_replies():
    replies = [(True, "bare", '{"verdict": "pass"}')]  # no reason: the verdict is still clear
    replies += [
        (False, how, verdict_reply(False, how, "It would pass if it said 5 days."))
        for how in WRAPPINGS
    ]
    for _ in range(30):
        verdict = RANDOM.random() < 0.5
        replies.append((verdict, *messy_reply(verdict)))
    for verdict, how, reply in replies:
        with step("Step 5, parse_verdict"):
            got = code.parse_verdict(reply)
        assert got is verdict, (
            f"parse_verdict must find the JSON object in a reply ({how}; take the text from "
            f'the first {{ to the last }}) and read its "verdict", ignoring case and spaces, '
            f"not the words of the reason: {reply!r} must give {verdict}, not {got!r}"
        )


@pytest.mark.parametrize(
    "why, reply", NO_VERDICT, ids=[f"{w}-{i}" for i, (w, _) in enumerate(NO_VERDICT)]
)
def test_step5_a_reply_without_a_clear_verdict_is_none(why, reply):
    with step("Step 5, parse_verdict"):
        got = code.parse_verdict(reply)
    assert got is None, (
        f"parse_verdict must return None for a reply with no clear verdict ({why}): "
        f"{reply!r} gave {got!r}"
    )


def test_step6_judge_asks_once_at_temperature_zero_in_the_schema():
    for verdict in (True, False, True):
        question = f"Where is the {phrase(1)} kept? (é)"
        answer = f"The {phrase()} is kept near the {phrase()}."
        rubric = f"Says the {phrase()} is kept near the {phrase()}; invents nothing."
        model = Scripted(verdict_reply(verdict, "in a ```json fence"))
        with step("Step 6, judge"):
            got = code.judge(model, question, answer, rubric)
        assert len(model.calls) == 1, (
            f"judge must call the model once per answer, not {len(model.calls)} times"
        )
        call = model.calls[0]
        sent = "\n".join(m["content"] for m in call["messages"])
        for name, text in (("rubric", rubric), ("question", question), ("answer", answer)):
            assert text in sent, (
                f"judge must send the {name} to the model: use "
                "judge_messages(question, answer, rubric)"
            )
        assert "temperature" in call["kwargs"], (
            "judge must pass temperature=0.0 to model.complete: left out, a real model "
            "samples, and the same answer can get another verdict next time"
        )
        assert call["kwargs"]["temperature"] == 0, (
            f"judge must pass temperature=0.0, not {call['kwargs']['temperature']!r}"
        )
        assert schema_asks_for_a_verdict(call["kwargs"].get("json_schema")), (
            "judge must pass json_schema=VERDICT_SCHEMA to model.complete (a schema whose "
            'required "verdict" is "pass" or "fail"): without it a model is free to '
            f"answer in prose; it passed {call['kwargs'].get('json_schema')!r}"
        )
        assert got is verdict, (
            f"judge must return {verdict} when the reply's verdict says so, not {got!r}"
        )


def test_step6_judge_returns_the_verdict_of_messy_replies():
    for _ in range(12):
        verdict = RANDOM.random() < 0.5
        how, reply = messy_reply(verdict)
        with step("Step 6, judge"):
            got = code.judge(Scripted(reply), "q", "a", "r")
        assert got is verdict, (
            f"judge must return True for a pass verdict and False for a fail one; for the "
            f"reply {reply!r} ({how}) it returned {got!r}"
        )


@pytest.mark.parametrize(
    "why, reply", NO_VERDICT, ids=[f"{w}-{i}" for i, (w, _) in enumerate(NO_VERDICT)]
)
def test_step6_no_clear_verdict_is_not_a_pass(why, reply):
    with step("Step 6, judge"):
        got = code.judge(Scripted(reply), "How long do refunds take?", "5 days.", "Says 5 days.")
    assert got is False, (
        f"a reply with no clear verdict ({why}) is not a pass: judge must return False, "
        f"not {got!r}, for {reply!r}"
    )


@pytest.mark.parametrize(
    "verdicts, labels, raw, kappa, what", KNOWN, ids=[f"{a}-vs-{b}" for a, b, *_ in KNOWN]
)
def test_step7_raw_agreement_and_kappa_worked_out_by_hand(verdicts, labels, raw, kappa, what):
    with step("Step 7, agreement"):
        got = code.agreement(bools(verdicts), bools(labels))
    assert got.raw == pytest.approx(raw), (
        f"agreement({verdicts} vs {labels}: {what}) must give raw {raw:.3f}, the share of "
        f"positions where verdict and label are the same; got {got.raw!r}"
    )
    assert got.kappa == pytest.approx(kappa), (
        f"agreement({verdicts} vs {labels}: {what}) must give kappa {kappa:.3f}, not "
        f"{got.kappa!r}: kappa = (raw - chance) / (1 - chance), with chance = p_judge_pass * "
        "p_human_pass + p_judge_fail * p_human_fail"
    )


@pytest.mark.parametrize("size, fails", [(20, 1), (40, 3), (12, 2)])
def test_step7_raw_agreement_misleads_when_most_answers_pass(size, fails):
    labels = [True] * (size - fails) + [False] * fails
    RANDOM.shuffle(labels)
    for constant in (True, False):
        raw = labels.count(constant) / size
        with step("Step 7, agreement"):
            got = code.agreement([constant] * size, labels)
        assert got.raw == pytest.approx(raw), (
            f"a judge that always says {'pass' if constant else 'fail'} agrees with "
            f"{raw:.0%} of these labels: raw must be {raw}, not {got.raw!r}"
        )
        assert got.kappa == pytest.approx(0.0, abs=1e-9), (
            f"a judge that always says {'pass' if constant else 'fail'} agrees with "
            f"{raw:.0%} of {size} labels ({size - fails} pass) only because of how the "
            "labels fall: it agrees no better than chance, so kappa must be 0.0, not "
            f"{got.kappa!r}: kappa = (raw - chance) / (1 - chance)"
        )


def test_step7_kappa_on_held_back_labels():
    for _ in range(30):
        size = RANDOM.randint(5, 40)
        labels = [RANDOM.random() < RANDOM.choice([0.5, 0.8, 0.95]) for _ in range(size)]
        flipped = set(RANDOM.sample(range(size), RANDOM.randint(0, size // 3)))
        verdicts = [label != (i in flipped) for i, label in enumerate(labels)]
        raw, kappa = expected_agreement(verdicts, labels)
        if math.isnan(kappa):
            continue  # the undefined case has its own test
        with step("Step 7, agreement"):
            got = code.agreement(verdicts, labels)
        shown = (
            "".join("T" if v else "F" for v in verdicts),
            "".join("T" if h else "F" for h in labels),
        )
        assert (got.raw, got.kappa) == (pytest.approx(raw), pytest.approx(kappa)), (
            f"agreement({shown[0]} vs {shown[1]}) must give raw {raw:.3f} and kappa "
            f"{kappa:.3f}, not raw {got.raw!r} and kappa {got.kappa!r}"
        )


def test_step7_compares_each_verdict_with_the_label_in_the_same_position():
    for size in (6, 9, 14):
        start = RANDOM.random() < 0.5
        labels = [(i % 2 == 0) == start for i in range(size)]
        with step("Step 7, agreement"):
            got = code.agreement(list(labels), labels)
        assert (got.raw, got.kappa) == (pytest.approx(1.0), pytest.approx(1.0)), (
            "agreement must compare each verdict with the label in the same position "
            f"(verdict i with label i): {size} verdicts equal to their labels must give raw "
            f"1.0 and kappa 1.0, not raw {got.raw!r} and kappa {got.kappa!r}"
        )


@pytest.mark.parametrize("label", [True, False], ids=["all-pass", "all-fail"])
def test_step7_kappa_is_undefined_when_everyone_gives_one_label(label):
    with step("Step 7, agreement"):
        got = code.agreement([label] * 7, [label] * 7)
    assert got.raw == pytest.approx(1.0), f"seven agreements in seven: raw 1.0, not {got.raw!r}"
    assert isinstance(got.kappa, float) and math.isnan(got.kappa), (
        "when the judge and the people give one and the same label to every answer, chance "
        f"agreement is 1 and kappa is undefined: return float('nan'), not {got.kappa!r}"
    )


@pytest.mark.parametrize("verdicts, labels", [(3, 4), (4, 3), (0, 0)])
def test_step7_refuses_lists_that_do_not_pair_up(verdicts, labels):
    with step("Step 7, agreement"):
        try:
            got = code.agreement([True] * verdicts, [True, False] * labels)
        except ValueError:
            return
        except Exception as error:  # a ZeroDivisionError, say
            pytest.fail(
                f"agreement must raise ValueError for {verdicts} verdicts and {2 * labels} "
                f"labels, not {type(error).__name__}: {error}",
                pytrace=False,
            )
    pytest.fail(
        f"agreement must raise ValueError unless there is one verdict per label, and at "
        f"least one: {verdicts} verdicts and {2 * labels} labels were accepted ({got!r})",
        pytrace=False,
    )


def measure_scripted(labelled, verdicts: list[bool | None], what: str, where: str) -> None:
    labels = [item.label for item in labelled]
    model = ByAnswer(
        dict(zip([item.answer for item in labelled], replies_for(verdicts), strict=True))
    )
    with step("measure_judge: judge and agreement, Steps 6 and 7"):
        got = code.measure_judge(model, labelled)
    counted = [v is True for v in verdicts]  # no clear verdict counts as fail
    raw, kappa = expected_agreement(counted, labels)
    assert len(model.calls) == len(labelled), (
        f"measure_judge must ask the judge once per labelled answer: {len(labelled)} "
        f"answers, {len(model.calls)} calls"
    )
    same = got.raw == pytest.approx(raw) and (
        math.isnan(got.kappa) if math.isnan(kappa) else got.kappa == pytest.approx(kappa)
    )
    assert same, (
        f"a scripted judge that {what}, on {where}, agrees with the labels at raw {raw:.3f} "
        f"and kappa {kappa:.3f} (a reply with no clear verdict counts as fail); "
        f"measure_judge gave raw {got.raw!r} and kappa {got.kappa!r}"
    )


def test_step7_measures_scripted_judges_on_the_labelled_file():
    labelled = code.load_labelled(LABELLED_TEXT)
    labels, answers = [item.label for item in labelled], [item.answer for item in labelled]
    assert len(labelled) >= 10 and True in labels and False in labels, (
        "judged.jsonl must hold ten or more labelled answers, some pass and some fail"
    )
    assert all(item.why.strip() for item in labelled), "every label in judged.jsonl needs a why"
    for what, verdicts in judges_of(labels, answers).items():
        measure_scripted(labelled, verdicts, what, "judged.jsonl")


def test_step7_measures_scripted_judges_on_held_back_labelled_sets():
    for size, passing in ((8, 0.5), (15, 0.8), (30, 0.9)):
        labelled = made_up_labelled(size, passing)
        labels, answers = [item.label for item in labelled], [item.answer for item in labelled]
        for what, verdicts in judges_of(labels, answers).items():
            measure_scripted(
                labelled, verdicts, what, f"{size} labelled answers made up by the check"
            )
