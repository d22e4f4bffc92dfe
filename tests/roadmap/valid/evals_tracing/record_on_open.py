"""Valid: spans are added to the trace when they open (the page invites this choice), so an
eval span comes before the model spans inside it.
"""

BASE = "atlas/roadmap/evals_tracing/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
        record = Span(name, inputs)
""",
        """\
        record = Span(name, inputs)
        self.spans.append(record)  # recorded when it opens
""",
    ),
    (
        """\
            self.spans.append(record)
""",
        """\
""",
    ),
]
