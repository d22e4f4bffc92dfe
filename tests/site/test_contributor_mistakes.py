"""Each common contributor mistake fails `make test` with a message naming the file.

Every test makes one mistake in a fresh copy of the project and runs the check that
must catch it: the strict build, Sybil, the guard test or the notebook test.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from atlas.site import harness

ROOT = harness.ROOT
COPIED = [
    "docs",
    "atlas",
    "includes",
    "hooks",
    "overrides",
    "tests",
    "conftest.py",
    "mkdocs.yml",
    "pyproject.toml",
]

pytestmark = pytest.mark.slow


def make_copy(folder: Path) -> Path:
    """A copy of the project whose notebooks are not executed (faster)."""
    copy = folder / "project"
    copy.mkdir()
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(
                source,
                copy / name,
                ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"),
            )
        else:
            shutil.copy2(source, copy / name)
    config = copy / "mkdocs.yml"
    config.write_text(config.read_text().replace("execute: true", "execute: false"))
    return copy


@pytest.fixture
def project(tmp_path) -> Path:
    return make_copy(tmp_path)


def append(path: Path, text: str) -> int:
    """Append ``text`` to a page; return the line number its first line lands on."""
    before = path.read_text(encoding="utf-8")
    path.write_text(before.rstrip("\n") + "\n\n" + text, encoding="utf-8")
    return before.rstrip("\n").count("\n") + 3


def add_to_nav(project: Path, entry: str) -> None:
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text().replace("  - Home: index.md\n", f"  - Home: index.md\n  - {entry}\n")
    )


def build(project: Path) -> str:
    result = harness.build(project, project / "site")
    assert result.returncode != 0, f"the build should have failed:\n{result.stdout}"
    return result.stdout


def run_pytest(project: Path, *targets: str) -> str:
    env = {**os.environ, "PYTHONPATH": str(project)}
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *targets],
        cwd=project,
        env=env,
        text=True,
        timeout=300,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    assert result.returncode != 0, f"pytest should have failed:\n{result.stdout}"
    return result.stdout


def test_the_untouched_copy_builds(project):
    """Without this, every test below could pass for the wrong reason."""
    result = harness.build(project, project / "site")
    assert result.returncode == 0, result.stdout


def test_include_of_missing_file(project):
    line = append(project / "docs/index.md", '```python\n--8<-- "atlas/no_such_file.py"\n```')
    output = build(project)
    assert f"docs/index.md:{line + 1}" in output and "no_such_file.py" in output
    output = run_pytest(project, "docs/index.md")
    assert "docs/index.md" in output and "no_such_file.py" in output


def test_failing_python_block(project):
    line = append(project / "docs/index.md", "```python\nassert 1 + 1 == 3\n```")
    output = run_pytest(project, "docs/index.md")
    # The fence is on `line`; the failing statement on the line below it.
    assert f"docs/index.md:{line + 1}: AssertionError" in output


def test_python_block_fenced_as_py(project):
    line = append(project / "docs/index.md", "```py\nprint('never run')\n```")
    output = run_pytest(project, "tests/site/test_code_blocks.py")
    assert f"docs/index.md:{line}: block fenced as 'py'" in output


def test_notebook_cell_that_raises(project):
    notebook = {
        "cells": [
            {
                "cell_type": "code",
                "execution_count": None,
                "id": "c1",
                "metadata": {},
                "outputs": [],
                "source": ["raise ValueError('broken on purpose')"],
            }
        ],
        "metadata": {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    (project / "docs/broken.ipynb").write_text(json.dumps(notebook))
    add_to_nav(project, "Broken: broken.ipynb")
    output = run_pytest(project, "tests/site/test_notebooks.py", "-k", "broken")
    assert "docs/broken.ipynb" in output and "broken on purpose" in output


def test_diagram_placeholder_naming_an_unknown_diagram(project):
    append(project / "docs/index.md", '<div class="atlas-diagram" data-diagram="nope"></div>')
    output = build(project)
    assert "index.md: diagram 'nope' failed: KeyError: \"no diagram called 'nope'" in output


# Mistakes that MkDocs reports as warnings: one strict build of a copy that makes all of
# them, each in its own file, must name every one (strict fails on any single warning).
@pytest.fixture(scope="module")
def warned(tmp_path_factory) -> tuple[str, dict[str, int]]:
    project = make_copy(tmp_path_factory.mktemp("warnings"))
    docs = project / "docs"
    lines = {
        "link": append(docs / "glossary.md", "See [the missing page](no-such-page.md)."),
        "anchor": append(docs / "sources.md", "See [a section](index.md#no-such-section)."),
        "image": append(docs / "map/index.md", "![](../assets/favicon.svg)"),
    }
    (docs / "orphan.md").write_text("# Orphan\n\nNobody links here.\n")
    roles = docs / "roles/index.md"
    roles.write_text("---\ndescription: fine\ntitle: [unclosed\n---\n" + roles.read_text())
    roadmap = docs / "roadmap/index.md"
    roadmap.write_text(roadmap.read_text().replace("description:", "descripton:", 1))
    return build(project), lines


def test_broken_internal_link(warned):
    output, _ = warned
    assert "Doc file 'glossary.md' contains a link 'no-such-page.md'" in output


def test_link_to_missing_anchor(warned):
    output, _ = warned
    assert "'sources.md' contains a link 'index.md#no-such-section'" in output


def test_image_without_alt_text(warned):
    output, lines = warned
    expected = f"docs/map/index.md:{lines['image']}: image ../assets/favicon.svg has no alt text"
    assert expected in output


def test_page_left_out_of_the_nav(warned):
    output, _ = warned
    assert 'not included in the "nav" configuration:\n  - orphan.md' in output


def test_bad_front_matter(warned):
    output, _ = warned
    assert "docs/roles/index.md:3: front matter is not valid YAML" in output


def test_front_matter_typo(warned):
    output, _ = warned
    assert "docs/roadmap/index.md:2: unknown front matter key 'descripton'" in output
