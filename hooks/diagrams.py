"""Inline generated SVG diagrams into pages.

A page asks for a diagram with an empty placeholder::

    <div class="atlas-diagram" data-diagram="map.circles"></div>

and this hook fills it with ``snippets.map.circles.render_svg()``. The SVG goes in
after Markdown has run, so extensions such as ``abbr`` cannot rewrite its labels, and
inline (not as ``<img>``) so the site's CSS colours it in both palettes.
"""

from __future__ import annotations

import importlib
import re
import sys
from pathlib import Path

from mkdocs.exceptions import PluginError

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = re.compile(r'(<div\b[^>]*\bdata-diagram="(?P<name>[\w.]+)"[^>]*>)\s*(</div>)')


def on_config(config):
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    # `mkdocs serve` rebuilds in one process: forget old modules so edits show up.
    for name in [m for m in sys.modules if m == "snippets" or m.startswith("snippets.")]:
        del sys.modules[name]
    return config


def render(name: str) -> str:
    """Return the SVG of the diagram module ``snippets.<name>``."""
    module = importlib.import_module(f"snippets.{name}")
    return module.render_svg()


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
