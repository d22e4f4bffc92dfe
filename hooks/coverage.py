"""Show on the sources page which claims of each source article the site covers.

The line ``<!-- coverage-table -->`` on ``docs/sources.md`` becomes one table per source
article, made from ``snippets/sources/coverage.yaml`` by ``snippets.sources.coverage``.
A broken entry stops the build with the file, the entry and the field named.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
SOURCES_PAGE = "sources.md"


def on_page_markdown(markdown, page, config, files):
    if page.file.src_uri != SOURCES_PAGE:
        return markdown
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from snippets.sources import coverage  # imported here so `mkdocs serve` sees edits

    try:
        return coverage.fill(
            markdown, page_uri=page.file.src_uri, docs_dir=Path(config["docs_dir"])
        )
    except coverage.CoverageError as error:
        raise PluginError(str(error)) from None
