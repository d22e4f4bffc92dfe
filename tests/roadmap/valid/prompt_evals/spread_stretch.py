"""Valid: the second stretch goal, with defaults that keep the steps as written.

run_eval takes optional `temperature` and `repeats`; each case's score is the mean over
the repeats, and the Report gains an optional `spread` (each case's highest minus lowest
score).
"""

BASE = "atlas/roadmap/prompt_evals/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
    scores: list[float]
""",
        """\
    scores: list[float]
    spread: list[float] = field(default_factory=list)
""",
    ),
    (
        """\
def run_eval(model: ChatModel, prompt: str, cases: list[Case]) -> Report:
""",
        """\
def run_eval(
    model: ChatModel,
    prompt: str,
    cases: list[Case],
    temperature: float = 0.0,
    repeats: int = 1,
) -> Report:
""",
    ),
    (
        """\
    scores = [
        score(model.complete(build_messages(prompt, case), temperature=0.0), case) for case in cases
    ]
    return Report(prompt=prompt, scores=scores)
""",
        """\
    scores, spread = [], []
    for case in cases:
        runs = [
            score(model.complete(build_messages(prompt, case), temperature=temperature), case)
            for _ in range(repeats)
        ]
        scores.append(mean(runs))
        spread.append(max(runs) - min(runs))
    return Report(prompt=prompt, scores=scores, spread=spread)
""",
    ),
]
