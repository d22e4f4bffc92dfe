"""Wrong: sweep labels each row with its size but always chunks with the default 40 words."""

EXPECT = "row for max_words"
BASE = "atlas/roadmap/vector_search/solution.py"
PATCH = [
    (
        "for c in chunk(name, text, size, size // 4)]\n",
        "for c in chunk(name, text)]\n",
    ),
]
