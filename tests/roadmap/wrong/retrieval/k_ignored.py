"""Wrong: answer() ignores its `k` and always retrieves the default three chunks."""

EXPECT = "its own k"
BASE = "atlas/roadmap/retrieval/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
    found = retriever.search(question, k)
""",
        """\
    found = retriever.search(question)
""",
    ),
]
