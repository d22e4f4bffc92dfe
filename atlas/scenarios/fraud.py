"""Fraud detection two ways: a trained classifier, and a prompted model with a schema.

Everything runs on seeded synthetic card payments, so every number is the same on every
run. The data are invented to look roughly like card fraud (fraud is rare, larger than
usual, more often at night, abroad, on new cards, in bursts); they are not real data.

>>> train = make_transactions(500, seed=1)
>>> len(train), sum(t.is_fraud for t in train)
(500, 18)
>>> train[0]
Transaction(amount=58.83, usual_amount=49.06, hour=17, abroad=False, card_age_days=81, payments_last_hour=1, is_fraud=False)
"""  # noqa: E501

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
from pydantic import BaseModel, Field
from sklearn.ensemble import GradientBoostingClassifier

from atlas.llm import ChatModel, Message, ask_json

FEATURES = ("log_amount", "times_usual", "night", "abroad", "log_card_age", "payments_last_hour")


@dataclass(frozen=True)
class Transaction:
    """One card payment and the bits of the customer's history that matter."""

    amount: float  # euros
    usual_amount: float  # the customer's median payment
    hour: int  # 0-23, local time
    abroad: bool  # paid in a country other than the customer's home country
    card_age_days: int
    payments_last_hour: int  # other payments on the card in the previous hour
    is_fraud: bool  # the label: known only after an investigation or a chargeback


def make_transactions(
    n: int, seed: int, *, fraud_rate: float = 0.03, drift: float = 0.0
) -> list[Transaction]:
    """``n`` seeded synthetic payments. ``drift`` (0 to 1) moves the world on.

    With drift, honest customers travel and spend more, and fraudsters imitate them
    (smaller amounts, daytime, older cards): the patterns a model learned go stale.
    """
    rng = np.random.default_rng(seed)
    out = []
    for _ in range(n):
        fraud = bool(rng.random() < fraud_rate)
        usual = float(rng.lognormal(3.4, 0.6))
        if fraud:
            ratio = rng.lognormal(1.3 - 1.2 * drift, 0.9)
            night = rng.random() < 0.45 - 0.3 * drift
            abroad = rng.random() < 0.5
            card_age = rng.exponential(90 + 500 * drift)
            burst = rng.poisson(1.8 - 1.2 * drift)
        else:
            ratio = rng.lognormal(0.1 * drift, 0.55 + 0.2 * drift)
            night = rng.random() < 0.08
            abroad = rng.random() < 0.05 + 0.3 * drift
            card_age = rng.exponential(700)
            burst = rng.poisson(0.2)
        hour = int(rng.integers(0, 6) if night else rng.integers(6, 24))
        out.append(
            Transaction(
                amount=round(usual * float(ratio), 2),
                usual_amount=round(usual, 2),
                hour=hour,
                abroad=bool(abroad),
                card_age_days=int(card_age) + 1,
                payments_last_hour=int(burst),
                is_fraud=fraud,
            )
        )
    return out


# --- The ML path: features, a trained classifier, a threshold, a drift check ---------


def features(transactions: Sequence[Transaction]) -> np.ndarray:
    """One row of numbers per payment, columns as named in ``FEATURES``."""
    return np.array(
        [
            [
                np.log1p(t.amount),
                t.amount / t.usual_amount,
                float(t.hour < 6),
                float(t.abroad),
                np.log1p(t.card_age_days),
                float(t.payments_last_hour),
            ]
            for t in transactions
        ]
    )


def labels(transactions: Sequence[Transaction]) -> np.ndarray:
    return np.array([t.is_fraud for t in transactions], dtype=int)


def train_classifier(
    transactions: Sequence[Transaction], *, n_estimators: int = 100, seed: int = 0
) -> GradientBoostingClassifier:
    """A gradient-boosting classifier fitted to labelled payments."""
    model = GradientBoostingClassifier(n_estimators=n_estimators, max_depth=3, random_state=seed)
    return model.fit(features(transactions), labels(transactions))


def scores(model: GradientBoostingClassifier, transactions: Sequence[Transaction]) -> np.ndarray:
    """The model's fraud probability for each payment."""
    return model.predict_proba(features(transactions))[:, 1]


def threshold_for_budget(scores: np.ndarray, budget: float) -> float:
    """The score above which a ``budget`` share of payments falls (0.02 = 2 in 100).

    Investigators can review only so many cases a day; the threshold follows from that.
    """
    return float(np.quantile(scores, 1 - budget))


@dataclass(frozen=True)
class Metrics:
    flagged: int
    caught: int  # frauds among the flagged (true positives)
    frauds: int  # all frauds in the set
    precision: float  # share of flagged payments that are fraud
    recall: float  # share of frauds that were flagged

    def __str__(self) -> str:
        return (
            f"flagged {self.flagged}, caught {self.caught} of {self.frauds} frauds: "
            f"precision {self.precision:.2f}, recall {self.recall:.2f}"
        )


