"""The whole site builds strictly and loads nothing from another host."""

from __future__ import annotations

import re

import pytest

# Attributes through which a page makes the browser fetch something by itself.
FETCHING = re.compile(
    r"<(?P<tag>script|link|img|iframe|source|video|audio|embed|object)\b[^>]*?"
    r"\b(?P<attr>src|href|data|srcset)=\"(?P<url>[^\"]*)\"",
    re.IGNORECASE,
)
# CSS @import / url() and JavaScript module imports of another host.
IMPORTS = re.compile(
    r"(?:@import\s+(?:url\()?|url\(|import\s.*?from\s+|import\()\s*['\"]?"
    r"(?P<url>(?:https?:)?//[^'\")\s]+)"
)


def test_strict_build_passes(site_build):
    _, _, result = site_build
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{result.stdout}", pytrace=False)


def test_built_pages_fetch_nothing_from_other_hosts(site_dir):
    offenders = []
    for path in sorted(site_dir.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        for match in FETCHING.finditer(html):
            url, tag = match["url"], match["tag"].lower()
            if tag == "link" and re.search(r'rel="(canonical|alternate|prev|next)"', match[0]):
                continue  # navigation hints, not fetched
            if tag == "script" and url == "":
                offenders.append(f"{path.relative_to(site_dir)}: empty <script src>")
            elif re.match(r"(https?:)?//", url) and "//127.0.0.1" not in url:
                offenders.append(f"{path.relative_to(site_dir)}: <{tag} {match['attr']}={url}>")
        offenders += [
            f"{path.relative_to(site_dir)}: imports {m['url']}" for m in IMPORTS.finditer(html)
        ]
    for path in sorted(site_dir.rglob("*.css")) + sorted(site_dir.rglob("*.js")):
        text = path.read_text(encoding="utf-8", errors="replace")
        offenders += [
            f"{path.relative_to(site_dir)}: loads {m['url']}"
            for m in re.finditer(r"url\(\s*['\"]?(?P<url>(?:https?:)?//[^'\")]+)", text)
        ]
    assert offenders == []


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
