"""Wrong: fits the vectors on the labelled questions as well as the chunks (a leak).

The vectors have then seen the very questions recall is measured with, so the table
flatters the dense retriever.
"""

EXPECT = "fitted the vectors on the labelled questions"
BASE = "atlas/roadmap/vector_search/solution.py"
PATCH = [
    (
        "    dense = DenseRetriever(chunks, LsaEmbedder([c.text for c in chunks], dimensions))\n",
        "    texts = [c.text for c in chunks] + [question for question, _ in LABELLED]\n"
        "    dense = DenseRetriever(chunks, LsaEmbedder(texts, dimensions))\n",
    ),
]
