"""A project's course file, ``atlas/roadmap/<project>/course.yaml``: load, check.

It holds the parts of the project's page a learner uses around the check: "Can you skip
this?" questions, a transfer task, a portfolio brief and three review questions
(:class:`CourseFile`; the format is in CONTRIBUTING.md). ``atlas/site/project_page.py``
renders them. Errors name the file, the entry and the field:

>>> from atlas.roadmap.catalogue import load
>>> course = load_course(load()[1][0])
>>> len(course.review)
3
>>> try:
...     parse_course("diagnostic: {intro: Try these., questions: []}", "x/course.yaml")
... except CourseError as error:
...     print(error)  # doctest: +ELLIPSIS
x/course.yaml: field 'diagnostic.questions': needs 2 to 4 questions, found 0
x/course.yaml: field 'transfer': Field required
...
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, StrictStr, field_validator

from atlas import datafile
from atlas.datafile import DataError as CourseError
from atlas.roadmap.catalogue import Project

COURSE = "course.yaml"
# "field 'diagnostic.questions.1.answer'" reads better as "diagnostic question 2, field ...".
COURSE_ENTRIES = {
    "review": ("review question", "question"),
    "diagnostic.questions": ("diagnostic question", "question"),
}
DIAGNOSTIC_QUESTIONS = (2, 4)
REVIEW_QUESTIONS = 3

__all__ = ["CourseError", "CourseFile", "course_path", "load_course", "parse_course"]


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
