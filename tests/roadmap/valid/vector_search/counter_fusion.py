"""Valid: fusion with a Counter and heapq.nlargest, ranks counted from 0."""

BASE = "atlas/roadmap/vector_search/solution.py"
PATCH = [
    (
        "    fused: dict[str, float] = {}\n"
        "    by_id: dict[str, Chunk] = {}\n"
        "    for ranking in rankings:\n"
        "        for rank, (found, _score) in enumerate(ranking, start=1):\n"
        "            fused[found.id] = fused.get(found.id, 0.0) + 1 / (constant + rank)\n"
        "            by_id[found.id] = found\n"
        "    best = sorted(fused, key=lambda i: -fused[i])\n"
        "    return [by_id[i] for i in best[:k]]\n",
        "    import heapq\n"
        "    from collections import Counter\n\n"
        "    fused, by_id = Counter(), {}\n"
        "    for ranking in rankings:\n"
        "        for rank, (found, _) in enumerate(ranking):\n"
        "            fused[found.id] += 1.0 / (constant + rank + 1)\n"
        "            by_id.setdefault(found.id, found)\n"
        "    return [by_id[i] for i in heapq.nlargest(k, fused, key=fused.__getitem__)]\n",
    ),
]
