"""The roadmap's project list: one data file, valid, and shown faithfully on the site."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml

from atlas.roadmap import catalogue
from atlas.roadmap.catalogue import OVERVIEW, ROOT, CatalogueError, load
from atlas.site import roadmap_overview

STAGES, PROJECTS = load()
NAV_ENTRY = re.compile(r"^\s*- (?:(?P<label>.+?): )?roadmap/(?P<slug>[a-z0-9-]+)\.md", re.M)


def test_there_are_at_least_eight_projects_across_ordered_stages():
    assert len(PROJECTS) >= 8
    assert len(STAGES) >= 4


def test_the_overview_has_the_placeholder_and_no_generated_text():
    page = OVERVIEW.read_text(encoding="utf-8")
    assert page.splitlines().count(roadmap_overview.PLACEHOLDER) == 1, (
        f"docs/roadmap/index.md: keep the line {roadmap_overview.PLACEHOLDER} where the"
        " stage tables go; the build fills it in"
    )
    assert "data-project=" not in page, (
        "docs/roadmap/index.md: the stage tables are made at build time from"
        " atlas/roadmap/projects.yaml; delete the hand-written copy"
    )


def test_the_built_overview_shows_every_project_in_data_order(site_dir):
    built = (site_dir / "roadmap" / "index.html").read_text(encoding="utf-8")
    assert roadmap_overview.PLACEHOLDER not in built
    spans = re.findall(
        r'<span class="atlas-progress" data-project="([^"]+)" data-stage="([^"]+)"'
        r' data-title="([^"]+)"></span>',
        built,
    )
    assert [(slug, stage, html.unescape(title)) for slug, stage, title in spans] == [
        (p.slug, p.stage, p.title) for p in PROJECTS
    ]
    for stage in STAGES:
        assert f'<h3 id="stage-{stage.id}">' in built, f"no heading #stage-{stage.id}"
        assert f'<div class="atlas-stage-progress" data-stage="{stage.id}"' in built
    for project in PROJECTS:
        assert f'href="{project.slug}/"' in built, f"no link to {project.slug}"


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
    assert f'data-project="{project.slug}"' in page, "the page needs its progress controls"
    for command in ("start", "check", "reference"):
        line = f"\nmake {command} P={project.slug}\n"
        shown = f"make {command} P={project.slug}"
        assert line in page, f"{project.page.name}: show the command `{shown}` in a bash block"


@pytest.mark.parametrize("project", PROJECTS, ids=lambda p: p.slug)
def test_each_project_page_title_is_the_data_title(project):
    """The nav takes its label from the H1, so the title is written in the YAML only."""
    titles = re.findall(r"^# (.+)$", project.page.read_text(encoding="utf-8"), re.M)
    assert titles[:1] == [project.title], (
        f"docs/roadmap/{project.slug}.md: the H1 should be '# {project.title}'"
        f" (the title in atlas/roadmap/projects.yaml), not {titles[:1]}"
    )


@pytest.mark.parametrize("project", PROJECTS, ids=lambda p: p.slug)
def test_starter_files_carry_no_docstring_examples(project):
    """Sybil runs >>> examples in atlas/: a starter's would fail or run unfinished code."""
    for path in project.folder.glob("*.py"):
        assert ">>>" not in path.read_text(encoding="utf-8"), path


def test_every_project_page_is_in_the_nav_in_data_order_without_a_label():
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    entries = [(m["slug"], m["label"]) for m in NAV_ENTRY.finditer(config)]
    assert [slug for slug, _ in entries] == ["index"] + [p.slug for p in PROJECTS]
    labelled = [f"{label}: roadmap/{slug}.md" for slug, label in entries if label]
    assert not labelled, (
        f"mkdocs.yml: drop the nav labels {labelled}; the label comes from the page's H1,"
        " which repeats the title in atlas/roadmap/projects.yaml"
    )


def broken(tmp_path: Path, change) -> Path:
    data = yaml.safe_load(catalogue.DATA.read_text(encoding="utf-8"))
    change(data)
    path = tmp_path / "projects.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


