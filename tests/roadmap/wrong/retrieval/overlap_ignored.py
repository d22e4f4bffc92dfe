"""Wrong: chunk() ignores its `overlap` argument and always overlaps by 10 words."""

EXPECT = "as many as fit in overlap"
BASE = "atlas/roadmap/retrieval/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
                if longer > overlap or longer + size > max_words:
""",
        """\
                if longer > 10 or longer + size > max_words:
""",
    ),
]
