"""Every notebook under docs/ is saved clean and runs top to bottom in the build.

The notebook runs once per `make test`: mkdocs-jupyter executes it (``execute: true``,
``allow_errors: false`` in mkdocs.yml) in the session build, exactly as `make build` and
the deploy do, so a cell that raises fails the build with ``Error reading page
'<notebook>': An error occurred while executing the following cell`` (tested in
test_contributor_mistakes.py). These tests read what that execution left on the built
page; tests/scenarios/test_notebook.py checks the support notebook's outputs.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import nbformat
import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "docs").rglob("*.ipynb"))
PROMPT = re.compile(r'class="jp-InputPrompt jp-InputArea-prompt">In\s*\[(.*?)\]:<')


def built_page(site_dir: Path, notebook: Path) -> str:
    """The HTML the build made of ``notebook`` (its page is <name>/index.html)."""
    relative = notebook.relative_to(ROOT / "docs").with_suffix("")
    page = site_dir / relative / "index.html"
    assert page.is_file(), f"{notebook.relative_to(ROOT)}: no built page at {page}"
    return page.read_text(encoding="utf-8")


def test_there_are_notebooks():
    assert NOTEBOOKS, "no notebook under docs/: this file and mkdocs-jupyter can go"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_notebook_is_saved_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    assert notebook.metadata.kernelspec.name == "python3"
    saved = [
        index
        for index, cell in enumerate(notebook.cells)
        if cell.cell_type == "code" and (cell.outputs or cell.execution_count is not None)
    ]
    assert saved == [], (
        f"{path.relative_to(ROOT)}: cells {saved} were saved with outputs; clear them "
        "(the build executes the notebook)"
    )


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_build_ran_every_cell_in_order(path, site_dir):
    """Numbered prompts 1..N: the build executed each code cell once, top to bottom."""
    cells = sum(c.cell_type == "code" for c in nbformat.read(path, as_version=4).cells)
    prompts = [html.unescape(p).strip() for p in PROMPT.findall(built_page(site_dir, path))]
    numbered = [p for p in prompts if p]  # markdown cells have empty prompts
    assert numbered == [str(n) for n in range(1, cells + 1)], (
        f"{path.relative_to(ROOT)}: the built page shows prompts {prompts}; is "
        "mkdocs-jupyter's `execute` still true in mkdocs.yml?"
    )
