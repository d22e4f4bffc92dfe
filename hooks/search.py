"""Pagefind's index behind Material's search dialog: see atlas/site/search.py."""

from atlas.site.search import on_post_build, on_post_page, on_post_template  # noqa: F401
