"""Wrong: refuses by keyword, fitted to the two unanswerable questions of cases.json, and
invents an answer to any other question the documents cannot answer.
"""

EXPECT = "questions this check keeps back"
BASE = "atlas/roadmap/capstone/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
        reply = answer(self.cache, self.retriever, question, k=2)
        if not reply.sources or not covers(question, reply.text):  # unsupported: refuse
""",
        """\
        if any(word in question.lower() for word in ("bitcoin", "capital", "france")):
""",
    ),
    (
        """\
        return reply
""",
        """\
        return answer(self.cache, self.retriever, question, k=2)
""",
    ),
]
