"""Tables and blocks made from data at build time: see atlas/site/generated.py."""

from atlas.site.generated import on_page_markdown  # noqa: F401
