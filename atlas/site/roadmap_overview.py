"""The roadmap overview's stage-by-stage tables, made at build time from projects.yaml.

The line :data:`PLACEHOLDER` on ``docs/roadmap/index.md`` becomes one heading, summary,
stage-progress box and table per stage (``hooks/generated.py`` calls :func:`fill`). The
``data-project``, ``data-stage`` and ``data-title`` attributes are what
``docs/assets/javascripts/progress.js`` reads: keep them as they are.

>>> lines = fill("Before.\\n\\n" + PLACEHOLDER + "\\n\\nAfter.\\n").splitlines()
>>> lines[:3]
['Before.', '', '### Stage 1: Foundations {#stage-foundations}']
>>> lines[-3].startswith('| 10 | [Capstone: a support assistant](capstone.md) <span'), lines[-2:]
(True, ['', 'After.'])
"""

from __future__ import annotations

from pathlib import Path

from atlas.datafile import DataError
from atlas.roadmap.catalogue import DATA, Project, Stage, load

PLACEHOLDER = "<!-- projects: stage tables made at build time from atlas/roadmap/projects.yaml -->"


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;")


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
            # A missing page fails the strict build as a broken link, naming the slug.
            name = f"[{project.title}]({project.slug}.md)"
            lines.append(
                f"| {number} | {name} {placeholder} | {project.effort} | {project.summary} |"
            )
        lines.append("")
    return "\n".join(lines).rstrip("\n")


def fill(markdown: str, *, page_uri: str = "roadmap/index.md", data: Path = DATA, **_) -> str:
    """Replace the placeholder line of the overview's Markdown with the tables."""
    lines = markdown.splitlines()
    if lines.count(PLACEHOLDER) != 1:
        raise DataError(
            f"docs/{page_uri}: needs the line {PLACEHOLDER} exactly once"
            f" (found {lines.count(PLACEHOLDER)})"
        )
    block = render(*load(data))
    return "\n".join(block if line == PLACEHOLDER else line for line in lines) + "\n"
