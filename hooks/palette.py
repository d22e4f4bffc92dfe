"""The theme's palette sheet without the colours this site does not use (atlas/site/palette.py)."""

from atlas.site.palette import on_post_build  # noqa: F401
