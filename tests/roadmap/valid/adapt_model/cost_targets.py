"""Valid: a stretch goal as written. Situation gains optional cost and latency targets; a
cost problem can justify a smaller fine-tuned model even when quality is fine. With the
new fields left at their defaults every decision is the same as before.
"""

BASE = "atlas/roadmap/adapt_model/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
    tried: frozenset[str] = field(default_factory=frozenset)  # steps already done
""",
        """\
    tried: frozenset[str] = field(default_factory=frozenset)  # steps already done
    cost_per_answer: float | None = None  # measured, in your currency
    cost_target: float | None = None  # what the product can pay per answer


def too_expensive(s: Situation) -> bool:
    known = None not in (s.cost_per_answer, s.cost_target)
    return known and s.cost_per_answer > s.cost_target
""",
    ),
    (
        """\
    return s.has_eval_set and s.score >= s.target
""",
        """\
    return s.has_eval_set and s.score >= s.target and not too_expensive(s)
""",
    ),
    (
        """\
    if s.format_failures:
        steps.append(EXAMPLES)
""",
        """\
    if s.format_failures or too_expensive(s):
        if s.format_failures:
            steps.append(EXAMPLES)
""",
    ),
    (
        """\
    if not s.format_failures:
""",
        """\
    if not s.format_failures and not too_expensive(s):
""",
    ),
]
