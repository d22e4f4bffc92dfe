"""Wrong: normalise divides a row of zeros by zero and returns nan."""

EXPECT = "row of zeros"
BASE = "atlas/roadmap/vector_search/solution.py"
PATCH = [
    (
        "    return np.divide(vectors, lengths, out=np.zeros_like(vectors), where=lengths > 0)\n",
        "    return vectors / lengths\n",
    ),
]
