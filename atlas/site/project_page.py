"""A roadmap project page's generated parts, made at build time from the project's data.

A project page (``docs/roadmap/<slug>.md``) holds placeholder lines, each replaced by
Markdown when the site is built (``hooks/generated.py`` calls :func:`fill`):

* ``<!-- project: header -->``: stage, level, effort, prerequisites (links) and whether
  the project is on the minimum path, from ``atlas/roadmap/projects.yaml``;
* ``<!-- project: diagnostic -->``: "Can you skip this?", from the project's
  ``course.yaml``, each answer collapsed;
* ``<!-- project: transfer -->``, ``<!-- project: portfolio -->``,
  ``<!-- project: review -->``: "Use it somewhere new", "Make it yours" and "Review",
  from ``course.yaml``. The review block's ``atlas-review`` HTML is what the review
  widget attaches to: keep its shape.

The output is Markdown, converted with the rest of the page, so links in the data are
checked and rewritten like hand-written ones. A project without a ``course.yaml`` yet
gets nothing in the course placeholders (a test in ``tests/roadmap/test_course.py``
requires the file); a malformed one fails the build, naming the file, entry and field.

>>> text = fill("# First\\n\\n" + PLACEHOLDERS["header"] + "\\n", page_uri="roadmap/first-call.md")
>>> print(text.splitlines()[2])  # doctest: +ELLIPSIS
**Stage 1: Foundations** · **Level:** beginner · **Effort:** ... · [All projects](index.md)
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from atlas.datafile import DataError
from atlas.roadmap.catalogue import DATA, Project, Stage, load
from atlas.roadmap.course import CourseFile, Question, load_course

NAMES = ("header", "diagnostic", "transfer", "portfolio", "review")
PLACEHOLDERS = {name: f"<!-- project: {name} -->" for name in NAMES}
PLACEHOLDER = re.compile(r"^<!-- project: (?P<name>[^ ]*) -->$")
# The headings each block opens with, and their ids (other pages may link to them).
HEADINGS = {
    "diagnostic": ("Can you skip this?", "can-you-skip-this"),
    "transfer": ("Use it somewhere new", "use-it-somewhere-new"),
    "portfolio": ("Make it yours", "make-it-yours"),
    "review": ("Review", "review"),
}
MINIMUM_PATH_ANCHOR = "index.md#minimum-path"


def _heading(name: str) -> list[str]:
    title, anchor = HEADINGS[name]
    return [f"## {title} {{#{anchor}}}", ""]


def header(project: Project, stages: list[Stage], projects: list[Project]) -> str:
    """The one-line summary under the progress controls."""
    number = next(i for i, s in enumerate(stages, start=1) if s.id == project.stage)
    by_slug = {p.slug: p for p in projects}
    before = ", ".join(f"[{by_slug[s].title}]({s}.md)" for s in project.prerequisites)
    parts = [
        f"**Stage {number}: {stages[number - 1].title}**",
        f"**Level:** {project.level}",
        f"**Effort:** {project.effort}",
        f"**Prerequisites:** {before or 'none'}",
    ]
    if project.minimum_path:
        parts.append(f"[On the minimum path]({MINIMUM_PATH_ANCHOR})")
    parts.append("[All projects](index.md)")
    return " · ".join(parts)


def _questions(css: str, questions: tuple[Question, ...], slug: str | None = None) -> list[str]:
    """An ordered list of questions, each answer in a collapsed ``<details>``."""
    data = f' data-project="{html.escape(slug)}"' if slug else ""
    lines = [f'<div class="{css}"{data} markdown>', "<ol markdown>"]
    for number, item in enumerate(questions, start=1):
        lines += [
            f'<li data-question="{number}" markdown="block">',
            item.question,
            "",
            "<details markdown>",
            "<summary>Answer</summary>",
            "",
            item.answer,
            "",
            "</details>",
            "</li>",
        ]
    return lines + ["</ol>", "</div>"]


def diagnostic(course: CourseFile) -> str:
    return "\n".join(
        _heading("diagnostic")
        + [course.diagnostic.intro, ""]
        + _questions("atlas-diagnostic", course.diagnostic.questions)
    )


def transfer(course: CourseFile) -> str:
    return "\n".join(_heading("transfer") + [course.transfer])


def portfolio(course: CourseFile, project: Project) -> str:
    brief = course.portfolio
    return "\n".join(
        _heading("portfolio")
        + [
            "Turn the finished project into a piece of work of your own, in a repository"
            f" of its own: `make graduate P={project.slug}` starts one"
            " ([graduate a project](index.md#graduate-a-project)).",
            "",
            f"- **Use your own data:** {brief.own_data}",
            f"- **Measure and report:** {brief.measure}",
            f"- **Write in the README:** {brief.readme}",
        ]
    )


def review(course: CourseFile, project: Project) -> str:
    return "\n".join(
        _heading("review")
        + [
            "Answer each question from memory before you open its answer. Come back to"
            " them after a day, a week and a month.",
            "",
        ]
        + _questions("atlas-review", course.review, project.slug)
    )


def _project(page_uri: str, projects: list[Project]) -> Project | None:
    slug = Path(page_uri).stem
    if Path(page_uri).parent.as_posix() != "roadmap":
        return None
    return next((p for p in projects if p.slug == slug), None)


def fill(markdown: str, *, page_uri: str, data: Path = DATA, **_) -> str:
    """Replace a project page's placeholder lines with their blocks."""
    lines = markdown.splitlines()
    found = [(i, m["name"]) for i, line in enumerate(lines) if (m := PLACEHOLDER.match(line))]
    if not found:
        return markdown
    for _, name in found:
        if name not in NAMES:
            raise DataError(
                f"docs/{page_uri}: unknown placeholder <!-- project: {name} -->;"
                f" the placeholders are {list(NAMES)}"
            )
    names = [name for _, name in found]
    if repeats := sorted({n for n in names if names.count(n) > 1}):
        raise DataError(f"docs/{page_uri}: each placeholder may appear once; {repeats} repeat")
    stages, projects = load(data)
    project = _project(page_uri, projects)
    if project is None:
        raise DataError(
            f"docs/{page_uri}: <!-- project: ... --> placeholders belong on the page of a"
            " project listed in atlas/roadmap/projects.yaml"
        )
    course = load_course(project) if set(names) - {"header"} else None
    blocks = {"header": header(project, stages, projects)}
    if course is not None:
        blocks |= {
            "diagnostic": diagnostic(course),
            "transfer": transfer(course),
            "portfolio": portfolio(course, project),
            "review": review(course, project),
        }
    for index, name in found:
        lines[index] = blocks.get(name, "")
    return "\n".join(lines) + "\n"
