"""Notebook pages offline and light: see atlas/site/notebooks.py."""

from atlas.site.notebooks import on_post_page  # noqa: F401
