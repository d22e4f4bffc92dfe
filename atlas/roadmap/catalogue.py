"""The roadmap's list of stages and projects (``projects.yaml``): load, check.

``projects.yaml`` is the only place a project's title, stage, level, effort, prerequisites,
minimum-path flag and summary are written. The build shows them on the overview page
(``atlas/site/roadmap_overview.py``) and in each project page's header
(``atlas/site/project_page.py``); the project pages' H1 repeats the title (a test checks
it) and the nav takes its labels from those H1s. A broken entry stops the build with the
file, the entry and the field:

>>> stages, projects = load()
>>> projects[0].slug, projects[0].stage, projects[0].folder.name
('first-call', 'foundations', 'first_call')
>>> bad = DATA.read_text(encoding="utf-8").replace("stage: foundations", "stage: basics", 1)
>>> try:
...     parse(bad)
... except CatalogueError as error:
...     print(error)  # doctest: +ELLIPSIS
atlas/roadmap/projects.yaml: project 1 ('first-call'), field 'stage': unknown stage 'basics'; ...

Each project's ``course.yaml`` is read by :mod:`atlas.roadmap.course`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    StrictBool,
    StrictStr,
    field_validator,
    model_validator,
)

from atlas import datafile
from atlas.datafile import At
from atlas.datafile import DataError as CatalogueError

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
DATA = HERE / "projects.yaml"
OVERVIEW = ROOT / "docs" / "roadmap" / "index.md"
SLUG = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
EFFORT = re.compile(
    r"^(?P<low>\d+)(–(?P<high>\d+))? (?P<unit>hours|evenings|days|weeks)$"
    r"|^(?P<one>1) (?P<unit1>hour|evening|day|week)$"
)
# An evening of study, in hours: what the minimum path's total is counted in.
EVENING_HOURS = 3
Level = Literal["beginner", "intermediate", "advanced"]
ENTRIES = {"stages": ("stage", "id"), "projects": ("project", "slug")}

__all__ = [
    "CatalogueError",
    "Project",
    "Stage",
    "load",
    "parse",
]


def _text(value: str) -> str:
    if not value.strip():
        raise ValueError("must be non-empty text")
    if any(c in value for c in "|<>\n"):
        raise ValueError("may not contain |, <, > or a line break (it goes into a table)")
    return value


Text = Annotated[StrictStr, AfterValidator(_text)]


def _slug(value: str) -> str:
    if not SLUG.match(value):
        raise ValueError(f"{value!r} must be lower-case words joined by '-', like 'first-call'")
    return value


class Stage(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: Annotated[Text, AfterValidator(_slug)]
    title: Text
    summary: Text


Slug = Annotated[Text, AfterValidator(_slug)]


class Project(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    slug: Slug
    title: Text
    stage: Text
    level: Level
    effort: Text
    prerequisites: tuple[Slug, ...]
    minimum_path: StrictBool
    summary: Text

    @field_validator("effort")
    @classmethod
    def _effort(cls, value: str) -> str:
        if not EFFORT.match(value):
            raise ValueError(f"effort {value!r} must read like '2–3 days', '1 day' or '4 hours'")
        return value

    @property
    def hours(self) -> tuple[int, int] | None:
        """The effort as (fewest, most) hours, or None when it is given in days or weeks."""
        match = EFFORT.match(self.effort)
        unit = match["unit"] or match["unit1"]
        low = int(match["low"] or match["one"])
        high = int(match["high"] or low)
        per = {"hour": 1, "evening": EVENING_HOURS}.get(unit.removesuffix("s"))
        return None if per is None else (low * per, high * per)

    @property
    def folder(self) -> Path:
        """Where the project's starter, solution and check live."""
        return HERE / self.slug.replace("-", "_")

    @property
    def page(self) -> Path:
        return OVERVIEW.parent / f"{self.slug}.md"


def _first_repeat(values: list[str]) -> tuple[int, int] | None:
    """(earlier, later) positions of the first value that is listed twice."""
    seen: dict[str, int] = {}
    for index, value in enumerate(values):
        if value in seen:
            return seen[value], index
        seen[value] = index
    return None


class Catalogue(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Literal[1]
    stages: tuple[Stage, ...]
    projects: tuple[Project, ...]

    @model_validator(mode="after")
    def _consistent(self) -> Catalogue:
        ids = [stage.id for stage in self.stages]
        for listed, key, what in (
            ("stages", "id", "stage id"),
            ("projects", "slug", "project slug"),
            ("projects", "title", "project title"),
        ):
            values = [getattr(entry, key) for entry in getattr(self, listed)]
            if repeat := _first_repeat(values):
                earlier, later = repeat
                raise At(
                    (listed, later, key),
                    f"duplicate {what} {values[later]!r}:"
                    f" {ENTRIES[listed][0]} {earlier + 1} has it too",
                )
        highest = 0
        for index, project in enumerate(self.projects):
            if project.stage not in ids:
                raise At(
                    ("projects", index, "stage"),
                    f"unknown stage {project.stage!r}; the stages are {ids}",
                )
            position = ids.index(project.stage)
            if position < highest:
                raise At(
                    ("projects", index, "stage"),
                    f"stage {project.stage!r} comes after {ids[highest]!r}:"
                    " list projects stage by stage, in stage order",
                )
            highest = position
        for index, stage in enumerate(self.stages):
            if not any(project.stage == stage.id for project in self.projects):
                raise At(("stages", index), "no project is in this stage")
        slugs = [project.slug for project in self.projects]
        for index, project in enumerate(self.projects):
            where = ("projects", index, "prerequisites")
            if repeat := _first_repeat(list(project.prerequisites)):
                raise At(where, f"{project.prerequisites[repeat[1]]!r} is listed twice")
            for slug in project.prerequisites:
                if slug not in slugs:
                    raise At(where, f"unknown project {slug!r}; the projects are {slugs}")
                if slugs.index(slug) >= index:
                    raise At(
                        where,
                        f"{slug!r} does not come before {project.slug!r}: a prerequisite"
                        " must be an earlier project",
                    )
                if project.minimum_path and not self.projects[slugs.index(slug)].minimum_path:
                    raise At(
                        where,
                        f"{slug!r} is not on the minimum path, but {project.slug!r} is:"
                        " put it on the path too, or drop it from the prerequisites",
                    )
            if project.minimum_path and project.hours is None:
                raise At(
                    ("projects", index, "effort"),
                    f"effort {project.effort!r} is not in hours or evenings: the minimum"
                    " path adds up its projects' hours",
                )
        if not any(project.minimum_path for project in self.projects):
            raise At(("projects",), "no project is on the minimum path (minimum_path: true)")
        return self


def parse(text: str, path: str = "atlas/roadmap/projects.yaml") -> Catalogue:
    """Check the YAML text of a projects file; errors name ``path``, the entry and the field."""
    return datafile.parse(text, Catalogue, path, ENTRIES)


def load(path: Path = DATA) -> tuple[list[Stage], list[Project]]:
    """Read and validate the data file; raise :class:`CatalogueError` on any problem."""
    catalogue = datafile.load(path, Catalogue, ENTRIES)
    return list(catalogue.stages), list(catalogue.projects)
