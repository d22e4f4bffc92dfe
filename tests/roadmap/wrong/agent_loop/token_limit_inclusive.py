"""Wrong: the token budget raises when tokens reach max_tokens, not when they pass it.

An off-by-one on the boundary: a run that uses exactly its budget is stopped.
"""

EXPECT = "max_tokens"
BASE = "atlas/roadmap/agent_loop/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
        if self.tokens > self.max_tokens:
""",
        """\
        if self.tokens >= self.max_tokens:
""",
    ),
    (
        """\
        transcript.append(f"Observation: {observation}")
""",
        """\
        transcript.append(f"Observation: {observation}")


""",
    ),
]
