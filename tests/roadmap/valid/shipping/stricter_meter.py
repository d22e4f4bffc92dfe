"""Valid: a stricter budget. Before calling, the meter prices the input it is about to send
and refuses a call that would take spending past the limit, so it never overspends by
more than the reply's cost.
"""

BASE = "atlas/roadmap/shipping/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
        if self.spent >= self.limit:
            raise CostLimitExceeded(f"spent {self.spent:.6f} of {self.limit}")
        reply = self.model.complete(messages, temperature=temperature, json_schema=json_schema)
        tokens_in = sum(estimate_tokens(m["content"]) for m in messages)
""",
        """\
        tokens_in = sum(estimate_tokens(m["content"]) for m in messages)
        input_cost = tokens_in * self.input_price / 1_000_000
        if self.spent >= self.limit or self.spent + input_cost > self.limit:
            raise CostLimitExceeded(f"spent {self.spent:.6f} of {self.limit}")
        reply = self.model.complete(messages, temperature=temperature, json_schema=json_schema)
""",
    ),
]
