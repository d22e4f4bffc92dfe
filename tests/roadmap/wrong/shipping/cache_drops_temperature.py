"""Wrong: at temperature > 0 the cache calls the model without the temperature, so the
"varied" replies are asked for at the model's default.
"""

EXPECT = "pass the temperature on"
BASE = "atlas/roadmap/shipping/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
            return self.model.complete(messages, temperature=temperature, json_schema=json_schema)
""",
        """\
            return self.model.complete(messages, json_schema=json_schema)
""",
    ),
]
