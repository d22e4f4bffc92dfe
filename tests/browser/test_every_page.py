"""Every page in the sitemap, in both palettes: it loads, has one title, stays quiet in the
console, fetches nothing from other hosts, and has no serious axe-core violations."""

from __future__ import annotations

import re

import pytest

from atlas.site import harness


@pytest.fixture(scope="module")
def paths(site_dir) -> list[str]:
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locations, "the sitemap lists no pages"
    return [re.sub(r"^https?://[^/]+/", "", loc) for loc in locations]


def test_every_page_loads_cleanly_and_accessibly(page, palette, paths):
    failures = []
    for path in paths:
        response = page.goto(path)
        if response is None or response.status != 200:
            failures.append(f"/{path}: HTTP {response.status if response else 'no response'}")
            continue
        titles = page.locator("article h1").count()
        if titles != 1:
            failures.append(f"/{path}: {titles} <h1> in the article, expected 1")
        failures += [f"/{path}: {v}" for v in harness.axe_violations(page)]
    assert failures == [], f"{len(failures)} problems in the {palette} palette"
