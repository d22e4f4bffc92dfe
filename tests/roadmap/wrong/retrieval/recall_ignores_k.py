"""Wrong: recall_at_k() never passes its `k` on to the retriever."""

EXPECT = "pass k on"
BASE = "atlas/roadmap/retrieval/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
        any(c.id.split("#")[0] == expected for c in retriever.search(question, k))
""",
        """\
        any(c.id.split("#")[0] == expected for c in retriever.search(question))
""",
    ),
]
