"""Wrong: embed fits the SVD again on whatever it is given.

The question's vector then lives in a space fitted on the question alone (and depends on
what else is embedded with it), not in the space of the chunks.
"""

EXPECT = "never fit again"
BASE = "atlas/roadmap/vector_search/solution.py"
PATCH = [
    (
        "        return normalise(self.svd.transform(self.tfidf.transform(texts)))\n",
        "        counts = self.tfidf.transform(texts)\n"
        "        size = min(self.svd.n_components, counts.shape[0], counts.shape[1] - 1)\n"
        "        svd = TruncatedSVD(n_components=max(size, 1), random_state=0)\n"
        "        return normalise(svd.fit_transform(counts))\n",
    ),
]
