"""Each page's HTML with its whitespace runs collapsed (atlas/site/whitespace.py)."""

from atlas.site.whitespace import on_post_page  # noqa: F401
