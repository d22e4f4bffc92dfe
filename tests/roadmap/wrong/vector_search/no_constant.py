"""Wrong: reciprocal rank fusion without the constant, 1 / rank.

A single top rank (1/1) then outweighs a chunk that both lists put near the top.
"""

EXPECT = "constant"
BASE = "atlas/roadmap/vector_search/solution.py"
PATCH = [
    (
        "fused.get(found.id, 0.0) + 1 / (constant + rank)\n",
        "fused.get(found.id, 0.0) + 1 / rank\n",
    ),
]
