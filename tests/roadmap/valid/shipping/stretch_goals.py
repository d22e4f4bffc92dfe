"""Valid: the stretch goals as written, with another structure for streaming.

stream_words scans characters instead of using a regular expression. The cache can
persist to disk, keyed on a hash of the request, and expires entries after a day. The
fallback has a circuit breaker: after three failures within a minute it skips the
primary for a while.
"""

BASE = "atlas/roadmap/shipping/solution.py"
PATCH = [  # (text of the solution, what this file has instead)
    (
        """\
import json
import math
import re
""",
        """\
import hashlib
import json
import math
""",
    ),
    (
        """\
from collections.abc import Callable, Iterator
""",
        """\
from collections.abc import Callable, Iterator
from pathlib import Path
""",
    ),
    (
        """\
    pieces = re.findall(r"\\s*\\S+", text)
    for start in range(0, len(pieces), size):
        yield "".join(pieces[start : start + size])
    trailing = text[len(text.rstrip()) :]
    if trailing:
        yield trailing
""",
        """\
    piece, count, in_word = "", 0, False
    for char in text:
        if char.isspace() and in_word:
            count += 1
            if count == size:
                yield piece
                piece, count = "", 0
        in_word = not char.isspace()
        piece += char
    if in_word:
        count += 1
    if piece:
        yield piece
""",
    ),
    (
        """\
    def __init__(self, model: ChatModel, max_entries: int = 256) -> None:
        self.model, self.max_entries = model, max_entries
        self.entries: OrderedDict[str, str] = OrderedDict()
        self.hits = self.misses = 0
""",
        """\
    def __init__(
        self,
        model: ChatModel,
        max_entries: int = 256,
        path: Path | None = None,
        max_age: float = 24 * 3600,
        now: Callable[[], float] = time.time,
    ) -> None:
        self.model, self.max_entries = model, max_entries
        self.path, self.max_age, self.now = path, max_age, now
        self.entries: OrderedDict[str, str] = OrderedDict()
        self.stored: dict[str, float] = {}
        self.hits = self.misses = 0
        if path is not None and path.exists():
            saved = json.loads(path.read_text(encoding="utf-8"))
            for key, (reply, when) in saved.items():
                self.entries[key], self.stored[key] = reply, when

    def save(self) -> None:
        if self.path is not None:
            data = {k: [v, self.stored[k]] for k, v in self.entries.items()}
            self.path.write_text(json.dumps(data), encoding="utf-8")
""",
    ),
    (
        """\
        key = json.dumps([list(messages), json_schema], sort_keys=True)
""",
        """\
        request = json.dumps([list(messages), json_schema], sort_keys=True)
        key = hashlib.sha256(request.encode("utf-8")).hexdigest()
        if key in self.entries and self.now() - self.stored[key] > self.max_age:
            del self.entries[key], self.stored[key]  # expired
""",
    ),
    (
        """\
        self.entries[key] = reply
        if len(self.entries) > self.max_entries:
            self.entries.popitem(last=False)
""",
        """\
        self.entries[key], self.stored[key] = reply, self.now()
        if len(self.entries) > self.max_entries:
            oldest, _ = self.entries.popitem(last=False)
            del self.stored[oldest]
        self.save()
""",
    ),
    (
        """\
        self.log: list[str] = []
""",
        """\
        self.log: list[str] = []
        self.failures: list[float] = []  # when the primary failed, within the last minute
        self.open_until = float("-inf")
""",
    ),
    (
        """\
        start = self.clock()
""",
        """\
        start = self.clock()
        if start < self.open_until:
            self.log.append("backup: circuit open")
            return self.backup.complete(messages, temperature=temperature, json_schema=json_schema)
""",
    ),
    (
        """\
            self.log.append(f"backup: primary failed ({type(error).__name__})")
""",
        """\
            self.log.append(f"backup: primary failed ({type(error).__name__})")
            self.failures = [t for t in self.failures if start - t < 60] + [start]
            if len(self.failures) >= 3:
                self.open_until, self.failures = start + 60, []
""",
    ),
]
