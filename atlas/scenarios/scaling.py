"""Scaling to many users: model size and retraining (ML), and a seeded traffic simulation (AI).

The ML half reuses the fraud classifier of ``fraud.py``. The AI half replays seeded
traffic against the support chatbot of ``support.py`` with a price-and-latency model.
Every price and latency below is an **assumption** invented for illustration (see
:data:`LARGE` and :data:`SMALL`): round numbers, not taken from any provider's price
list. Change them to yours.

>>> for request in make_traffic(3, seed=0):
...     print(request.text)
how to change where my order goes
can I return a sleeping bag I bought last month
how expensive is next day delivery
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np
from sklearn.pipeline import Pipeline

from atlas.scenarios import fraud, support

# --- ML path: what model size costs, and when to retrain ------------------------------


@dataclass(frozen=True)
class SizeRow:
    trees: int
    node_visits: int  # comparisons per prediction: trees x depth; latency follows it
    precision: float
    recall: float


def size_table(
    train: Sequence[fraud.Transaction],
    calibrate: Sequence[fraud.Transaction],
    test: Sequence[fraud.Transaction],
    sizes: Sequence[int] = (5, 20, 100, 400),
    budget: float = 0.03,
) -> list[SizeRow]:
    """Precision and recall at the review budget for classifiers of several sizes."""
    rows = []
    for trees in sizes:
        model = fraud.train_classifier(train, n_estimators=trees)
        line = fraud.threshold_for_budget(fraud.scores(model, calibrate), budget)
        metrics = fraud.evaluate(fraud.scores(model, test) >= line, fraud.labels(test))
        rows.append(SizeRow(trees, trees * model.max_depth, metrics.precision, metrics.recall))
    return rows


@dataclass(frozen=True)
class Week:
    week: int
    worst_feature: str
    worst_psi: float
    recall: float
    action: str


def retraining_schedule(
    weeks: int = 8,
    drift_per_week: float = 0.05,
    psi_limit: float = 0.25,
    recall_floor: float = 0.6,
    budget: float = 0.03,
    seed: int = 100,
    trees: int = 30,
) -> list[Week]:
    """Run the fraud classifier through weeks of slowly drifting payments.

    Each week: check input drift (PSI against the data the current model was trained
    on) and recall on that week's labelled payments. When either check fails, retrain
    on that week's data (2,000 payments to train, 1,000 to set the threshold). In
    reality fraud labels arrive weeks late; here they are on time.
    """

    def fit(batch: Sequence[fraud.Transaction]) -> tuple:
        model = fraud.train_classifier(batch[:2000], n_estimators=trees)
        line = fraud.threshold_for_budget(fraud.scores(model, batch[2000:]), budget)
        return model, line, batch[:2000]

    model, line, reference = fit(fraud.make_transactions(3000, seed=seed))
    out = []
    for week in range(1, weeks + 1):
        drift = min(1.0, week * drift_per_week)
        batch = fraud.make_transactions(3000, seed=seed + week, drift=drift)
        report = fraud.drift_report(reference, batch)
        worst = max(report, key=report.get)
        flags = fraud.scores(model, batch) >= line
        recall = fraud.evaluate(flags, fraud.labels(batch)).recall
        reasons = []
        if report[worst] > psi_limit:
            reasons.append("inputs drifted")
        if recall < recall_floor:
            reasons.append("recall fell")
        if reasons:
            model, line, reference = fit(batch)
        action = "retrain: " + " and ".join(reasons) if reasons else "keep"
        out.append(Week(week, worst, report[worst], round(recall, 2), action))
    return out


# --- AI path: a traffic simulation ----------------------------------------------------


@dataclass(frozen=True)
class ModelTier:
    """Assumed price and speed of one model. Illustrative numbers, not a price list."""

    name: str
    usd_per_million_input: float
    usd_per_million_output: float
    seconds_fixed: float  # time to first token, roughly
    seconds_per_output_token: float


# Invented round numbers: output costs four times input, and the small model costs a
# tenth of the large one. They are not any provider's prices.
LARGE = ModelTier("large", 6.00, 24.00, 0.60, 0.020)
SMALL = ModelTier("small", 0.60, 2.40, 0.25, 0.008)
CACHE_SECONDS = 0.005
OUTPUT_TOKENS = 60  # a short support answer
OUT_OF_SCOPE = [
    "can you recommend a good pizza place",
    "what is the capital of australia",
    "write me a poem about the sea",
    "which stock should I buy",
]


def tokens(text: str) -> int:
    """Rough token count: a common rule of thumb is about 3 words to 4 tokens in English."""
    return math.ceil(len(text.split()) * 4 / 3)


@dataclass(frozen=True)
class Request:
    text: str


def make_traffic(n: int, seed: int = 0, zipf: float = 1.0, personal: float = 0.4) -> list[Request]:
    """``n`` customer messages. Popular phrasings repeat (Zipf-like), as real traffic does.

    Messages come from the intents dataset (all splits) plus a few out-of-scope ones. A
    share ``personal`` of them carry an order number, which makes them unique.
    """
    texts = sorted(set(support.load_intents("train")[0] + support.load_intents("test")[0]))
    texts += OUT_OF_SCOPE
    rng = np.random.default_rng(seed)
    order = rng.permutation(len(texts))  # which phrasing is most popular is arbitrary
    weights = 1 / np.arange(1, len(texts) + 1) ** zipf
    picks = rng.choice(len(texts), size=n, p=weights / weights.sum())
    numbers = rng.integers(100000, 999999, size=n)
    with_number = rng.random(n) < personal
    return [
        Request(texts[order[i]] + (f", order {numbers[k]}" if with_number[k] else ""))
        for k, i in enumerate(picks)
    ]


@dataclass(frozen=True)
class Setup:
    """Which of the three techniques are switched on."""

    name: str
    retrieval: bool = False  # top-2 articles instead of the whole help centre; none: decline
    cache: bool = False  # identical questions get the stored answer
    routing: bool = False  # easy questions go to the small model


@dataclass
class Outcome:
    name: str
    cost_usd: float = 0.0
    latencies: list[float] = field(default_factory=list)
    calls: dict[str, int] = field(
        default_factory=lambda: {"large": 0, "small": 0, "cache": 0, "declined": 0}
    )

    def row(self) -> str:
        seconds = np.array(self.latencies)
        per_1000 = 1000 * self.cost_usd / len(seconds)
        return (
            f"{self.name:30} {per_1000:6.3f} {seconds.mean():6.2f} "
            f"{np.quantile(seconds, 0.95):6.2f} {self.calls['large']:>6} "
            f"{self.calls['small']:>6} {self.calls['cache']:>6} {self.calls['declined']:>6}"
        )


HEADER = (
    f"{'setup':30} {'$/1000':>6} {'mean s':>6} {'p95 s':>6} {'large':>6} {'small':>6} "
    f"{'cached':>6} {'none':>6}"
)


def simulate(
    traffic: Sequence[Request],
    setup: Setup,
    centre: support.HelpCentre,
    router: Pipeline,
    seed: int = 0,
    easy_confidence: float = 0.6,
    min_score: float = 0.1,
) -> Outcome:
    """Cost and latency of serving ``traffic`` under ``setup``, with seeded latency jitter.

    The router is the support page's intent classifier: a message it is confident about
    is "easy" and goes to the small model.
    """
    rng = np.random.default_rng(seed)
    whole_centre = tokens(" ".join(a["text"] for a in centre.articles))
    system = tokens(support.SYSTEM)
    texts = sorted({r.text for r in traffic})  # work out retrieval and routing once per text
    retrieved, easy = {}, {}
    if setup.retrieval:
        for text, hits in zip(texts, centre.search_many(texts), strict=True):
            kept = [h for h in hits if h.score >= min_score]  # none kept: decline, no call
            retrieved[text] = sum(tokens(centre.by_id[h.article_id]["text"]) for h in kept)
    if setup.routing:
        confidence = router.predict_proba(texts).max(axis=1)
        easy = dict(zip(texts, confidence >= easy_confidence, strict=True))
    cache: set[str] = set()
    outcome = Outcome(setup.name)
    for request in traffic:
        key = " ".join(request.text.lower().split())
        if setup.cache and key in cache:
            outcome.calls["cache"] += 1
            outcome.latencies.append(CACHE_SECONDS)
            continue
        if setup.retrieval and not retrieved[request.text]:
            outcome.calls["declined"] += 1
            outcome.latencies.append(CACHE_SECONDS)
            continue
        context = retrieved[request.text] if setup.retrieval else whole_centre
        tier = SMALL if setup.routing and easy[request.text] else LARGE
        prompt_tokens = system + context + tokens(request.text)
        outcome.cost_usd += (
            prompt_tokens * tier.usd_per_million_input + OUTPUT_TOKENS * tier.usd_per_million_output
        ) / 1e6
        seconds = tier.seconds_fixed + OUTPUT_TOKENS * tier.seconds_per_output_token
        seconds += prompt_tokens * 0.0002  # reading the prompt takes time too
        outcome.latencies.append(seconds * float(rng.lognormal(0, 0.25)))
        outcome.calls[tier.name] += 1
        cache.add(key)
    return outcome


SETUPS = (
    Setup("large model, whole help centre"),
    Setup("+ runtime retrieval", retrieval=True),
    Setup("+ response cache", retrieval=True, cache=True),
    Setup("+ route easy to small model", retrieval=True, cache=True, routing=True),
)


# --- Sampling live outputs for evaluation ---------------------------------------------


def sample_for_review(traffic: Sequence[Request], rate: float, seed: int = 0) -> list[Request]:
    """A seeded random sample of the traffic, for checks and human review."""
    rng = np.random.default_rng(seed)
    return [r for r in traffic if rng.random() < rate]


def reference_free_checks(reply: support.Reply) -> dict[str, bool]:
    """Checks that need no right answer, so they can run on live traffic."""
    declined = support.is_decline(reply.text)
    cites = any(f"[{source}]" in reply.text for source in reply.sources)
    return {
        "answered with a citation": cites and not declined,
        "declined": declined,
        "mixed an answer with a decline": cites and declined,
    }


def review_sample(
    sample: Sequence[Request], answer: Callable[[str], support.Reply]
) -> tuple[dict[str, int], list[str]]:
    """Count each reference-free check on the sample; list the declined questions.

    Declines are what a person should read first: each is either a question the shop
    cannot answer (fine) or one it could, which the system missed (a bug to fix).
    """
    counts: dict[str, int] = {}
    declined = []
    for request in sample:
        checks = reference_free_checks(answer(request.text))
        for name, ok in checks.items():
            counts[name] = counts.get(name, 0) + ok
        if checks["declined"]:
            declined.append(request.text)
    return counts, declined
