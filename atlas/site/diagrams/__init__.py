"""Inline generated SVG diagrams into pages.

A page asks for a diagram with an empty placeholder::

    <div class="atlas-diagram" data-diagram="circles"></div>

and the ``hooks/diagrams.py`` shim fills it with ``render_svg()`` of the module that
:data:`DIAGRAMS` names for it. The SVG goes in
after Markdown has run, so extensions such as ``abbr`` cannot rewrite its labels, and
inline (not as ``<img>``) so the site's CSS colours it in both palettes.
"""

from __future__ import annotations

import importlib
import re
import sys

from mkdocs.exceptions import PluginError

# Every diagram on the site: the name a page's placeholder uses, and its module.
DIAGRAMS = {
    "circles": "atlas.site.diagrams.circles",
    "workflows": "atlas.site.diagrams.workflows",
    "order_of_work": "atlas.site.diagrams.order_of_work",
    "timeline": "atlas.site.diagrams.timeline",
}
PLACEHOLDER = re.compile(r'(<div\b[^>]*\bdata-diagram="(?P<name>[\w.]+)"[^>]*>)\s*(</div>)')


def on_config(config):
    # `mkdocs serve` rebuilds in one process: forget the diagram modules (and the code
    # they draw from) so that edits show up. This module itself stays loaded.
    keep = {__name__, "atlas", "atlas.site"}
    for name in [m for m in sys.modules if m.startswith("atlas.") and m not in keep]:
        del sys.modules[name]
    return config


def render(name: str) -> str:
    """Return the SVG of the diagram called ``name`` (a key of :data:`DIAGRAMS`)."""
    if name not in DIAGRAMS:
        raise KeyError(f"no diagram called {name!r}; the diagrams are {', '.join(DIAGRAMS)}")
    return importlib.import_module(DIAGRAMS[name]).render_svg()


def on_page_content(html, page, config, files):
    def fill(match: re.Match) -> str:
        name = match["name"]
        try:
            svg = render(name)
        except Exception as error:  # name the page, not just the module
            raise PluginError(
                f"{page.file.src_uri}: diagram {name!r} failed: {type(error).__name__}: {error}"
            ) from error
        return f"{match[1]}{svg}{match[3]}"

    return PLACEHOLDER.sub(fill, html)
