"""The roadmap's list of stages and projects, and each project's course file: load, check.

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

Each project's ``course.yaml``, in its folder, holds the parts of its page a learner uses
around the check: "Can you skip this?" questions, a transfer task, a portfolio brief and
three review questions (:class:`CourseFile`). Its errors name the file, the entry and the
field too:

>>> course = load_course(projects[0])
>>> len(course.review)
3
>>> try:
...     parse_course("diagnostic: {intro: Try these., questions: []}", "x/course.yaml")
... except CatalogueError as error:
...     print(error)  # doctest: +ELLIPSIS
x/course.yaml: field 'diagnostic.questions': needs 2 to 4 questions, found 0
x/course.yaml: field 'transfer': Field required
...
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
COURSE = "course.yaml"
COURSE_ENTRIES = {
    "review": ("review question", "question"),
    "diagnostic.questions": ("diagnostic question", "question"),
}
DIAGNOSTIC_QUESTIONS = (2, 4)
REVIEW_QUESTIONS = 3

__all__ = [
    "CatalogueError",
    "CourseFile",
    "Project",
    "Stage",
    "load",
    "load_course",
    "parse",
    "parse_course",
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


# The course file: what a project page shows around its check.


def _prose(value: str) -> str:
    """Markdown inline text of one or more paragraphs, never a heading or raw HTML block."""
    value = value.strip()
    if not value:
        raise ValueError("must be non-empty text")
    for line in value.splitlines():
        if line.lstrip().startswith("#"):
            raise ValueError(f"may not hold a heading (a line starting '#'): {line.strip()!r}")
        if line.lstrip().startswith("<"):
            raise ValueError(f"may not start a line with HTML: {line.strip()!r}")
    return value


def _paragraph(value: str) -> str:
    value = _prose(value)
    if "\n\n" in value.replace("\r", ""):
        raise ValueError("must be one paragraph (no blank line)")
    return " ".join(value.split("\n"))


Prose = Annotated[StrictStr, AfterValidator(_prose)]
Paragraph = Annotated[StrictStr, AfterValidator(_paragraph)]


class Question(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    question: Paragraph
    answer: Paragraph


class Diagnostic(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    intro: Paragraph
    questions: tuple[Question, ...]

    @field_validator("questions")
    @classmethod
    def _count(cls, value: tuple[Question, ...]) -> tuple[Question, ...]:
        fewest, most = DIAGNOSTIC_QUESTIONS
        if not fewest <= len(value) <= most:
            raise ValueError(f"needs {fewest} to {most} questions, found {len(value)}")
        return value


class Portfolio(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    own_data: Paragraph
    measure: Paragraph
    readme: Paragraph


class CourseFile(BaseModel):
    """``atlas/roadmap/<project>/course.yaml``: the format is in CONTRIBUTING.md."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    diagnostic: Diagnostic
    transfer: Prose
    portfolio: Portfolio
    review: tuple[Question, ...]

    @field_validator("review")
    @classmethod
    def _three(cls, value: tuple[Question, ...]) -> tuple[Question, ...]:
        if len(value) != REVIEW_QUESTIONS:
            raise ValueError(f"needs exactly {REVIEW_QUESTIONS} questions, found {len(value)}")
        return value


# "field 'diagnostic.questions.1.answer'" reads better as "diagnostic question 2, field ...".
def parse_course(text: str, path: str) -> CourseFile:
    """Check the YAML text of a course file; errors name ``path``, the entry and the field."""
    return datafile.parse(text, CourseFile, path, COURSE_ENTRIES)


def course_path(project: Project) -> Path:
    return project.folder / COURSE


def load_course(project: Project) -> CourseFile | None:
    """The project's course file, checked; None while the project has none."""
    path = course_path(project)
    if not path.is_file():
        return None
    return parse_course(path.read_text(encoding="utf-8"), datafile.display_path(path))
