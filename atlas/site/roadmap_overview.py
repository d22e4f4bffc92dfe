"""The roadmap overview's stage tables and minimum path, made at build time from projects.yaml.

The line :data:`PLACEHOLDER` on ``docs/roadmap/index.md`` becomes one heading, summary,
stage-progress box and table per stage (``hooks/generated.py`` calls :func:`fill`). The
``data-project``, ``data-stage`` and ``data-title`` attributes are what
``docs/assets/javascripts/progress.js`` reads: keep them as they are.

The line :data:`MINIMUM_PATH` becomes the "Minimum path" section: its heading (with the
number of evenings the path's efforts add up to), the projects with ``minimum_path: true``
in order, and the ones it skips. Why each is skipped is the page's own prose, after it.

>>> lines = fill("Before.\\n\\n" + PLACEHOLDER + "\\n\\nAfter.\\n\\n" + MINIMUM_PATH).splitlines()
>>> lines = lines[: lines.index("After.") + 1]
>>> lines[:3]
['Before.', '', '### Stage 1: Foundations {#stage-foundations}']
>>> "| [Capstone: a support assistant](capstone.md) <span" in lines[-3], lines[-2:]
(True, ['', 'After.'])
"""

from __future__ import annotations

import html
from pathlib import Path

from atlas.datafile import DataError
from atlas.roadmap.catalogue import DATA, EVENING_HOURS, Project, Stage, load

PLACEHOLDER = "<!-- projects: stage tables made at build time from atlas/roadmap/projects.yaml -->"
MINIMUM_PATH = "<!-- projects: minimum path made at build time from atlas/roadmap/projects.yaml -->"
NUMBERS = (
    "no one two three four five six seven eight nine ten eleven twelve thirteen fourteen"
    " fifteen sixteen seventeen eighteen nineteen twenty"
).split()


def render(stages: list[Stage], projects: list[Project]) -> str:
    """The stage-by-stage tables, as Markdown with progress placeholders."""
    lines: list[str] = []
    number = 0
    for index, stage in enumerate(stages, start=1):
        lines += [
            f"### Stage {index}: {stage.title} {{#stage-{stage.id}}}",
            "",
            stage.summary,
            "",
            f'<div class="atlas-stage-progress" data-stage="{stage.id}" '
            f'data-stage-title="{html.escape(stage.title)}"></div>',
            "",
            "| # | Project | Effort and level | What you build |",
            "| ---: | --- | --- | --- |",
        ]
        for project in (p for p in projects if p.stage == stage.id):
            number += 1
            placeholder = (
                f'<span class="atlas-progress" data-project="{project.slug}" '
                f'data-stage="{stage.id}" data-title="{html.escape(project.title)}"></span>'
            )
            # A missing page fails the strict build as a broken link, naming the slug.
            name = f"[{project.title}]({project.slug}.md)"
            lines.append(
                f"| {number} | {name} {placeholder} | {project.effort},<br>{project.level}"
                f" | {project.summary} |"
            )
        lines.append("")
    return "\n".join(lines).rstrip("\n")


def _number(count: int) -> str:
    return NUMBERS[count] if count < len(NUMBERS) else str(count)


def _range(low: int, high: int, unit: str) -> str:
    return f"{low} {unit}" if low == high else f"{low}–{high} {unit}"


def path_hours(projects: list[Project]) -> tuple[int, int]:
    """The fewest and most hours the minimum path's projects add up to."""
    spans = [p.hours for p in projects if p.minimum_path]
    return sum(low for low, _ in spans), sum(high for _, high in spans)


def path_evenings(projects: list[Project]) -> tuple[int, int]:
    """The path's hours as evenings of :data:`EVENING_HOURS` hours, rounded up."""
    low, high = path_hours(projects)
    return -(-low // EVENING_HOURS), -(-high // EVENING_HOURS)


def minimum_path(projects: list[Project]) -> str:
    """The "Minimum path" heading, the path in order and what it leaves out."""
    path = [p for p in projects if p.minimum_path]
    skipped = [p for p in projects if not p.minimum_path]
    low, high = path_hours(projects)
    fewest, most = path_evenings(projects)
    lines = [
        f"## Minimum path: {_number(most)} evenings {{#minimum-path}}",
        "",
        f"Short of time? These {_number(len(path))} projects, in this order, take you from a"
        " first call to an assistant that passes its own release gate. Their efforts add up"
        f" to {_range(low, high, 'hours')}: {_range(fewest, most, 'evenings')} of about"
        f" {_number(EVENING_HOURS)} hours, more when a topic is new to you.",
        "",
    ]
    lines += [
        f"{number}. [{p.title}]({p.slug}.md): {p.effort}, {p.level}"
        for number, p in enumerate(path, start=1)
    ]
    if skipped:
        spans = [p.hours for p in skipped]
        extra = (
            f", another {_range(sum(s[0] for s in spans), sum(s[1] for s in spans), 'hours')}"
            if None not in spans
            else ""
        )
        lines += [
            "",
            "It skips "
            + _and([f"[{p.title}]({p.slug}.md) ({p.effort})" for p in skipped])
            + f"{extra}.",
        ]
    return "\n".join(lines)


def _and(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _put(lines: list[str], placeholder: str, block: str, page_uri: str) -> list[str]:
    if lines.count(placeholder) != 1:
        raise DataError(
            f"docs/{page_uri}: needs the line {placeholder} exactly once"
            f" (found {lines.count(placeholder)})"
        )
    return [block if line == placeholder else line for line in lines]


def fill(markdown: str, *, page_uri: str = "roadmap/index.md", data: Path = DATA, **_) -> str:
    """Replace the placeholder lines of the overview's Markdown with the tables and path."""
    stages, projects = load(data)
    lines = _put(markdown.splitlines(), PLACEHOLDER, render(stages, projects), page_uri)
    lines = _put(lines, MINIMUM_PATH, minimum_path(projects), page_uri)
    return "\n".join(lines) + "\n"
