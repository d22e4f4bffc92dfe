"""Wrong: TracedModel drops json_schema, so structured output breaks once it is traced."""

EXPECT = "pass json_schema on"
BASE = "atlas/roadmap/evals_tracing/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
            span.output = self.model.complete(
                messages, temperature=temperature, json_schema=json_schema
            )
""",
        """\
            span.output = self.model.complete(messages, temperature=temperature)
""",
    ),
]
