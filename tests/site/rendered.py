"""Find Markdown syntax that reached the reader as text instead of being rendered.

``unrendered(html)`` reads a built page with the standard library's HTML parser and
returns one line per leftover: an icon shortcode, an attribute list, a raw link, an
admonition marker, an include line, a footnote marker, template braces or ``**bold**``.
Only text a reader sees counts: code (``<code>``, ``<pre>``), ``<script>``, ``<style>``
and attribute values are skipped, so a page may still *show* Markdown inside ``code``.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Elements whose content is code or not shown as text.
SKIPPED = {"code", "pre", "script", "style", "template"}
# Elements that start a new text block (the leftover of a Markdown block starts there).
BLOCKS = {
    "address", "article", "aside", "blockquote", "body", "br", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2",
    "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "label", "li", "main", "nav",
    "ol", "option", "p", "section", "summary", "table", "tbody", "td", "tfoot", "th",
    "thead", "title", "tr", "ul",
}  # fmt: skip
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip
# Stands in for skipped code inside a text block, so that text on either side of it
# does not join up into a false match (and `[a](<code>x</code>)` still shows as a link).
CODE = "\u2026"

# (what it is, pattern, what to do about it)
PATTERNS = [
    (
        "icon or emoji shortcode",
        re.compile(r"(?<![\w:/]):[a-z][a-z0-9_+]*(?:-[a-z0-9_+]+)*:(?![\w/])"),
        "configure pymdownx.emoji, fix the icon name, or put it in `code`",
    ),
    (
        "attribute list",
        re.compile(r"\{:?[ \t]*(?:[.#][\w-]+|[\w-]+=)[^{}\n]*\}|\{:[^{}\n]*\}"),
        "enable attr_list, attach it to an element it can apply to, or put it in `code`",
    ),
    (
        "raw link",
        re.compile(r"!?\[[^\[\]]+\]\([^()]*\)"),
        "in an HTML block? give the block the `markdown` attribute, or put it in `code`",
    ),
    (
        "raw reference link",
        re.compile(r"!?\[[^\[\]\n^]+\]\[[^\[\]\n]*\]"),
        "define the reference ([ref]: url) or put it in `code`",
    ),
    (
        "footnote marker",
        re.compile(r"\[\^[^\]\s]+\]"),
        "define the footnote ([^1]: text) or put it in `code`",
    ),
    (
        "admonition, details or tab marker",
        re.compile(r"^(?:!!!|\?\?\?\+?|===\+?)(?=[\s\"]|$)"),
        "check the blank line before it and the four-space indent of its body",
    ),
    (
        "snippet include",
        re.compile(r"-{1,2}8<-{1,2}"),
        "include it inside a fenced block or check pymdownx.snippets' base_path",
    ),
    (
        "template braces",
        re.compile(r"\{\{.*?\}\}|\{%.*?%\}"),
        "templates do not run in pages: write the value, or put it in `code`",
    ),
    (
        "unrendered emphasis",
        re.compile(r"\*\*[^*]*?[^\s*][^*]*?\*\*"),
        "no space inside the ** (write **bold**, not ** bold **), or put it in `code`",
    ),
]


class _Text(HTMLParser):
    """Collects the visible text of a page, one string per text block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._current: list[str] = []
        self._skipping: list[str] = []  # the stack of open skipped elements

    def _flush(self) -> None:
        text = re.sub(r"\s+", " ", "".join(self._current)).strip()
        if text and text != CODE:
            self.blocks.append(text)
        self._current = []

    def handle_starttag(self, tag, attrs):
        if self._skipping:
            if tag in SKIPPED and tag not in VOID:
                self._skipping.append(tag)
            return
        if tag in SKIPPED:
            self._skipping.append(tag)
            self._current.append(CODE)
        elif tag in BLOCKS:
            self._flush()

    def handle_startendtag(self, tag, attrs):
        if not self._skipping and tag in BLOCKS:
            self._flush()

    def handle_endtag(self, tag):
        if self._skipping:
            if tag == self._skipping[-1]:
                self._skipping.pop()
            return
        if tag in BLOCKS:
            self._flush()

    def handle_data(self, data):
        if not self._skipping:
            self._current.append(data)

    def close(self):
        super().close()
        self._flush()


def text_blocks(html: str) -> list[str]:
    """The page's visible text outside code, one whitespace-normalised string per block."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    return parser.blocks


def _excerpt(block: str, start: int, end: int, width: int = 40) -> str:
    left = max(0, start - width)
    right = min(len(block), end + width)
    return ("..." if left else "") + block[left:right] + ("..." if right < len(block) else "")


def unrendered(html: str) -> list[str]:
    """One line per piece of Markdown syntax left as visible text in ``html``.

    >>> unrendered('<p><a href="map/">:octicons-arrow-right-24: Read the map</a></p>')
    ["icon or emoji shortcode ':octicons-arrow-right-24:' in ':octicons-arrow-right-24: Read the map' (configure pymdownx.emoji, fix the icon name, or put it in `code`)"]
    >>> unrendered('<p>Write <code>:smile:</code> or <code>{ .lg }</code></p>')
    []
    """  # noqa: E501
    found = []
    for block in text_blocks(html):
        for kind, pattern, fix in PATTERNS:
            for match in pattern.finditer(block):
                found.append(
                    f"{kind} {match.group()!r} in {_excerpt(block, *match.span())!r} ({fix})"
                )
    return found
