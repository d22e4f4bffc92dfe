"""The site's own stylesheets minified (atlas/site/stylesheets.py)."""

from atlas.site.stylesheets import on_files  # noqa: F401
