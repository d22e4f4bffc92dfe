"""Every page in the sitemap, in both palettes: it loads, has one title, stays quiet in the
console, fetches nothing from other hosts, and has no serious axe-core violations.

One load per page serves both palettes: the page opens in one (as a reader whose system is
in that colour scheme), every axe rule runs; the reader's toggle then switches to the other,
where the rules whose outcome depends on colours run again (axe's ``cat.color`` rules, read
from the first run). A switch changes colours only, which the test checks (the same elements
shown in both). The palette a page opens in alternates, so each palette gets every rule on
half of the pages, the header's palette toggle included."""

from __future__ import annotations

import re

import pytest

from tests.browser import axe, palettes


@pytest.fixture(scope="module")
def paths(site_dir) -> list[str]:
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert locations, "the sitemap lists no pages"
    return [re.sub(r"^https?://[^/]+/", "", loc) for loc in locations]


def test_every_page_loads_cleanly_and_accessibly_in_both_palettes(page, paths):
    failures = []
    for number, path in enumerate(paths):
        first, second = palettes.in_turn(number)
        page.emulate_media(color_scheme=first)
        response = page.goto(path)
        if response is None or response.status != 200:
            failures.append(f"/{path}: HTTP {response.status if response else 'no response'}")
            continue
        opened = palettes.scheme(page)
        assert opened == first, f"/{path} opened in the {opened} palette, not the {first}"
        titles = page.locator("article h1").count()
        if titles != 1:
            failures.append(f"/{path}: {titles} <h1> in the article, expected 1")
        results = axe.results(page)
        failures += [f"/{path} ({first}): {v}" for v in axe.describe(results)]
        shown = palettes.shown(page)

        palettes.switch(page, second)
        if palettes.shown(page) != shown:
            failures.append(
                f"/{path}: the {second} palette shows or hides other elements than the "
                f"{first}; this test runs only the colour rules there (run them all)"
            )
        rules = axe.colour_rules(results)
        assert {"color-contrast", "link-in-text-block"} <= set(rules), rules
        failures += [f"/{path} ({second}): {v}" for v in axe.describe(axe.results(page, rules))]
        # The next page opens in the palette its reader's system asks for, not the toggled one.
        page.evaluate("localStorage.clear()")
    assert failures == [], f"{len(failures)} problems:\n  " + "\n  ".join(failures)
