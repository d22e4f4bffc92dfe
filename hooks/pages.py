"""Page-source rules as file:line warnings: see atlas/site/pages.py."""

from atlas.site.pages import on_page_markdown  # noqa: F401
