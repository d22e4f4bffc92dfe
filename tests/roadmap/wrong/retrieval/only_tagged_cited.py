"""Wrong: answer() cites only the chunks the reply tagged, not the ones it quoted.

A model that copies a sentence without its [id] leaves that chunk uncited.
"""

EXPECT = "used it"
BASE = "atlas/roadmap/retrieval/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
    used = [c.id for c in found if c.id in tagged or any(s in c.text for s in sentences(text))]
""",
        """\
    used = [c.id for c in found if c.id in tagged]
""",
    ),
]
