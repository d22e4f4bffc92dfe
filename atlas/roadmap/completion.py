"""Completion codes: the short line ``make check`` prints when a project's check passes.

The learner pastes it into the project's page, which records "check passed on DATE"
instead of "marked done by hand". A code reads

    atlas1.first-call.2026-11-23.own.1a2b3c4d.9f8e7d6c

the format (``atlas1``), the project, the date the check passed, ``own`` or ``ref``
(the reference solution was checked: ``make reference``, or a work file that is the
solution), the first 8 hex digits of the SHA-256 of the checked file, and a checksum
(FNV-1a, 32 bits, of everything before it) that lets the page catch a typo or a casual
edit. The page's reader of the same format is ``docs/assets/javascripts/progress-codes.js``;
``tests/browser/test_progress_codes.py`` checks that the two agree.

There is no server: anyone can compute a valid code. A code shows that a check printed
it (or that someone went to the trouble of computing one), not who ran the check.

>>> make_code("first-call", dt.date(2026, 11, 23), reference=False, digest="1a2b3c4d")
'atlas1.first-call.2026-11-23.own.1a2b3c4d.432e5c3b'
>>> read_code("atlas1.first-call.2026-11-23.own.1a2b3c4d.432e5c3b")["project"]
'first-call'
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

PREFIX = "atlas1"
PATTERN = re.compile(
    r"^atlas1\.(?P<project>[a-z][a-z0-9]*(?:-[a-z0-9]+)*)\.(?P<date>\d{4}-\d{2}-\d{2})"
    r"\.(?P<used>own|ref)\.(?P<digest>[0-9a-f]{8})\.(?P<checksum>[0-9a-f]{8})$"
)


def checksum(body: str) -> str:
    """FNV-1a (32 bits) of ``body``'s UTF-8 bytes, as 8 hex digits."""
    value = 0x811C9DC5
    for byte in body.encode():
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return f"{value:08x}"


def file_digest(path: Path) -> str:
    """The first 8 hex digits of the SHA-256 of the file's bytes."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()[:8]


def _normalised(path: Path) -> list[str]:
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    return [line.rstrip() for line in text.replace("\r\n", "\n").strip("\n").split("\n")]


def is_reference(module: Path, solution: Path) -> bool:
    """Whether ``module`` is the reference solution: the same file, or the same text (up to
    line endings, trailing spaces and blank lines at either end)."""
    module, solution = Path(module).resolve(), Path(solution).resolve()
    return module == solution or _normalised(module) == _normalised(solution)


def make_code(slug: str, on: dt.date, *, reference: bool, digest: str) -> str:
    body = f"{PREFIX}.{slug}.{on.isoformat()}.{'ref' if reference else 'own'}.{digest}"
    return f"{body}.{checksum(body)}"


def completion_code(slug: str, module: Path, solution: Path, on: dt.date | None = None) -> str:
    """The code for a passing check of ``module`` (today unless ``on`` is given)."""
    return make_code(
        slug,
        on or dt.date.today(),
        reference=is_reference(module, solution),
        digest=file_digest(module),
    )


def read_code(code: str) -> dict:
    """Read a code back; raise ValueError saying what is wrong with it."""
    code = code.strip().lower()
    match = PATTERN.match(code)
    if not match:
        raise ValueError(f"not a completion code: {code!r}")
    body = code.rsplit(".", 1)[0]
    if checksum(body) != match["checksum"]:
        raise ValueError("the checksum does not match: a character was mistyped or changed")
    return {
        "project": match["project"],
        "date": dt.date.fromisoformat(match["date"]),
        "reference": match["used"] == "ref",
        "digest": match["digest"],
    }
