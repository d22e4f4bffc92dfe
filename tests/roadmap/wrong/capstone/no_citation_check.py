"""Wrong: refuses only when the answer does not cover the question, so a reply that cites
nothing (the model's own knowledge, or an invention) gets through.
"""

EXPECT = "cites no retrieved chunk"
BASE = "atlas/roadmap/capstone/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
        if not reply.sources or not covers(question, reply.text):  # unsupported: refuse
""",
        """\
        if not covers(question, reply.text):  # unsupported: refuse
""",
    ),
]
