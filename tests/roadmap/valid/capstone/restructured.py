"""Valid: another structure and wording. Coverage counts words with a loop, the refusal
rule lives in a helper, and the gate formats the mean its own way.
"""

BASE = "atlas/roadmap/capstone/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
    asked = words(question)
    return bool(asked) and len(asked & words(text)) / len(asked) >= MIN_COVERAGE
""",
        """\
    asked, said = words(question), words(text)
    if not asked:
        return False
    found = 0
    for word in asked:
        found += word in said
    return found >= MIN_COVERAGE * len(asked)
""",
    ),
    (
        """\
        if not reply.sources or not covers(question, reply.text):  # unsupported: refuse
            return Answer(NO_ANSWER, [])
        return reply
""",
        """\
        return reply if self.supported(question, reply) else Answer(NO_ANSWER, [])

    @staticmethod
    def supported(question: str, reply: Answer) -> bool:
        return bool(reply.sources) and covers(question, reply.text)
""",
    ),
    (
        """\
        blockers.append(f"mean score {mean:.2f} is below {threshold}")
""",
        """\
        blockers.append(f"mean score {mean:.1%} is below the threshold of {threshold:.0%}")
""",
    ),
]
