"""Wrong: chunk() keeps the overlap even when the next sentence then does not fit.

The new chunk can then run past max_words: this was the reference solution's own slip.
"""

EXPECT = "at most"
BASE = "atlas/roadmap/retrieval/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
                if longer > overlap or longer + size > max_words:
""",
        """\
                if longer > overlap:
""",
    ),
]
