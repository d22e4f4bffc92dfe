"""Wrong: Budget.charge counts only the last message, not the system prompt and the rest.

Every message is sent and billed; a budget that skips them underestimates every call.
"""

EXPECT = "every message"
BASE = "atlas/roadmap/agent_loop/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
        self.tokens += sum(estimate_tokens(m["content"]) for m in messages)
""",
        """\
        self.tokens += estimate_tokens(messages[-1]["content"]) if messages else 0
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
