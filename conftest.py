"""How pytest runs the documentation.

* Every ```python (and ```pycon) block in ``docs/**/*.md`` runs with Sybil, top to bottom
  in one namespace per page. ``--8<--`` includes inside a block are expanded by
  pymdownx.snippets itself (``atlas/site/includes.py``), with mkdocs.yml's options, so
  what runs is exactly what the site shows: whole files, line ranges and sections.
* Every docstring example (``>>>``) in ``atlas/**/*.py`` runs.
* ``<!-- skip: next "reason" -->`` skips the next block, with the reason shown in the
  report; ``<!-- clear-namespace -->`` starts a fresh namespace.
* Every ```bash block in ``docs/**/*.md`` runs as a reader would type it, in a fresh
  clone of the project (``tests/page_commands.py`` says how, and how to mark a block
  that must fail or cannot run here).

``tests/site/test_code_blocks.py`` fails on any Python-looking block this does not collect.
"""

from __future__ import annotations

import functools
import os
import subprocess
import tempfile
from pathlib import Path

import pytest
from sybil import Lexeme, Sybil
from sybil.evaluators.doctest import DocTestEvaluator
from sybil.evaluators.python import PythonEvaluator
from sybil.parsers.abstract.doctest import DocTestStringParser
from sybil.parsers.markdown import ClearNamespaceParser, SkipParser
from sybil.parsers.markdown.codeblock import CodeBlockParser
from sybil.parsers.rest import DocTestParser
from sybil.sybil import SybilCollection

from atlas.site.harness import snapshot
from atlas.site.includes import SnippetMissingError, Snippets
from tests.page_commands import ShellParser, close_terminal

ROOT = Path(__file__).resolve().parent
# The fence languages Sybil runs. Anything else that looks like Python fails the guard test.
RUN_LANGUAGES = {"python": "code", "pycon": "doctest"}


@functools.cache
def snippets() -> Snippets:
    """The include settings of mkdocs.yml, read when a page's block first needs them: a
    learner's check loads this file too, and never does (reading them took 30 ms a run)."""
    return Snippets(ROOT)


# Examples must not reach a real model by accident: the suite always uses the stand-in.
for variable in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "OPENAI_MODEL"):
    os.environ.pop(variable, None)


def expand_includes(source: str, document_path: str, first_line: int = 1) -> str:
    """``source`` with its ``--8<--`` includes expanded as the build expands them.

    A missing include fails naming the page and line: ``docs/x.md:12: --8<-- snippet at
    path 'atlas/x.py' could not be found (paths start at the project root)``.
    """
    try:
        return snippets().expand(source)
    except SnippetMissingError as error:
        page = Path(document_path)
        page = page.relative_to(ROOT) if page.is_relative_to(ROOT) else page
        found = snippets().problems(source) or [(1, f"--8<-- {error}")]
        line, message = found[0]
        raise SnippetMissingError(f"{page}:{first_line + line - 1}: {message}") from None


class PageCodeParser:
    """Collects ```python and ```pycon blocks; attributes after the language are allowed."""

    def __init__(self) -> None:
        self.blocks = CodeBlockParser(language=".+")  # lexes every fence; we pick below
        self.code = PythonEvaluator()
        self.doctests = DocTestStringParser(DocTestEvaluator())

    def __call__(self, document):
        for region in self.blocks.lexers(document):
            language = (region.lexemes["arguments"] or "").split(" ", 1)[0]
            if language not in RUN_LANGUAGES:
                continue
            source = region.lexemes["source"]
            first_line = document.text.count("\n", 0, region.start + source.offset) + 1
            expanded = expand_includes(str(source), document.path, first_line)
            if RUN_LANGUAGES[language] == "doctest" or expanded.lstrip().startswith(">>>"):
                for example in self.doctests(expanded, document.path):
                    example.adjust(region, source)
                    yield example
            else:
                region.parsed = Lexeme(expanded, source.offset, source.line_offset)
                region.evaluator = self.code
                yield region


docs = Sybil(
    parsers=[PageCodeParser(), SkipParser(), ClearNamespaceParser()],
    path="docs",
    patterns=["*.md"],  # not "**/*.md": that misses docs/index.md
    name="docs",
)
reader_code = Sybil(
    parsers=[DocTestParser()],
    path="atlas",
    patterns=["*.py"],
    name="atlas",
)

commands = Sybil(
    parsers=[ShellParser()],
    path="docs",
    patterns=["*.md"],
    name="commands",
    fixtures=["fresh_clone"],
    teardown=close_terminal,
)

pytest_collect_file = SybilCollection([docs, reader_code, commands]).pytest()


@pytest.fixture(scope="session")
def fresh_clone():
    """(clone, its source repository, HOME) for the pages' shell commands; made once per
    pytest worker (about 3 s of CPU with its `make setup`), and pages run one at a time in it."""
    with tempfile.TemporaryDirectory(prefix="atlas-clone-") as folder:
        source = snapshot(Path(folder) / "source")
        clone = Path(folder) / "ai-engineering-atlas"
        subprocess.run(["git", "clone", "-q", str(source), str(clone)], check=True)
        yield clone, source, Path(os.environ.get("HOME", folder))
