"""The adapt-model project, reference solution: a decision guide for adapting a model, as code.

Try ``starter.py`` first; compare with this file once your check passes or you are stuck.
The order of the ladder and the thresholds are this site's guidance, not a law: change
them when your own evals tell you to.
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
    return s.has_eval_set and s.score >= s.target


def candidates(s: Situation) -> list[str]:
    """Step 2: the ladder's steps that fit these failures, cheapest first."""
    steps = [] if s.has_eval_set else [EVAL_SET]
    steps.append(PROMPT)
    if s.missing_knowledge:
        steps.append(RETRIEVAL)
    if s.needs_live_data:
        steps.append(TOOLS)
    if s.format_failures:
        steps.append(EXAMPLES)
        if s.labelled_examples >= MIN_EXAMPLES:
            steps.append(FINE_TUNE)
    return steps


def next_step(s: Situation) -> str | None:
    """Step 3: None when the target is met; else the first fitting step not yet tried."""
    if meets_target(s):
        return None
    for step in candidates(s):
        if step not in s.tried:
            return step
    return RETHINK


def reasons_not_to_fine_tune(s: Situation) -> list[str]:
    """Step 4: what must change before fine-tuning is worth it; empty means go ahead."""
    reasons = []
    if meets_target(s):
        reasons.append("the target is already met")
    if not s.has_eval_set:
        reasons.append("there is no eval set to show whether fine-tuning helped")
    for step in candidates(s):
        if step not in (FINE_TUNE, EVAL_SET) and step not in s.tried:
            reasons.append(f"cheaper step not tried yet: {step}")
    if not s.format_failures:
        reasons.append("the failures are not about format or behaviour")
    if s.labelled_examples < MIN_EXAMPLES:
        reasons.append(
            f"only {s.labelled_examples} labelled examples (rule of thumb: {MIN_EXAMPLES})"
        )
    return reasons
