"""Wrong: scored ignores k and returns every chunk with a cosine above 0."""

EXPECT = "k=1"
BASE = "atlas/roadmap/vector_search/solution.py"
PATCH = [
    (
        "for i in order if cosines[i] > 0][:k]\n",
        "for i in order if cosines[i] > 0]\n",
    ),
]
