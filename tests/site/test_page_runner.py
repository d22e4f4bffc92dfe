"""The page runner in conftest.py: includes expand, languages are recognised."""

from __future__ import annotations

from pathlib import Path

import pytest
from sybil import Sybil

from conftest import PageCodeParser, expand_includes


def run_page(tmp_path: Path, text: str) -> list[str]:
    """Run every example of a one-page document; return the pages' printed output."""
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
    assert expanded.startswith("x = 1\n")
    assert "AI Engineering Atlas: the code behind the site" in expanded


def test_a_missing_include_names_the_page():
    with pytest.raises(FileNotFoundError, match=r"page\.md: --8<-- include not found: nope\.py"):
        expand_includes('--8<-- "nope.py"\n', "page.md")


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