# Each message names the entry and the field after the file's path.
BREAKAGES = {
    "wrong version": (lambda d: d.update(version=2), "field 'version': Input should be 1"),
    "unknown stage": (
        lambda d: d["projects"][0].update(stage="nowhere"),
        "project 1 ('first-call'), field 'stage': unknown stage 'nowhere'; the stages are [",
    ),
    "duplicate slug": (
        lambda d: d["projects"][1].update(slug=d["projects"][0]["slug"]),
        "project 2 ('first-call'), field 'slug': duplicate project slug 'first-call':"
        " project 1 has it too",
    ),
    "bad effort": (
        lambda d: d["projects"][0].update(effort="a while"),
        "project 1 ('first-call'), field 'effort': effort 'a while' must read like '2–3 days'",
    ),
    "missing key": (
        lambda d: d["projects"][0].pop("summary"),
        "project 1 ('first-call'), field 'summary': Field required",
    ),
    "extra key": (
        lambda d: d["stages"][1].update(colour="red"),
        "stage 2 ('context'), field 'colour': Extra inputs are not permitted",
    ),
    "html in text": (
        lambda d: d["projects"][0].update(summary="<b>bold</b>"),
        "project 1 ('first-call'), field 'summary': may not contain |, <, > or a line break",
    ),
    "not text": (
        lambda d: d["projects"][2].update(effort=3),
        "project 3 ('retrieval'), field 'effort': Input should be a valid string",
    ),
    "out of order": (
        lambda d: d["projects"].reverse(),
        "project 3 ('shipping'), field 'stage': stage 'production' comes after 'judgement':"
        " list projects stage by stage, in stage order",
    ),
    "bad slug": (
        lambda d: d["projects"][0].update(slug="First_Call"),
        "project 1 ('First_Call'), field 'slug': 'First_Call' must be lower-case words",
    ),
    "empty stage": (
        lambda d: d.update(projects=[p for p in d["projects"] if p["stage"] != "context"]),
        "stage 2 ('context'): no project is in this stage",
    ),
    "unknown level": (
        lambda d: d["projects"][0].update(level="expert"),
        "project 1 ('first-call'), field 'level': Input should be 'beginner', 'intermediate'"
        " or 'advanced'",
    ),
    "missing level": (
        lambda d: d["projects"][0].pop("level"),
        "project 1 ('first-call'), field 'level': Field required",
    ),
    "minimum_path not a boolean": (
        lambda d: d["projects"][1].update(minimum_path="yes"),
        "project 2 ('prompt-evals'), field 'minimum_path': Input should be a valid boolean",
    ),
    "prerequisites not a list": (
        lambda d: d["projects"][1].update(prerequisites="first-call"),
        "project 2 ('prompt-evals'), field 'prerequisites': Input should be a valid tuple",
    ),
    "unknown prerequisite": (
        lambda d: d["projects"][1].update(prerequisites=["first-cal"]),
        "project 2 ('prompt-evals'), field 'prerequisites': unknown project 'first-cal';"
        " the projects are ['first-call',",
    ),
    "later prerequisite": (
        lambda d: d["projects"][0].update(prerequisites=["prompt-evals"]),
        "project 1 ('first-call'), field 'prerequisites': 'prompt-evals' does not come"
        " before 'first-call': a prerequisite must be an earlier project",
    ),
    "itself as prerequisite": (
        lambda d: d["projects"][1].update(prerequisites=["prompt-evals"]),
        "project 2 ('prompt-evals'), field 'prerequisites': 'prompt-evals' does not come"
        " before 'prompt-evals'",
    ),
    "prerequisite twice": (
        lambda d: d["projects"][1].update(prerequisites=["first-call", "first-call"]),
        "project 2 ('prompt-evals'), field 'prerequisites': 'first-call' is listed twice",
    ),
    "prerequisite off the minimum path": (
        lambda d: (
            d["projects"][0].update(minimum_path=False),
            d["projects"][1].update(minimum_path=True, prerequisites=["first-call"]),
        ),
        "project 2 ('prompt-evals'), field 'prerequisites': 'first-call' is not on the"
        " minimum path, but 'prompt-evals' is",
    ),
    "minimum-path effort in days": (
        lambda d: d["projects"][0].update(effort="2 days", minimum_path=True),
        "project 1 ('first-call'), field 'effort': effort '2 days' is not in hours or"
        " evenings: the minimum path adds up its projects' hours",
    ),
    "no minimum path": (
        lambda d: [p.update(minimum_path=False) for p in d["projects"]],
        "field 'projects': no project is on the minimum path (minimum_path: true)",
    ),
}


@pytest.mark.parametrize("name", BREAKAGES)
def test_the_data_file_refuses_mistakes(tmp_path, name):
    change, message = BREAKAGES[name]
    path = broken(tmp_path, change)
    with pytest.raises(CatalogueError) as caught:
        load(path)
    assert f"{path}: {message}" in str(caught.value)


def test_the_overview_fill_names_a_missing_placeholder():
    with pytest.raises(CatalogueError, match=r"^docs/roadmap/index.md: needs the line <!-- "):
        roadmap_overview.fill("# The roadmap\n\nNo tables here.\n")
