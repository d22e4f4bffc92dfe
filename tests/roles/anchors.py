"""Read heading ids and links out of the site's Markdown, the way MkDocs will build them."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from markdown.extensions.toc import slugify

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
FENCE = re.compile(r"^\s*(```|~~~)")
HEADING = re.compile(r"^(?P<level>#{1,6})\s+(?P<text>.*?)\s*(?:\{(?P<attrs>[^}]*)\})?\s*$")
ATTR_ID = re.compile(r"(?:^|\s)#(?P<id>[\w-]+)")
LINK = re.compile(r"\]\((?P<target>[^)\s]+)\)")
INLINE_MARKUP = re.compile(r"[*_`]|\[([^\]]*)\]\([^)]*\)")


def _prose_lines(text: str):
    in_fence = False
    for number, line in enumerate(text.splitlines(), start=1):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence:
            yield number, line


def heading_ids(text: str) -> set[str]:
    """Ids of the headings in a page: an explicit ``{#id}``, else the toc slug."""
    ids: set[str] = set()
    for _, line in _prose_lines(text):
        match = HEADING.match(line)
        if not match:
            continue
        explicit = ATTR_ID.search(match["attrs"] or "")
        if explicit:
            ids.add(explicit["id"])
        else:
            plain = INLINE_MARKUP.sub(lambda m: m.group(1) or "", match["text"])
            ids.add(slugify(plain, "-"))
    return ids


def links(text: str) -> list[tuple[int, str]]:
    """(line, target) of every Markdown link outside code blocks."""
    return [(n, m["target"]) for n, line in _prose_lines(text) for m in LINK.finditer(line)]


def resolve(page: Path, target: str, docs: Path = DOCS) -> tuple[Path | None, str]:
    """The docs file and fragment a relative link points at (file None if external)."""
    if re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("/"):
        return None, ""
    path, _, fragment = target.partition("#")
    if not path:
        return page, fragment
    relative = posixpath.normpath(posixpath.join(page.parent.relative_to(docs).as_posix(), path))
    return docs / relative, fragment


def broken_anchor_links(pages, *, only_to: Path | None = None, docs: Path = DOCS) -> list[str]:
    """Links with a ``#fragment`` that no heading of the target page has."""
    problems = []
    cache: dict[Path, set[str]] = {}
    for page in pages:
        for number, target in links(page.read_text(encoding="utf-8")):
            path, fragment = resolve(page, target, docs)
            if path is None or not fragment or path.suffix != ".md":
                continue
            if only_to is not None and path.resolve() != only_to.resolve():
                continue
            if not path.is_file():
                problems.append(f"{page.relative_to(docs)}:{number}: {target} (no such page)")
                continue
            if path not in cache:
                cache[path] = heading_ids(path.read_text(encoding="utf-8"))
            if fragment not in cache[path]:
                problems.append(f"{page.relative_to(docs)}:{number}: {target} (no such entry)")
    return problems
