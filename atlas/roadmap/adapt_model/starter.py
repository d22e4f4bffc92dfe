"""The adapt-model project: a decision guide for adapting a model, as code.

Fill in the steps in order; after each, run the done-when check from the project's root
folder:

    make check P=adapt-model

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
    raise NotImplementedError(
        "Step 1: return True only if the situation has an eval set and its score is at "
        "least the target (a score equal to the target meets it)."
    )


def candidates(s: Situation) -> list[str]:
    """Step 2: the ladder's steps that fit these failures, cheapest first."""
    raise NotImplementedError(
        "Step 2: list, in LADDER order: EVAL_SET if there is no eval set; PROMPT always; "
        "RETRIEVAL if knowledge is missing; TOOLS if live data or actions are needed; "
        "EXAMPLES if failures are about format; FINE_TUNE (after EXAMPLES) only with "
        "format failures and at least MIN_EXAMPLES labelled examples."
    )


def next_step(s: Situation) -> str | None:
    """Step 3: None when the target is met; else the first fitting step not yet tried."""
    raise NotImplementedError(
        "Step 3: return None when meets_target(s); else the first of candidates(s) not in "
        "s.tried; if all were tried, return RETHINK."
    )


def reasons_not_to_fine_tune(s: Situation) -> list[str]:
    """Step 4: what must change before fine-tuning is worth it; empty means go ahead."""
    raise NotImplementedError(
        "Step 4: collect reasons, one string each, only those that apply: the target is "
        "'already met'; there is no 'eval set'; each candidate step other than FINE_TUNE "
        "and EVAL_SET not yet tried ('cheaper step not tried yet: <step>'); the failures "
        "are not about 'format'; fewer than MIN_EXAMPLES examples ('only <n> labelled "
        "examples (rule of thumb: <MIN_EXAMPLES>)')."
    )
