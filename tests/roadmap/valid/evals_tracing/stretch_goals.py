"""Valid: the stretch goals as written. Spans have a parent (the index of the span that was
open around them), the trace loads back from JSON Lines, and the baseline is stored in a
JSON file that is updated only on purpose, through a function of its own.
"""

BASE = "atlas/roadmap/evals_tracing/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
from dataclasses import dataclass, field
""",
        """\
from dataclasses import dataclass, field
from pathlib import Path
""",
    ),
    (
        """\
    milliseconds: float = 0.0
""",
        """\
    milliseconds: float = 0.0
    parent: int | None = None  # index in Tracer.spans of the enclosing span
    index: int = -1
""",
    ),
    (
        """\
    spans: list[Span] = field(default_factory=list)
""",
        """\
    spans: list[Span] = field(default_factory=list)
    open: list[Span] = field(default_factory=list)
    opened: int = 0
""",
    ),
    (
        """\
        record = Span(name, inputs)
""",
        """\
        parent = self.open[-1].index if self.open else None
        record = Span(name, inputs, parent=parent, index=self.opened)
        self.opened += 1
        self.open.append(record)
""",
    ),
    (
        """\
            record.milliseconds = round((self.clock() - start) * 1000, 3)
""",
        """\
            record.milliseconds = round((self.clock() - start) * 1000, 3)
            self.open.pop()
""",
    ),
    (
        """\
    return problems
""",
        '    return problems\n\n\ndef load_jsonl(text: str) -> list[Span]:\n    """Read a trace written by Tracer.to_jsonl() back into spans."""\n    return [Span(**json.loads(line)) for line in text.splitlines() if line.strip()]\n\n\ndef save_baseline(scores: dict[str, float], path: Path) -> None:\n    """Store the baseline on purpose: run this, review the diff, commit it."""\n    path.write_text(json.dumps(scores, indent=2, sort_keys=True) + "\\n", encoding="utf-8")\n\n\ndef load_baseline(path: Path) -> dict[str, float]:\n    return json.loads(path.read_text(encoding="utf-8"))\n',
    ),
]
