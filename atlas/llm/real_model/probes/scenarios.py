"""One probe per scenario (see the package's docstring)."""

from __future__ import annotations

from types import ModuleType

from atlas.llm import ChatModel
from atlas.llm.real_model.probes import Harness, Outcome, scenario


@scenario(
    "support",
    "at least one of three help-centre questions passes the rubric: the answer cites the "
    "right article in [brackets] and states the key fact",
)
def support(module: ModuleType, model: ChatModel, harness: Harness) -> Outcome:
    centre = module.HelpCentre.load()
    cases = module.load_eval_cases()[:3]
    report = module.evaluate(lambda q: module.answer(model, q, centre).text, cases)
    return Outcome(report.cases_passed >= 1, str(report).replace("\n", "; "))


@scenario(
    "fraud",
    "every assessment of three payments validates as an Assessment (risk high or low, and "
    "a reason), through ask_json and its one retry",
)
def fraud(module: ModuleType, model: ChatModel, harness: Harness) -> Outcome:
    payments = module.make_transactions(2000, seed=3)
    chosen = [t for t in payments if t.is_fraud][:1] + [t for t in payments if not t.is_fraud][:2]
    assessments = module.assess_all(model, chosen)
    right = sum((a.risk == "high") == t.is_fraud for a, t in zip(assessments, chosen, strict=True))
    return Outcome(
        len(assessments) == len(chosen),
        f"{len(assessments)} validated; risk right for {right} of {len(chosen)} "
        f"({[a.risk for a in assessments]})",
    )


@scenario(
    "scaling",
    "the reference-free checks run on three sampled live messages answered by the real "
    "model, and at least one answer carries a citation",
)
def scaling(module: ModuleType, model: ChatModel, harness: Harness) -> Outcome:
    from atlas.scenarios import support as chatbot

    centre = chatbot.HelpCentre.load()
    traffic = module.make_traffic(60, seed=0)
    sample = module.sample_for_review(traffic, rate=0.1, seed=0)[:3]
    counts, declined = module.review_sample(sample, lambda q: chatbot.answer(model, q, centre))
    return Outcome(
        counts.get("answered with a citation", 0) >= 1,
        f"{len(sample)} sampled; checks {counts}; declined {declined}",
    )
