"""Guard: no Python-looking block on a page may go unexecuted without a visible reason.

Sybil runs only ```python and ```pycon fences (see conftest.py). A block fenced as ```py,
```python3, ```ipython and so on, or left without a language although it is Python, would
be skipped without a word, and its code could rot. This test names each one by file:line.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from sybil.parsers.markdown.lexers import DirectiveInHTMLCommentLexer, FencedCodeBlockLexer

from conftest import RUN_LANGUAGES, docs

ROOT = Path(__file__).resolve().parents[2]
PYTHONISH = re.compile(r"^(py|py3|python\d?|pycon\d?|ipython\d?|pyi|sage|python-repl)$", re.I)
PAGES = sorted((ROOT / "docs").rglob("*.md"))


def line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def looks_like_python(source: str) -> bool:
    """An unlabelled block that parses as Python and does something Python-specific."""
    if not re.search(r"^\s*(import |from \w+ import |def |class |print\(|>>> )", source, re.M):
        return False
    try:
        ast.parse(source.replace(">>> ", "").replace("... ", ""))
    except SyntaxError:
        return ">>> " in source
    return True


def problems_in(path: Path) -> list[str]:
    """Every uncollected Python-looking block and reason-less skip in one page."""
    from sybil import Document

    text = path.read_text(encoding="utf-8")
    document = Document(text, str(path))
    where = path.relative_to(ROOT)
    problems = []
    for region in FencedCodeBlockLexer(language=r".*")(document):
        info = (region.lexemes.get("language") or "").strip()
        language = info.split(" ", 1)[0]
        line = line_of(text, region.start)
        if language in RUN_LANGUAGES:
            continue
        if PYTHONISH.match(language):
            problems.append(
                f"{where}:{line}: block fenced as {language!r} is not run; "
                "fence it as ```python (or ```pycon for >>> sessions)"
            )
        elif not language and looks_like_python(str(region.lexemes["source"])):
            problems.append(
                f"{where}:{line}: unlabelled block looks like Python; fence it "
                "as ```python to run it, or as ```text if it is not code"
            )
    for region in DirectiveInHTMLCommentLexer("skip")(document):
        arguments = (region.lexemes.get("arguments") or "").strip()
        if arguments in ("next", "start"):
            problems.append(
                f"{where}:{line_of(text, region.start)}: 'skip: {arguments}' needs "
                f'a visible reason: <!-- skip: {arguments} "why it cannot run" -->'
            )
    return problems


@pytest.mark.parametrize("path", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_python_block_is_run_or_skipped_with_a_reason(path):
    assert problems_in(path) == []


@pytest.mark.parametrize("path", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_sybil_collects_every_python_block(path):
    """The runner and the guard agree: each ```python block holds a Sybil example.

    Both sides lex fences with Sybil, so this cannot catch a fence both miss; what it
    catches is a block the runner drops after lexing (a ```pycon block without `>>>`,
    which yields no doctest example), and a change to conftest.py that stops collecting.
    """
    from sybil import Document

    text = path.read_text(encoding="utf-8")
    examples = [e.region.start for e in docs.parse(path)]
    missing = [
        f"{path.relative_to(ROOT)}:{line_of(text, region.start)}"
        for region in FencedCodeBlockLexer(language=r".*")(Document(text, str(path)))
        if (region.lexemes.get("language") or "").split(" ", 1)[0] in RUN_LANGUAGES
        and not any(region.start <= start < region.end for start in examples)
    ]
    assert missing == [], "python blocks that Sybil did not collect"
