"""Valid: normalise with scikit-learn's normalize, rank with numpy's argsort."""

BASE = "atlas/roadmap/vector_search/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        "    vectors = np.asarray(vectors, dtype=float)\n"
        "    lengths = np.linalg.norm(vectors, axis=1, keepdims=True)\n"
        "    return np.divide(vectors, lengths, out=np.zeros_like(vectors), where=lengths > 0)\n",
        "    from sklearn.preprocessing import normalize\n\n"
        "    return normalize(np.asarray(vectors, dtype=float), norm='l2', axis=1)\n",
    ),
    (
        "        order = sorted(range(len(self.chunks)), key=lambda i: -cosines[i])\n"
        "        return [(self.chunks[i], float(cosines[i])) for i in order if cosines[i] > 0][:k]\n",
        "        order = np.argsort(-cosines, kind='stable')[:k]\n"
        "        return [(self.chunks[i], float(cosines[i])) for i in order if cosines[i] > 0]\n",
    ),
]
