"""Show on the sources page which claims of each source article the site covers.

The line ``<!-- coverage-table -->`` on ``docs/sources.md`` becomes one table per source
article, made from ``atlas/site/coverage.yaml`` by ``atlas.site.coverage``.
A broken entry stops the build with the file, the entry and the field named.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError

SOURCES_PAGE = "sources.md"


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri != SOURCES_PAGE:
        return markdown
    from atlas.site import coverage  # imported here so `mkdocs serve` sees edits

    try:
        return coverage.fill(
            markdown, page_uri=page.file.src_uri, docs_dir=Path(config["docs_dir"])
        )
    except coverage.CoverageError as error:
        raise PluginError(str(error)) from None
