"""The site's scripts minified, one file per widget, the site-wide one inlined: see
atlas/site/scripts.py."""

from atlas.site.scripts import on_files, on_post_page  # noqa: F401
