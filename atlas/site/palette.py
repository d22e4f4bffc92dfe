"""The theme's palette sheet cut down to the colours and schemes ``mkdocs.yml`` names.

Material ships one ``palette.<hash>.min.css`` with rules for all of its 21 primary and
accent colours and both schemes (about 2 KB gzip); a site that names one colour uses about
a third of it. Rules whose selector asks for another ``data-md-color-primary``,
``-accent`` or ``-scheme`` value can never match here, so they are dropped after the
build; everything else stays as the theme wrote it. The file keeps its name: its content
changes only with the theme's version (which renames it) or with the palette in
``mkdocs.yml``.

>>> used = {"primary": {"indigo"}, "accent": {"indigo"}, "scheme": {"default", "slate"}}
>>> trim("[data-md-color-primary=red]{a:1}[data-md-color-primary=indigo]{a:2}", used)
'[data-md-color-primary=indigo]{a:2}'
"""

from __future__ import annotations

import re
from pathlib import Path

from atlas.site.css import keep_rules

CHOICE = re.compile(r"\[data-md-color-(primary|accent|scheme)=[\"']?([\w-]+)[\"']?\]")
# What Material uses when the palette leaves a field out (its mkdocs_theme.yml).
DEFAULTS = {"primary": "indigo", "accent": "indigo", "scheme": "default"}


def used(palette: dict | list | None) -> dict[str, set[str]]:
    """The values each palette field takes across the toggle's entries."""
    entries = palette if isinstance(palette, list) else [palette or {}]
    return {
        field: {str(entry.get(field) or default).replace(" ", "-") for entry in entries}
        for field, default in DEFAULTS.items()
    }


def trim(css: str, choices: dict[str, set[str]]) -> str:
    return keep_rules(
        css, lambda selector: all(v in choices[k] for k, v in CHOICE.findall(selector))
    )


def on_post_build(config):
    choices = used(config.theme.get("palette"))
    for sheet in Path(config.site_dir).glob("assets/stylesheets/palette.*.min.css"):
        sheet.write_text(trim(sheet.read_text(encoding="utf-8"), choices), encoding="utf-8")
        # Its source map describes the whole sheet; the trimmed one no longer points to it.
        sheet.with_name(sheet.name + ".map").unlink(missing_ok=True)
