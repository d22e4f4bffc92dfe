"""How pytest runs the documentation.

* Every ```python (and ```pycon) block in ``docs/**/*.md`` runs with Sybil, top to bottom
  in one namespace per page. ``--8<-- "atlas/..."`` lines inside a block are replaced
  by the file they include, exactly as the site shows it, so included code runs too.
* Every docstring example (``>>>``) in ``atlas/**/*.py`` runs.
* ``<!-- skip: next "reason" -->`` skips the next block, with the reason shown in the
  report; ``<!-- clear-namespace -->`` starts a fresh namespace.
* Every ```bash block in ``docs/**/*.md`` runs as a reader would type it, in a fresh
  clone of the project (``tests/page_commands.py`` says how, and how to mark a block
  that must fail or cannot run here).

``tests/site/test_code_blocks.py`` fails on any Python-looking block this does not collect.
"""

from __future__ import annotations

import os
import re
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

from tests.page_commands import ShellParser, close_terminal, make_source

ROOT = Path(__file__).resolve().parent
# The fence languages Sybil runs. Anything else that looks like Python fails the guard test.
RUN_LANGUAGES = {"python": "code", "pycon": "doctest"}
INCLUDE = re.compile(r"^(?P<indent>[ \t]*)--8<--[ \t]+[\"'](?P<path>[^\"']+)[\"'][ \t]*$", re.M)

# Examples must not reach a real model by accident: the suite always uses the stand-in.
for variable in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "OPENAI_MODEL"):
    os.environ.pop(variable, None)


def expand_includes(source: str, document_path: str) -> str:
    """Replace pymdownx.snippets ``--8<-- "path"`` lines with the file they name.

    Paths are relative to the project root, as ``base_path`` in mkdocs.yml says.
    """

    def include(match: re.Match) -> str:
        path = ROOT / match["path"]
        if not path.is_file():
            raise FileNotFoundError(f"{document_path}: --8<-- include not found: {match['path']}")
        text = path.read_text(encoding="utf-8")
        return "".join(match["indent"] + line for line in text.splitlines(keepends=True))

    return INCLUDE.sub(include, source)


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
            expanded = expand_includes(str(source), document.path)
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
    """(clone, its source repository, HOME) for the pages' shell commands; made once."""
    with tempfile.TemporaryDirectory(prefix="atlas-clone-") as folder:
        source = make_source(Path(folder) / "source")
        clone = Path(folder) / "ai-engineering-atlas"
        subprocess.run(["git", "clone", "-q", str(source), str(clone)], check=True)
        yield clone, source, Path(os.environ.get("HOME", folder))
