"""Wrong: run_eval() never passes a temperature.

A real model then samples at its own default, so two runs of the eval disagree. A test
double that defaults temperature to 0 cannot tell this apart from temperature=0.0.
"""

EXPECT = "temperature=0.0"
BASE = "atlas/roadmap/prompt_evals/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
    scores = [
        score(model.complete(build_messages(prompt, case), temperature=0.0), case) for case in cases
    ]
""",
        """\
    scores = [score(model.complete(build_messages(prompt, case)), case) for case in cases]
""",
    ),
]
