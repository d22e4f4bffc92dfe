"""Notebook pages offline and light (atlas/site/notebooks.py). Their execution, cached by
the code they import, is the atlas-notebooks plugin (atlas/site/notebook_cache.py)."""

from atlas.site.notebooks import on_post_page  # noqa: F401
