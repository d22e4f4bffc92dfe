"""Wrong: sorts the cosines in ascending order, so the worst match comes first."""

EXPECT = "best first"
BASE = "atlas/roadmap/vector_search/solution.py"
PATCH = [
    (
        "        order = sorted(range(len(self.chunks)), key=lambda i: -cosines[i])\n",
        "        order = sorted(range(len(self.chunks)), key=lambda i: cosines[i])\n",
    ),
]
