"""The site's scripts minified, one file per widget: see atlas/site/scripts.py."""

from atlas.site.scripts import on_files  # noqa: F401
