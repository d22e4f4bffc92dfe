"""The whole site builds strictly, and search (Pagefind's index) covers every page.

A file from another host fails the strict build itself: Material's privacy plugin
(mkdocs.yml, ``assets_fetch: false``) warns ``External file: <url> in '<page>'`` for
scripts, style sheets, images and CSS ``url()``; tests/site/test_contributor_mistakes.py
proves it. Every other request (an iframe, a video) fails the browser tests, whose
traffic watcher blocks anything not local on every page (tests/browser/test_every_page.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest


def test_strict_build_passes(site_build):
    _, _, result = site_build
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}", pytrace=False)


def test_every_page_names_a_favicon_that_is_built(site_dir):
    """The browser tests' headless shell fetches no favicon, so this checks it on disk."""
    import re

    missing = []
    pages = sorted(site_dir.rglob("*.html"))
    for page in pages:
        links = re.findall(r'<link rel="icon" href="([^"]+)"', page.read_text(encoding="utf-8"))
        # (404.html links from the site's root: it is served at any depth.)
        base = site_dir if links[:1] and links[0].startswith("/") else page.parent
        if len(links) != 1 or not (base / links[0].lstrip("/")).resolve().is_file():
            missing.append(f"{page.relative_to(site_dir)}: {links}")
    assert pages and missing == [], missing


def test_search_index_covers_every_page(site_dir):
    """Pagefind indexed every built page (atlas/site/search.py marks each page's article),
    and the theme's own index keeps only its config: the documents are Pagefind's."""
    import json

    built = [
        p
        for p in site_dir.rglob("index.html")
        if not {"assets", "pagefind"} & set(p.relative_to(site_dir).parts)
    ]
    unmarked = [
        str(p.relative_to(site_dir)) for p in built if "data-pagefind-body" not in p.read_text()
    ]
    assert unmarked == [], f"pages Pagefind would not index: {unmarked}"
    entry = json.loads((site_dir / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["en"]["page_count"] == len(built)
    theme_index = json.loads((site_dir / "search" / "search_index.json").read_text())
    assert theme_index["docs"] == [] and theme_index["config"]["lang"] == ["en"]


def test_the_palette_sheet_keeps_the_named_colours_and_schemes_only(site_dir):
    """atlas/site/palette.py: the theme's palette rules for indigo and slate stay, those
    for the colours mkdocs.yml does not name go."""
    (sheet,) = (site_dir / "assets" / "stylesheets").glob("palette.*.min.css")
    css = sheet.read_text()
    for kept in ("[data-md-color-primary=indigo]", "[data-md-color-accent=indigo]"):
        assert kept in css
    assert "[data-md-color-scheme=slate]{color-scheme:dark" in css
    for gone in ("[data-md-color-primary=red]", "[data-md-color-accent=teal]"):
        assert gone not in css, f"{sheet.name} still holds {gone}"


def test_our_stylesheets_ship_minified_and_the_themes_untouched(site_dir):
    """atlas/site/stylesheets.py: every rule of a source reaches the reader, no comment does."""
    from atlas.site import harness, stylesheets

    folder = site_dir / "assets" / "stylesheets"
    for source in sorted((harness.ROOT / "docs" / "assets" / "stylesheets").glob("*.css")):
        built = (folder / source.name).read_text()
        assert "/*" in source.read_text() and "/*" not in built, source.name
        assert built == stylesheets.minify(source.read_text())
    import material

    (main,) = folder.glob("main.*.min.css")
    theme = Path(material.__file__).parent / "templates" / "assets" / "stylesheets" / main.name
    assert main.read_bytes() == theme.read_bytes(), "the theme's own sheet was rewritten"
