"""Wrong: answer() asks the model even when nothing was retrieved.

With no sources the model answers from what it remembers, and the reply is shown as if
it came from the documents.
"""

EXPECT = "nothing is retrieved"
BASE = "atlas/roadmap/retrieval/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
    if not found:
        return Answer(NO_ANSWER, [])
""",
        """\
""",
    ),
]
