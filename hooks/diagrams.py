"""Generated SVG diagrams into their placeholders: see atlas/site/diagrams/."""

from atlas.site.diagrams import on_config, on_page_content  # noqa: F401
