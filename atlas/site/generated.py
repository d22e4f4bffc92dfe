"""Tables and blocks made from data at build time, in place of a placeholder line.

A page that shows data has a placeholder line in its Markdown (each filler names its
own). :func:`on_page_markdown` (the ``hooks/generated.py`` shim) has the page's fillers
put Markdown there before MkDocs converts the page, so headings join the table of
contents, links are checked and glossary tooltips apply as if the text were written by
hand. No generated text is committed.

A broken data file is logged as an error naming the file, the entry and the field, and
the page keeps its placeholder; the strict build (every build here is strict) then
fails, after reporting every broken file rather than only the first.

A key of :data:`FILLERS` is a page's path or a pattern (``fnmatch``) for several pages; a
page gets the fillers of every key that matches it, in the order listed:

>>> sorted(FILLERS)
['*.md', 'roadmap/*.md', 'roadmap/index.md', 'roles/timeline.md', 'sources.md']
>>> [f.__module__ for f in fillers("roadmap/index.md")]
['atlas.site.roadmap_overview', 'atlas.site.project_page', 'atlas.llm.real_model.report']
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from fnmatch import fnmatchcase
from pathlib import Path

from atlas.datafile import DataError
from atlas.llm.real_model import report as real_model_report
from atlas.site import project_page, roadmap_overview, timeline

log = logging.getLogger("mkdocs.hooks.generated")

# page or pattern (docs-relative) -> fillers, each fill(markdown, *, page_uri, docs_dir) -> markdown
FILLERS: dict[str, tuple[Callable[..., str], ...]] = {
    "roadmap/index.md": (roadmap_overview.fill,),
    "roadmap/*.md": (project_page.fill,),  # the <!-- project: ... --> lines of project pages
    "roles/timeline.md": (timeline.fill_table,),
    "sources.md": (timeline.fill_sources,),
    "*.md": (real_model_report.fill,),  # <!-- real-model: ... --> lines, on any page
}


def fillers(uri: str) -> list[Callable[..., str]]:
    """The fillers of every key of :data:`FILLERS` that names or matches ``uri``."""
    return [fill for key, fills in FILLERS.items() if fnmatchcase(uri, key) for fill in fills]


def on_page_markdown(markdown, page, config, files):
    uri = page.file.src_uri
    for fill in fillers(uri):
        try:
            markdown = fill(markdown, page_uri=uri, docs_dir=Path(config["docs_dir"]))
        except DataError as error:
            for line in str(error).splitlines():
                log.error("%s", line)
    return markdown
