"""Turn contributor mistakes that MkDocs lets pass into warnings naming file and line.

With ``mkdocs build --strict`` every warning fails the build, so a missing alt text or
a front-matter typo cannot land. Checks read the page's source file so that line
numbers match what the contributor sees in their editor.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

import yaml

log = logging.getLogger("mkdocs.hooks.quality")

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
MD_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)")
HTML_IMG = re.compile(r"<img\b(?P<attrs>[^>]*)>", re.IGNORECASE)
HAS_ALT = re.compile(r"\balt\s*=\s*(\"[^\"]*\S[^\"]*\"|'[^']*\S[^']*')", re.IGNORECASE)
FENCE = re.compile(r"^\s*(```|~~~)")
INCLUDE = re.compile(r"^\s*--8<--\s+[\"'](?P<path>[^\"']+)[\"']\s*$")


def front_matter_problems(text: str) -> list[tuple[int, str]]:
    """Problems in a page's YAML front matter, as (line, message)."""
    if not text.startswith("---\n"):
        return []
    end = text.find("\n---", 4)
    if end == -1:
        return [(1, "front matter opened with '---' is never closed")]
    try:
        data = yaml.safe_load(text[4:end])
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else 1
        return [(line, f"front matter is not valid YAML: {getattr(error, 'problem', error)}")]
    if not isinstance(data, dict):
        return [(2, "front matter must be a mapping of key: value lines")]
    problems = []
    for number, line in enumerate(text[4:end].splitlines(), start=2):
        key = line.split(":", 1)[0].strip()
        if line and not line[0].isspace() and ":" in line and key not in FRONT_MATTER_KEYS:
            known = ", ".join(sorted(FRONT_MATTER_KEYS))
            problems.append((number, f"unknown front matter key {key!r} (known: {known})"))
    return problems


def image_problems(text: str) -> list[tuple[int, str]]:
    """Images without alt text, as (line, message); code blocks are ignored."""
    problems, in_fence = [], False
    for number, line in enumerate(text.splitlines(), start=1):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        for match in MD_IMAGE.finditer(line):
            if not match["alt"].strip():
                problems.append(
                    (number, f"image {match['src']} has no alt text: ![describe it](...)")
                )
        for match in HTML_IMG.finditer(line):
            if not HAS_ALT.search(match["attrs"]):
                problems.append((number, '<img> has no alt text: add alt="..."'))
    return problems


def include_problems(text: str, root: Path) -> list[tuple[int, str]]:
    """``--8<--`` includes whose file does not exist (pymdownx.snippets names no page)."""
    return [
        (number, f"--8<-- include not found: {match['path']} (paths start at the project root)")
        for number, line in enumerate(text.splitlines(), start=1)
        if (match := INCLUDE.match(line)) and not (root / match["path"]).is_file()
    ]


def on_page_markdown(markdown, page, config, files):
    path = page.file.abs_src_path
    if not path or not path.endswith(".md"):
        return markdown
    with open(path, encoding="utf-8") as source:
        text = source.read()
    root = Path(config.config_file_path).parent
    problems = front_matter_problems(text) + image_problems(text) + include_problems(text, root)
    for line, message in sorted(problems):
        log.warning("docs/%s:%d: %s", page.file.src_uri, line, message)
    return markdown
