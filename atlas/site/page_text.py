"""What a Markdown page offers to link to: its title and the ids of its headings.

Read from the page's source, before MkDocs builds it, so a data file that links to a page
(``coverage.yaml``) can be checked with an error naming the data file's entry. The
anchor validation of the strict build has the last word on the built pages.

>>> places("# Title\\n\\n## Why it matters {#why}\\n\\n## Next steps\\n")
{'title': 'Title', 'why': 'Why it matters', 'next-steps': 'Next steps'}
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from markdown.extensions.toc import slugify as toc_slugify

HEADING = re.compile(r"^(?P<hashes>#{1,6})\s+(?P<text>.*?)\s*(?:\{(?P<attrs>[^}]*)\})?\s*$")
ATTR_ID = re.compile(r"(?:^|\s)#(?P<id>[\w-]+)")
ATTR_LINE = re.compile(r"^(?P<text>\S.*?)\s*\{(?P<attrs>[^}]*#[\w-]+[^}]*)\}\s*$")
HTML_ID = re.compile(r"""\bid\s*=\s*["'](?P<id>[\w-]+)["']""")
INLINE_MARKUP = re.compile(r"[*_`]|\[([^\]]*)\]\([^)]*\)")
FENCE = re.compile(r"^\s*(```|~~~)")


def prose(text: str):
    """The lines of a Markdown page outside front matter and fenced code."""
    lines = text.splitlines()
    start = 0
    if lines[:1] == ["---"]:
        start = next((n + 1 for n in range(1, len(lines)) if lines[n] == "---"), 0)
    in_fence = False
    for line in lines[start:]:
        if FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence:
            yield line


def plain(text: str) -> str:
    return " ".join(INLINE_MARKUP.sub(lambda m: m.group(1) or "", text).split())


def places(text: str, slugify: Callable[[str, str], str] = toc_slugify) -> dict[str, str]:
    """The link targets of a page, id -> the text a reader sees there.

    Headings give their ``{#id}`` or their slug; other lines with an attribute-list id
    (glossary terms) and raw HTML ``id="..."`` count too. The test of the built site has
    the last word: it reads the ids MkDocs actually wrote.
    """
    found: dict[str, str] = {}
    for line in prose(text):
        heading = HEADING.match(line)
        if heading:
            explicit = ATTR_ID.search(heading["attrs"] or "")
            title = plain(heading["text"])
            found.setdefault(explicit["id"] if explicit else slugify(title, "-"), title)
            continue
        term = ATTR_LINE.match(line)
        if term and (explicit := ATTR_ID.search(term["attrs"])):
            found.setdefault(explicit["id"], plain(term["text"]))
        for match in HTML_ID.finditer(line):
            found.setdefault(match["id"], match["id"])
    return found


def page_title(text: str, fallback: str) -> str:
    for line in prose(text):
        heading = HEADING.match(line)
        if heading and len(heading["hashes"]) == 1:
            return plain(heading["text"])
    return fallback


class Site:
    """The pages the tables link to, read from ``docs_dir`` once each."""

    def __init__(self, docs_dir: Path):
        self.docs_dir = Path(docs_dir)
        self._pages: dict[str, tuple[str, dict[str, str]] | None] = {}

    def page(self, uri: str) -> tuple[str, dict[str, str]] | None:
        """(title, places) of a docs page, or None if there is no such file."""
        if uri not in self._pages:
            path = self.docs_dir / uri
            if path.is_file():
                text = path.read_text(encoding="utf-8")
                self._pages[uri] = (page_title(text, uri), places(text))
            else:
                self._pages[uri] = None
        return self._pages[uri]
