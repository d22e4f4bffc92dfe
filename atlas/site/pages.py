"""The rules every page's source keeps, as warnings naming file and line.

With ``mkdocs build --strict`` every warning fails the build. This is the one place for
the rules about a page's source; each rule is a pure function of the page's text that
returns ``(line, message)`` pairs, line numbers as the contributor's editor shows them:

* front matter: valid YAML, known keys only, and a ``description`` of a sentence;
* the opener: the first paragraph after the title starts with one of ``OPENERS``;
* the closer: the last ``##`` section is ``## Where to go next`` and links somewhere;
* ``--8<--`` includes that pymdownx.snippets cannot find (it names no page or line).

What libraries already check is left to them: links and anchors to MkDocs' validation,
images without alt text to pymarkdown MD045 (``make lint``) and axe ``image-alt``, files
from other hosts to Material's privacy plugin (mkdocs.yml). Every Markdown page in
``docs/`` is a page; 404 is a theme template (overrides/404.html), not a page.
"""

from __future__ import annotations

import difflib
import functools
import logging
import re
from pathlib import Path

import yaml

from atlas.site.includes import Snippets
from atlas.site.page_text import FENCE

log = logging.getLogger("mkdocs.hooks.pages")

# Keys Material and MkDocs understand in front matter; anything else is likely a typo.
FRONT_MATTER_KEYS = {
    "title",
    "description",
    "hide",
    "icon",
    "status",
    "template",
    "search",
    "subtitle",
    "tags",
}
# "learn" for the pages that teach; "find here" for the home page and the reference pages.
OPENERS = ("**What you will learn:**", "**What you will find here:**")
CLOSER = "## Where to go next"
DESCRIPTION_WORDS = 5
LINK = re.compile(r"\]\([^)\s]+\)")


class FrontMatter:
    """A page's front matter: its data, where the body starts, and what is wrong with it."""

    def __init__(self, text: str) -> None:
        self.data: dict = {}
        self.body_line = 1  # the line the page's body starts on
        self.problems: list[tuple[int, str]] = []
        self.valid = True
        if not text.startswith("---\n"):
            return
        end = text.find("\n---", 3)  # 3: an empty front matter closes on line 2
        if end == -1:
            self._fail(1, "front matter opened with '---' is never closed")
            return
        self.body_line = text.count("\n", 0, end) + 3
        try:
            data = yaml.safe_load(text[4:end])
        except yaml.YAMLError as error:
            mark = getattr(error, "problem_mark", None)
            line = mark.line + 2 if mark else 1
            problem = getattr(error, "problem", error)
            self._fail(line, f"front matter is not valid YAML: {problem}")
            return
        if data is None:
            return
        if not isinstance(data, dict):
            self._fail(2, "front matter must be a mapping of key: value lines")
            return
        self.data = data
        for number, line in enumerate(text[4:end].splitlines(), start=2):
            key = line.split(":", 1)[0].strip()
            if line and not line[0].isspace() and ":" in line and key not in FRONT_MATTER_KEYS:
                close = difflib.get_close_matches(key, FRONT_MATTER_KEYS, n=1)
                hint = (
                    f"did you mean {close[0]!r}?"
                    if close
                    else "known: " + ", ".join(sorted(FRONT_MATTER_KEYS))
                )
                self.problems.append((number, f"unknown front matter key {key!r} ({hint})"))

    def _fail(self, line: int, message: str) -> None:
        self.valid = False
        self.problems.append((line, message))


def front_matter_problems(text: str) -> list[tuple[int, str]]:
    """Front matter that is not valid YAML, not a mapping, or has an unknown key."""
    return FrontMatter(text).problems


def description_problems(text: str) -> list[tuple[int, str]]:
    """A page without a front-matter ``description`` of a sentence (search results, previews)."""
    front = FrontMatter(text)
    if not front.valid:
        return []  # front_matter_problems says what to fix first
    description = front.data.get("description")
    if isinstance(description, str) and len(description.split()) >= DESCRIPTION_WORDS:
        return []
    if description is None:
        what = "has no 'description'"
    else:
        what = f"has a 'description' shorter than {DESCRIPTION_WORDS} words"
    return [
        (
            1,
            f"front matter {what}: add 'description: <one sentence>' between '---' lines "
            "for search results and link previews",
        )
    ]


def _body_lines(text: str, front: FrontMatter) -> list[tuple[int, str]]:
    """(line, text) of the page's body outside code blocks and HTML comments."""
    lines, in_fence, in_comment = [], False, False
    for number, line in enumerate(text.split("\n"), start=1):
        if number < front.body_line:
            continue
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if in_comment or line.lstrip().startswith("<!--"):
            in_comment = "-->" not in line
            continue
        lines.append((number, line))
    return lines


def opener_problems(text: str) -> list[tuple[int, str]]:
    """The first paragraph after the title must start with one of ``OPENERS``."""
    front = FrontMatter(text)
    if not front.valid:
        return []
    body = [(n, line) for n, line in _body_lines(text, front) if line.strip()]
    line = body[0][0] if body else front.body_line
    if body and body[0][1].startswith("# "):
        body = body[1:]
    if body and body[0][1].startswith(OPENERS):
        return []
    line = body[0][0] if body else line
    wanted = " or ".join(repr(opener) for opener in OPENERS)
    return [(line, f"the first paragraph after the title must start with {wanted}")]


def closer_problems(text: str) -> list[tuple[int, str]]:
    """The last ``##`` section must be ``## Where to go next``, with at least one link."""
    front = FrontMatter(text)
    if not front.valid:
        return []
    body = [(n, line) for n, line in _body_lines(text, front) if line.strip()]
    headings = [(n, line.rstrip()) for n, line in body if line.startswith("## ")]
    if not headings or headings[-1][1] != CLOSER:
        line = headings[-1][0] if headings else (body[-1][0] if body else 1)
        return [(line, f"the last section must be '{CLOSER}', linking to the pages that follow")]
    number = headings[-1][0]
    if not any(LINK.search(line) for n, line in body if n > number):
        return [(number, f"'{CLOSER}' needs at least one link: [page title](page.md)")]
    return []


def include_problems(text: str, root: Path) -> list[tuple[int, str]]:
    """``--8<--`` includes that pymdownx.snippets cannot expand (its error names no page)."""
    return _snippets(root).problems(text)


@functools.lru_cache
def _snippets(root: Path) -> Snippets:
    return Snippets(root)


def page_problems(text: str, root: Path) -> list[tuple[int, str]]:
    """Every rule above, sorted by line."""
    problems = (
        front_matter_problems(text)
        + description_problems(text)
        + opener_problems(text)
        + closer_problems(text)
        + include_problems(text, root)
    )
    return sorted(problems)


def on_page_markdown(markdown, page, config, files):
    path = page.file.abs_src_path
    if not path or not path.endswith(".md"):
        return markdown
    with open(path, encoding="utf-8") as source:
        text = source.read()
    root = Path(config.config_file_path).parent
    for line, message in page_problems(text, root):
        log.warning("docs/%s:%d: %s", page.file.src_uri, line, message)
    return markdown