def evaluate(flags: Sequence[bool] | np.ndarray, truth: Sequence[bool] | np.ndarray) -> Metrics:
    """Precision and recall of yes/no ``flags`` against the labels."""
    flags = np.asarray(flags, dtype=bool)
    truth = np.asarray(truth, dtype=bool)
    caught = int((flags & truth).sum())
    flagged = int(flags.sum())
    frauds = int(truth.sum())
    return Metrics(
        flagged=flagged,
        caught=caught,
        frauds=frauds,
        precision=caught / flagged if flagged else 0.0,
        recall=caught / frauds if frauds else 0.0,
    )


def psi(expected: np.ndarray, actual: np.ndarray, bins: int = 10) -> float:
    """Population stability index of one feature: how far ``actual`` moved from ``expected``.

    Bins are cut at the quantiles of ``expected``. 0 means the same distribution; a common
    rule of thumb reads under 0.1 as stable, 0.1-0.25 as a shift to watch, above 0.25 as
    a large shift.

    >>> rng = np.random.default_rng(0)
    >>> round(psi(rng.normal(size=5000), rng.normal(size=5000)), 3)
    0.005
    >>> round(psi(rng.normal(size=5000), rng.normal(1, 1, size=5000)), 2)
    0.93
    """
    edges = np.unique(np.quantile(expected, np.linspace(0, 1, bins + 1)[1:-1]))
    e = np.bincount(np.searchsorted(edges, expected), minlength=len(edges) + 1)
    a = np.bincount(np.searchsorted(edges, actual), minlength=len(edges) + 1)
    e = np.clip(e / e.sum(), 1e-4, None)
    a = np.clip(a / a.sum(), 1e-4, None)
    return float(np.sum((a - e) * np.log(a / e)))


def drift_report(
    reference: Sequence[Transaction], current: Sequence[Transaction], limit: float = 0.25
) -> dict[str, float]:
    """PSI of each feature; features over ``limit`` are the ones that say "retrain"."""
    ref, cur = features(reference), features(current)
    return {name: round(psi(ref[:, i], cur[:, i]), 3) for i, name in enumerate(FEATURES)}


def needs_retraining(report: dict[str, float], limit: float = 0.25) -> list[str]:
    """The features whose PSI is over ``limit``; an empty list means "not yet"."""
    return [name for name, value in report.items() if value > limit]


# --- The AI path: a prompt with the payment and its history, a schema, an evaluation ---

GUIDANCE = """Assess each transaction below. Answer with JSON matching the schema.
High risk: many times the usual amount.
High risk: at night, from abroad.
High risk: a new card, or a burst of payments within the hour.
Low risk: near the usual amount, in daytime, at home.
Low risk: an established card, a single payment."""


class Assessment(BaseModel):
    """What the model must return for each payment."""

    risk: Literal["high", "low"]
    reason: str = Field(description="the rule or evidence behind the risk, in a sentence")


def describe(t: Transaction) -> str:
    """The payment in plain words (the question the model is asked ends with this)."""
    times = t.amount / t.usual_amount
    parts = [
        "many times the usual amount" if times >= 3 else "near the usual amount",
        "at night" if t.hour < 6 else "in daytime",
        "from abroad" if t.abroad else "at home",
        "on a new card" if t.card_age_days <= 30 else "on an established card",
        "in a burst of payments within the hour"
        if t.payments_last_hour >= 3
        else "as a single payment",
    ]
    return ", ".join(parts)


def prompt(t: Transaction) -> list[Message]:
    """System guidance, then the payment and the customer's history, then the question."""
    details = (
        f"Payment: {t.amount:.2f} EUR at {t.hour:02d}:00; "
        f"{'foreign country' if t.abroad else 'home country'}; "
        f"card issued {t.card_age_days} days ago"
    )
    history = (
        f"Customer history: median payment {t.usual_amount:.2f} EUR; "
        f"{t.payments_last_hour} other payments on this card in the previous 60 minutes"
    )
    question = f"What is the fraud risk here: {describe(t)}?"
    return [
        {"role": "system", "content": GUIDANCE},
        {"role": "user", "content": f"{details}\n{history}\n{question}"},
    ]


def assess(model: ChatModel, t: Transaction) -> Assessment:
    """One payment through the model, validated against :class:`Assessment`."""
    return ask_json(model, prompt(t), Assessment)


def assess_all(model: ChatModel, transactions: Sequence[Transaction]) -> list[Assessment]:
    return [assess(model, t) for t in transactions]
