"""The roadmap's project list: one data file, valid, and shown faithfully on the site."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from atlas.roadmap import catalogue
from atlas.roadmap.catalogue import OVERVIEW, ROOT, CatalogueError, load, render_block

STAGES, PROJECTS = load()


def test_there_are_at_least_eight_projects_across_ordered_stages():
    assert len(PROJECTS) >= 8
    assert len(STAGES) >= 4


def test_the_overview_shows_exactly_what_the_data_says():
    page = OVERVIEW.read_text(encoding="utf-8")
    assert catalogue.current_block(page) == render_block(STAGES, PROJECTS), (
        "docs/roadmap/index.md is out of date: run `python -m atlas.roadmap.catalogue`"
    )


def test_the_overview_keeps_the_anchors_other_pages_link_to():
    page = OVERVIEW.read_text(encoding="utf-8")
    for anchor in (
        "path-software-engineer",
        "path-data-scientist",
        "path-ml-engineer",
        "path-new-to-programming",
    ):
        assert "{#" + anchor + "}" in page


@pytest.mark.parametrize("project", PROJECTS, ids=lambda p: p.slug)
def test_each_project_has_its_page_and_files(project):
    for name in ("starter.py", "solution.py", "check.py"):
        assert (project.folder / name).is_file(), f"missing {project.folder / name}"
    page = project.page.read_text(encoding="utf-8")
    assert page.count("**What you will learn:**") == 1
    assert "\n## Where to go next\n" in page
    assert f'data-project="{project.slug}"' in page, "the page needs its progress controls"
    for command in ("start", "check", "reference"):
        line = f"\nmake {command} P={project.slug}\n"
        shown = f"make {command} P={project.slug}"
        assert line in page, f"{project.page.name}: show the command `{shown}` in a bash block"
    assert f"# {project.title}\n" in page, "the page title should match the data"


@pytest.mark.parametrize("project", PROJECTS, ids=lambda p: p.slug)
def test_starter_files_carry_no_docstring_examples(project):
    """Sybil runs >>> examples in atlas/: a starter's would fail or run unfinished code."""
    for path in project.folder.glob("*.py"):
        assert ">>>" not in path.read_text(encoding="utf-8"), path


def test_every_project_page_is_in_the_nav_in_data_order():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    listed = re.findall(r"roadmap/([a-z0-9-]+)\.md", config)
    assert listed == ["index"] + [p.slug for p in PROJECTS]


def broken(tmp_path: Path, change) -> Path:
    data = yaml.safe_load(catalogue.DATA.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "projects.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


BREAKAGES = {
    "wrong version": (lambda d: d.update(version=2), "version"),
    "unknown stage": (lambda d: d["projects"][0].update(stage="nowhere"), "unknown stage"),
    "duplicate slug": (
        lambda d: d["projects"][1].update(slug=d["projects"][0]["slug"]),
        "duplicate project slug",
    ),
    "bad effort": (lambda d: d["projects"][0].update(effort="a while"), "effort"),
    "missing key": (lambda d: d["projects"][0].pop("summary"), "exactly the keys"),
    "html in text": (lambda d: d["projects"][0].update(summary="<b>bold</b>"), "may not contain"),
    "out of order": (lambda d: d["projects"].reverse(), "stage order"),
    "bad slug": (lambda d: d["projects"][0].update(slug="First_Call"), "slug"),
}


@pytest.mark.parametrize("name", BREAKAGES)
def test_the_data_file_refuses_mistakes(tmp_path, name):
    change, message = BREAKAGES[name]
    with pytest.raises(CatalogueError, match=message):
        load(broken(tmp_path, change))
