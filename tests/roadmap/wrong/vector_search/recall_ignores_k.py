"""Wrong: recall asks every retriever for its default three chunks, whatever k is.

Recall at 1 then counts hits at ranks 2 and 3 as well, and looks better than it is.
"""

EXPECT = "search(question, k)"
BASE = "atlas/roadmap/vector_search/solution.py"
PATCH = [
    (
        "for c in retriever.search(question, k))\n",
        "for c in retriever.search(question))\n",
    ),
]
