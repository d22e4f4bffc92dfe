"""The whole site builds strictly, and search covers every page.

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
    import json

    index = json.loads((site_dir / "search" / "search_index.json").read_text())
    pages = {doc["location"].split("#")[0] for doc in index["docs"]}
    built = {
        str(p.parent.relative_to(site_dir)).replace(".", "") + "/"
        for p in site_dir.rglob("index.html")
        if "assets" not in p.parts
    }
    missing = {b.lstrip("/") for b in built} - {p for p in pages} - {""}
    assert missing == set()
