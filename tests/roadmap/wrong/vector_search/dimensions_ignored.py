"""Wrong: build ignores its dimensions argument and always uses the default."""

EXPECT = "dimensions=3"
BASE = "atlas/roadmap/vector_search/solution.py"
PATCH = [
    (
        "LsaEmbedder([c.text for c in chunks], dimensions))\n",
        "LsaEmbedder([c.text for c in chunks]))\n",
    ),
]
