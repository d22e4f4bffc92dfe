"""Valid: the chunks go in the user message, before the question; search uses heapq.

Both places for the context are fine, as long as the question ends the last user
message; ties between equal scores may fall either way.
"""

BASE = "atlas/roadmap/retrieval/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        'Try ``starter.py`` first; compare with this file once your check passes or you are stuck.\n"""\n\n',
        'Try ``starter.py`` first; compare with this file once your check passes or you are stuck.\n"""\n\nimport heapq\n',
    ),
    (
        """\
        scored = []
        for index, chunk_words in enumerate(self.words):
            shared = asked & chunk_words
            score = sum(self.idf[w] for w in shared) / math.sqrt(len(chunk_words) or 1)
            if score > 0:
                scored.append((-score, index))
        return [self.chunks[i] for _, i in sorted(scored)[:k]]
""",
        """\
        scores = {
            index: sum(self.idf[w] for w in sorted(asked & ws)) / math.sqrt(len(ws) or 1)
            for index, ws in enumerate(self.words)
        }
        best = heapq.nlargest(k, (i for i, s in scores.items() if s > 0), key=scores.get)
        return [self.chunks[i] for i in best]
""",
    ),
    (
        """\
    instructions = "Answer from the sources below and cite their [ids]."
""",
        """\
""",
    ),
    (
        '            {"role": "system", "content": f"{instructions}\\n{context}"},\n            {"role": "user", "content": question},\n',
        '            {"role": "system", "content": "Answer from the sources and cite their [ids]."},\n            {"role": "user", "content": f"Sources:\\n{context}\\n\\n{question}"},\n',
    ),
]
