"""Wrong: the meter calls the model first and raises afterwards, so the refused call is
made (and paid for) anyway.
"""

EXPECT = "must not reach the model"
BASE = "atlas/roadmap/shipping/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
        self.spent = 0.0

    def complete(self, messages, *, temperature=0.0, json_schema=None) -> str:
""",
        """\
        self.spent = 0.0

    def complete(self, messages, *, temperature=0.0, json_schema=None) -> str:
        reply = self.model.complete(messages, temperature=temperature, json_schema=json_schema)
""",
    ),
    (
        """\
            raise CostLimitExceeded(f"spent {self.spent:.6f} of {self.limit}")
        reply = self.model.complete(messages, temperature=temperature, json_schema=json_schema)
""",
        """\
            raise CostLimitExceeded(f"spent {self.spent:.6f} of {self.limit}")
""",
    ),
]
