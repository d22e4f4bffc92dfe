"""The page runner in conftest.py: includes expand as the site's, languages are recognised."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from sybil import Sybil

import conftest
from atlas.site.includes import ROOT, SnippetMissingError, Snippets
from conftest import PageCodeParser, expand_includes

INIT = (ROOT / "atlas/__init__.py").read_text(encoding="utf-8").split("\n")


def run_page(tmp_path: Path, text: str) -> list[str]:
    """Run every example of a one-page document; return the evaluators that ran."""
    page = tmp_path / "page.md"
    page.write_text(text, encoding="utf-8")
    document = Sybil(parsers=[PageCodeParser()]).parse(page)
    results = []
    for example in document:
        example.evaluate()
        results.append(type(example.region.evaluator).__name__)
    return results


def test_include_lines_become_the_file_they_name():
    expanded = expand_includes('x = 1\n--8<-- "atlas/__init__.py"\n', "page.md")
    assert expanded == "x = 1\n" + "\n".join(INIT) + "\n"


def test_a_line_range_include_brings_only_those_lines_indented_like_the_marker():
    """The site's syntax, not a copy of it: ``path:start:end`` (pymdownx.snippets)."""
    expanded = expand_includes('if True:\n    --8<-- "atlas/__init__.py:2:3"\n', "page.md")
    assert expanded == "if True:\n" + "".join(f"    {line}\n" for line in INIT[1:3])


def test_a_section_include_brings_the_section_and_whole_files_drop_the_markers(
    tmp_path, monkeypatch
):
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    (tmp_path / "example.py").write_text(
        "setup = 1\n# --8<-- [start:shown]\nshown = 2\n# --8<-- [end:shown]\n"
    )
    monkeypatch.setattr(conftest, "snippets", lambda: Snippets(tmp_path))
    assert expand_includes('--8<-- "example.py:shown"', "page.md") == "shown = 2"
    assert expand_includes('--8<-- "example.py"', "page.md") == "setup = 1\nshown = 2\n"
    with pytest.raises(SnippetMissingError, match=r"page\.md:1: .*section 'hidden'"):
        expand_includes('--8<-- "example.py:hidden"', "page.md")


def test_a_missing_include_names_the_page_and_line(tmp_path):
    page = tmp_path / "page.md"
    page.write_text('# Page\n\nText.\n\n```python\nx = 1\n--8<-- "atlas/nope.py"\n```\n')
    expected = (
        rf"{page}:7: --8<-- snippet at path 'atlas/nope\.py' could not be found "
        r"\(paths start at the project root\)"
    )
    with pytest.raises(SnippetMissingError, match=expected):
        Sybil(parsers=[PageCodeParser()]).parse(page)


def test_python_with_attributes_pycon_and_doctest_blocks_all_run(tmp_path):
    ran = run_page(
        tmp_path,
        (
            '```python title="x.py"\nvalue = 40\n```\n\n'
            "```pycon\n>>> value + 2\n42\n```\n\n"
            "```python\n>>> print(value)\n40\n```\n\n"
            "```text\nnot code\n```\n"
        ),
    )
    assert ran == ["PythonEvaluator", "DocTestEvaluator", "DocTestEvaluator"]


def test_a_wrong_doctest_output_fails(tmp_path):
    with pytest.raises(Exception, match="Expected:"):
        run_page(tmp_path, "```pycon\n>>> 1 + 1\n3\n```\n")
