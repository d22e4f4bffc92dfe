"""Wrong: fuses by adding the lists' own scores, which are on different scales.

Lexical scores (sums of idf weights) run far above cosines, so the lexical list decides
alone and the dense one hardly counts.
"""

EXPECT = "not the lists' own scores"
BASE = "atlas/roadmap/vector_search/solution.py"
PATCH = [
    (
        "        for rank, (found, _score) in enumerate(ranking, start=1):\n"
        "            fused[found.id] = fused.get(found.id, 0.0) + 1 / (constant + rank)\n",
        "        for found, score in ranking:\n"
        "            fused[found.id] = fused.get(found.id, 0.0) + score\n",
    ),
]
