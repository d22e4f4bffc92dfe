"""Valid: recall_table reuses the retrieval project's recall_at_k instead of counting again."""

BASE = "atlas/roadmap/vector_search/solution.py"
PATCH = [
    (
        "    table = {}\n"
        "    for name, retriever in retrievers.items():\n"
        "        table[name] = {}\n"
        "        for k in ks:\n"
        "            hits = sum(\n"
        '                any(c.id.split("#")[0] == expected for c in retriever.search(question, k))\n'
        "                for question, expected in labelled\n"
        "            )\n"
        "            table[name][k] = hits / len(labelled) if labelled else 0.0\n"
        "    return table\n",
        "    from atlas.roadmap.retrieval.solution import recall_at_k\n\n"
        "    return {\n"
        "        name: {k: recall_at_k(retriever, labelled, k) for k in ks}\n"
        "        for name, retriever in retrievers.items()\n"
        "    }\n",
    ),
]
