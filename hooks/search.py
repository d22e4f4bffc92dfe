"""A lighter search index: see atlas/site/search.py."""

from atlas.site.search import on_post_build  # noqa: F401
