"""Wrong: run_eval() asks the model but reports the scores the page shows.

It fits cases.jsonl and the stand-in, and nothing else.
"""

EXPECT = "score(answer, case)"
BASE = "atlas/roadmap/prompt_evals/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
    scores = [
        score(model.complete(build_messages(prompt, case), temperature=0.0), case) for case in cases
    ]
""",
        """\
    for case in cases:
        model.complete(build_messages(prompt, case), temperature=0.0)
    scores = [1.0, 1.0, 1.0, 1.0, 0.0, 1.0][: len(cases)]
""",
    ),
]
