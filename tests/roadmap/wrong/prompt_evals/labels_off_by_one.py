"""Wrong: agreement() compares each verdict with the next answer's label.

A slip of an index (labels[1:], or counting from 1) pairs verdict i with label i + 1, so
a judge that agrees on every answer can score near zero, or a bad one well.
"""

EXPECT = "same position"
BASE = "atlas/roadmap/prompt_evals/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
    raw = sum(j == h for j, h in zip(judge_verdicts, human_labels, strict=True)) / total
""",
        """\
    raw = sum(j == h for j, h in zip(judge_verdicts, human_labels[1:])) / total
""",
    ),
]
