"""Done-when check for project 2. Run: make check P=prompt-evals

It tests your copy, work/prompt_evals.py; ``make reference P=prompt-evals`` runs it on
the reference solution. Besides cases.jsonl it uses eval sets, answers and prompts of its
own, so code that fits only the page's examples does not pass.
"""

import json
import random
import re
from pathlib import Path

import pytest

from atlas.llm import OfflineStandIn
from atlas.roadmap.checking import Scripted, load_reader_module, step

code = load_reader_module(__file__)
CASES_TEXT = (Path(__file__).parent / "cases.jsonl").read_text(encoding="utf-8")
RANDOM = random.Random()
WORDS = (
    "amber basil cedar delta ember fjord garnet harbour indigo juniper kelp lantern "
    "meadow nickel orchid pepper quartz raven saffron tundra umber velvet willow yarrow"
).split()


def phrase(size: int = 2) -> str:
    return " ".join(RANDOM.sample(WORDS, size))


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


def expected_score(answer: str, must: list[str], must_not: list[str]) -> float:
    text = answer.lower()
    if any(p.lower() in text for p in must_not):
        return 0.0
    return sum(p.lower() in text for p in must) / len(must) if must else 1.0


def shout(text: str) -> str:
    """``text`` with its letters' case changed at random."""
    return "".join(c.upper() if RANDOM.random() < 0.5 else c for c in text)


class Obedient:
    """A test double: answers from the context only when the prompt says 'only'."""

    def __init__(self) -> None:
        self.standin = OfflineStandIn()

    def complete(self, messages, **kwargs):
        if "only" in messages[0]["content"].lower():
            return self.standin.complete(messages)
        return "Great question! Our team is always happy to help."


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


# (cases the current prompt gets right, the candidate's, margin, which prompt wins)
MARGINS = [
    ({0, 1}, {0, 1, 2}, 0.25, "current"),  # 0.75 is not more than 0.5 + 0.25
    ({0, 1}, {0, 1, 2}, 0.2, "candidate"),
    ({0, 1}, {0, 1, 2}, 0.0, "candidate"),
    ({0, 1, 2}, {0, 1}, 0.0, "current"),
    ({1, 3}, {0, 2}, 0.0, "current"),
    (set(), {0, 1, 2, 3}, 0.5, "candidate"),
    (set(), {0, 1, 2, 3}, 1.0, "current"),
]


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
