"""The whole site builds strictly, and search (Pagefind's index) covers every page.

A file from another host fails the strict build itself: Material's privacy plugin
(mkdocs.yml, ``assets_fetch: false``) warns ``External file: <url> in '<page>'`` for
scripts, style sheets, images and CSS ``url()``; tests/site/test_contributor_mistakes.py
proves it. Every other request (an iframe, a video) fails the browser tests, whose
traffic watcher blocks anything not local on every page (tests/browser/test_every_page.py).
"""

from __future__ import annotations

import pytest


def test_strict_build_passes(site_build):
    _, _, result = site_build
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}", pytrace=False)


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
