"""Wrong: Retriever.search() does not divide by the chunk's length.

Long chunks then win because they hold more words, not because they fit the question.
"""

EXPECT = "sqrt"
BASE = "atlas/roadmap/retrieval/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
            score = sum(self.idf[w] for w in shared) / math.sqrt(len(chunk_words) or 1)
""",
        """\
            score = sum(self.idf[w] for w in shared)
""",
    ),
]
