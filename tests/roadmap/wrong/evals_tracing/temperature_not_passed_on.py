"""Wrong: TracedModel records the temperature but does not pass it on to the wrapped model,
which then runs at its own default.
"""

EXPECT = "pass temperature on"
BASE = "atlas/roadmap/evals_tracing/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
            span.output = self.model.complete(
                messages, temperature=temperature, json_schema=json_schema
            )
""",
        """\
            span.output = self.model.complete(messages, json_schema=json_schema)
""",
    ),
]
