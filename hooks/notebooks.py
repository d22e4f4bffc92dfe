"""Notebook pages offline and light (atlas/site/notebooks.py), executed again only when
they or the code they import change (atlas/site/notebook_cache.py)."""

from atlas.site.notebook_cache import on_config, on_page_markdown  # noqa: F401
from atlas.site.notebooks import on_post_page  # noqa: F401
