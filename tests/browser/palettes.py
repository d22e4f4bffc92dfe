"""Switch a loaded page to the other palette, as the reader's toggle in the header does, so
that one page load can be checked in both (tests/browser/test_every_page.py says why that is
the same page)."""

from __future__ import annotations

SCHEME = {"light": "default", "dark": "slate"}
PALETTES = tuple(SCHEME)


def in_turn(number: int) -> tuple[str, str]:
    """The palette the ``number``-th page opens in and the one it is switched to: they
    alternate, so each palette gets the first (fuller) check on half of the pages."""
    return PALETTES if number % 2 == 0 else PALETTES[::-1]


# Which elements are shown, one character each; the palette toggle's two buttons swap.
SHOWN = """() => [...document.body.querySelectorAll('*')]
  .filter((e) => !e.closest('[data-md-component=palette]'))
  .map((e) => e.checkVisibility({opacityProperty: true, visibilityProperty: true}) ? 1 : 0)
  .join('')"""

# The toggle: a click on its label, without the hover that would show its tooltip.
TOGGLE = "document.querySelector('[data-md-component=palette] label:not([hidden])').click()"
# The theme marks the body while it switches.
SWITCHED = (
    "s => document.body.getAttribute('data-md-color-scheme') === s"
    " && !document.body.hasAttribute('data-md-color-switching')"
)


def scheme(page) -> str:
    """The palette the page shows now ("light" or "dark")."""
    shown = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    return {v: k for k, v in SCHEME.items()}.get(shown, shown)


def shown(page) -> str:
    return page.evaluate(SHOWN)


def switch(page, palette: str) -> None:
    """Toggle the page to ``palette`` and make the browser's colour scheme say the same (a
    reader whose system is in that scheme). The choice is stored, as the theme stores it:
    later loads in this context open in it."""
    if scheme(page) != palette:
        page.evaluate(TOGGLE)
        page.wait_for_function(SWITCHED, arg=SCHEME[palette])
    page.emulate_media(color_scheme=palette)
