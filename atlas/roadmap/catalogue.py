"""The roadmap's list of projects: load it, check it, and write it into the overview page.

``projects.yaml`` is the only place a project's title, stage, effort and summary are
written. The overview page shows them in a block between two marker comments that
:func:`render_block` produces; run ``python -m atlas.roadmap.catalogue`` after editing
the YAML to rewrite that block. A test fails if the page and the data disagree.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
DATA = HERE / "projects.yaml"
OVERVIEW = ROOT / "docs" / "roadmap" / "index.md"
START = "<!-- projects:start (generated from atlas/roadmap/projects.yaml) -->"
END = "<!-- projects:end -->"
SLUG = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
EFFORT = re.compile(r"^\d+(–\d+)? (hours|days|weeks)$|^1 (hour|day|week)$")
FORMAT_VERSION = 1


@dataclass(frozen=True)
class Stage:
    id: str
    title: str
    summary: str


@dataclass(frozen=True)
class Project:
    slug: str
    title: str
    stage: str
    effort: str
    summary: str

    @property
    def folder(self) -> Path:
        """Where the project's starter, solution and check live."""
        return HERE / self.slug.replace("-", "_")

    @property
    def page(self) -> Path:
        return OVERVIEW.parent / f"{self.slug}.md"


class CatalogueError(ValueError):
    """The data file breaks a rule; the message says which entry and why."""


def load(path: Path = DATA) -> tuple[list[Stage], list[Project]]:
    """Read and validate the data file; raise :class:`CatalogueError` on any problem."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict) or set(data) != {"version", "stages", "projects"}:
        raise CatalogueError("expected exactly the keys version, stages and projects")
    if data["version"] != FORMAT_VERSION:
        raise CatalogueError(f"version {data['version']!r} is not {FORMAT_VERSION}")
    stages = [_entry(Stage, raw, "stage") for raw in data["stages"]]
    projects = [_entry(Project, raw, "project") for raw in data["projects"]]
    stage_ids = [s.id for s in stages]
    _unique(stage_ids, "stage id")
    _unique([p.slug for p in projects], "project slug")
    _unique([p.title for p in projects], "project title")
    for project in projects:
        where = f"project {project.slug!r}"
        if not SLUG.match(project.slug):
            raise CatalogueError(f"{where}: slug must be lower-case words joined by '-'")
        if project.stage not in stage_ids:
            raise CatalogueError(f"{where}: unknown stage {project.stage!r}")
        if not EFFORT.match(project.effort):
            raise CatalogueError(f"{where}: effort {project.effort!r} must read like '2–3 days'")
    order = [stage_ids.index(p.stage) for p in projects]
    if order != sorted(order):
        raise CatalogueError("projects must be listed stage by stage, in stage order")
    empty = [s.id for s in stages if s.id not in {p.stage for p in projects}]
    if empty:
        raise CatalogueError(f"stages without projects: {empty}")
    return stages, projects


def _entry(kind, raw, name):
    fields = set(kind.__dataclass_fields__)
    if not isinstance(raw, dict) or set(raw) != fields:
        raise CatalogueError(f"each {name} needs exactly the keys {sorted(fields)}: {raw!r}")
    for key, value in raw.items():
        if not isinstance(value, str) or not value.strip():
            raise CatalogueError(f"{name} {raw!r}: {key} must be non-empty text")
        if any(c in value for c in "|<>\n"):
            raise CatalogueError(f"{name} {raw!r}: {key} may not contain |, <, > or a line break")
    return kind(**raw)


def _unique(values, what):
    seen = {v for v in values if values.count(v) > 1}
    if seen:
        raise CatalogueError(f"duplicate {what}: {sorted(seen)}")


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;")


def render_block(stages: list[Stage], projects: list[Project]) -> str:
    """The overview's stage-by-stage tables, as Markdown with progress placeholders."""
    lines = [START, ""]
    number = 0
    for index, stage in enumerate(stages, start=1):
        lines += [
            f"### Stage {index}: {stage.title} {{#stage-{stage.id}}}",
            "",
            stage.summary,
            "",
            f'<div class="atlas-stage-progress" data-stage="{stage.id}" '
            f'data-stage-title="{_attr(stage.title)}"></div>',
            "",
            "| # | Project | Effort | What you build |",
            "| ---: | --- | --- | --- |",
        ]
        for project in (p for p in projects if p.stage == stage.id):
            number += 1
            placeholder = (
                f'<span class="atlas-progress" data-project="{project.slug}" '
                f'data-stage="{stage.id}" data-title="{_attr(project.title)}"></span>'
            )
            # A project whose page is not written yet is listed without a link.
            name = project.title
            if project.page.exists():
                name = f"[{project.title}]({project.slug}.md)"
            lines.append(
                f"| {number} | {name} {placeholder} | {project.effort} | {project.summary} |"
            )
        lines.append("")
    lines.append(END)
    return "\n".join(lines)


def current_block(page: str) -> str:
    """The generated block as it stands in the page text."""
    start, end = page.find(START), page.find(END)
    if start == -1 or end == -1 or end < start:
        raise CatalogueError(f"the overview page lacks the markers {START!r} and {END!r}")
    return page[start : end + len(END)]


def sync(page_path: Path = OVERVIEW) -> bool:
    """Rewrite the page's generated block from the data; return True if it changed."""
    page = page_path.read_text(encoding="utf-8")
    fresh = render_block(*load())
    old = current_block(page)
    if old == fresh:
        return False
    page_path.write_text(page.replace(old, fresh), encoding="utf-8")
    return True


if __name__ == "__main__":
    changed = sync()
    print("docs/roadmap/index.md " + ("updated" if changed else "already matches the data"))
    sys.exit(0)
