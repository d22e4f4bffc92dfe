"""Wrong: the reasons name only the two cheaper steps of the page's example (prompt and
retrieval), not every fitting step that was not tried.
"""

EXPECT = "cheaper step not tried yet"
BASE = "atlas/roadmap/adapt_model/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
    for step in candidates(s):
        if step not in (FINE_TUNE, EVAL_SET) and step not in s.tried:
""",
        """\
    for step in (PROMPT, RETRIEVAL):
        if step in candidates(s) and step not in s.tried:
""",
    ),
]
