"""Valid: the same rules written as a table, with the reasons worded differently.

Each rung carries the test that says whether it fits; the reasons keep the words the
page asks for (the step's name, "eval set", "format", "already met", the two counts).
"""

from dataclasses import dataclass, field

EVAL_SET = "build an eval set"
PROMPT = "improve the prompt"
RETRIEVAL = "add retrieval"
TOOLS = "add tools"
EXAMPLES = "add examples to the prompt"
FINE_TUNE = "fine-tune"
LADDER = [EVAL_SET, PROMPT, RETRIEVAL, TOOLS, EXAMPLES, FINE_TUNE]
RETHINK = "stop: rethink the task or accept the score"
MIN_EXAMPLES = 500  # a rule of thumb for a first fine-tune; yours may differ


@dataclass(frozen=True)
class Situation:
    """What your evals say about the application today."""

    has_eval_set: bool
    score: float  # on your eval set, 0 to 1
    target: float  # the score the product needs
    missing_knowledge: bool = False  # failures: facts the model cannot know
    needs_live_data: bool = False  # failures: data that changes, or actions to take
    format_failures: bool = False  # failures: wrong format, tone or behaviour, consistently
    labelled_examples: int = 0  # good input/output pairs you have
    tried: frozenset[str] = field(default_factory=frozenset)  # steps already done


def meets_target(s: Situation) -> bool:
    """Step 1: done only when a score *measured on an eval set* reaches the target."""
    if not s.has_eval_set:
        return False
    return not s.score < s.target


RULES = {
    EVAL_SET: lambda s: not s.has_eval_set,
    PROMPT: lambda s: True,
    RETRIEVAL: lambda s: s.missing_knowledge,
    TOOLS: lambda s: s.needs_live_data,
    EXAMPLES: lambda s: s.format_failures,
    FINE_TUNE: lambda s: s.format_failures and s.labelled_examples >= MIN_EXAMPLES,
}


def candidates(s: Situation) -> list[str]:
    """Step 2: the ladder's steps that fit these failures, cheapest first."""
    return [rung for rung in LADDER if RULES[rung](s)]


def next_step(s: Situation) -> str | None:
    """Step 3: None when the target is met; else the first fitting step not yet tried."""
    if meets_target(s):
        return None
    return next((rung for rung in candidates(s) if rung not in s.tried), RETHINK)


def reasons_not_to_fine_tune(s: Situation) -> list[str]:
    """Step 4: what must change before fine-tuning is worth it; empty means go ahead."""
    untried = [r for r in candidates(s) if r not in s.tried and r not in (EVAL_SET, FINE_TUNE)]
    checks = [
        (meets_target(s), "no need: your target is already met"),
        (not s.has_eval_set, "measure first: build an eval set"),
        *((True, f"try first: {rung}") for rung in untried),
        (not s.format_failures, "fine-tuning fixes format and behaviour, not these failures"),
        (
            s.labelled_examples < MIN_EXAMPLES,
            f"{s.labelled_examples} labelled examples are too few; aim for {MIN_EXAMPLES}",
        ),
    ]
    return [reason for applies, reason in checks if applies]
