"""Wrong: ranks by the raw dot product; the vectors are never normalised.

A long vector wins by its length alone. It passes with LsaEmbedder, whose rows are
already of length 1, and fails with any embedder that does not normalise.
"""

EXPECT = "cosine similarity"
BASE = "atlas/roadmap/vector_search/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        "        self.vectors = normalise(embedder.embed([c.text for c in chunks]))\n",
        "        self.vectors = np.asarray(embedder.embed([c.text for c in chunks]))\n",
    ),
    (
        "        asked = normalise(self.embedder.embed([question]))[0]\n",
        "        asked = np.asarray(self.embedder.embed([question]))[0]\n",
    ),
]
