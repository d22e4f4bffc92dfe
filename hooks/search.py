"""Pagefind's index behind Material's search dialog: see atlas/site/search.py."""

from atlas.site.search import (  # noqa: F401
    on_page_markdown,
    on_post_build,
    on_post_page,
    on_post_template,
)
