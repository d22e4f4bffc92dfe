"""Check that Material's instant navigation, not a full page load, moved the page.

Scripts that run only on a full load hide bugs of pages reached by instant navigation
(CONTRIBUTING: use the theme's ``document$``), so a test that means to exercise instant
navigation must fail when a click reloads the page instead::

    with no_full_reload(page):
        page.locator("article a").first.click()
        expect(page).to_have_url(...)
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator

from playwright.sync_api import expect

MARKER = "__atlasMarker"


# Instant navigation takes over only links it found in sitemap.xml, which the (deferred)
# theme bundle fetches after the page loads; a click before that is a plain page load.
SITEMAP_LOADED = (
    "performance.getEntriesByType('resource')"
    ".some((e) => e.name.endsWith('/sitemap.xml') && e.responseEnd > 0)"
)


# The page has finished loading: the load event has passed, and so has the theme's request
# after it (sitemap.xml, above), the last of a first load. (Resource entries are added when a
# response has arrived; the headless shell fetches no favicon.) An exact condition, where
# wait_for_load_state("networkidle") waits for 500 ms of quiet.
SETTLED = "document.readyState === 'complete' && " + SITEMAP_LOADED

# How many pages the theme has shown in this window: its document$ emits once for the first
# load (it replays the latest) and once for each page instant navigation swaps in.
SHOWN = """() => { if (window.__atlasShown === undefined) { window.__atlasShown = 0;
  document$.subscribe(() => { window.__atlasShown += 1; }); } return window.__atlasShown; }"""


def settle(page) -> None:
    """Wait until the page has finished loading (:data:`SETTLED`)."""
    page.wait_for_function(SETTLED)


def mark_live(page) -> None:
    """Wait until instant navigation is ready, then set the marker a full load would wipe."""
    page.wait_for_function(SITEMAP_LOADED)
    page.evaluate(f"window.{MARKER} = 1")


def assert_no_full_reload(page, what: str = "the click") -> None:
    """Fail if the page was reloaded since :func:`mark_live` set its marker."""
    assert page.evaluate(f"window.{MARKER}") == 1, (
        f"{what} caused a full page load: instant navigation did not take over, so this "
        "test does not exercise what it claims (harness.build(site_url=...) must be the "
        "address the site is served at)"
    )


@contextlib.contextmanager
def no_full_reload(page, what: str = "the click") -> Iterator[None]:
    """Mark the live page; fail after the block if navigation inside it reloaded it."""
    mark_live(page)
    yield
    assert_no_full_reload(page, what)


def follow(page, path: str) -> None:
    """An in-site click to ``path`` (a link added to the article) that instant navigation
    must handle; returns once the theme has swapped the new page in (its ``document$``
    emitted for it)."""
    with no_full_reload(page, f"the click to /{path}"):
        shown = page.evaluate(SHOWN)
        page.evaluate(
            """path => { const a = document.createElement('a'); a.href = '/' + path;
            a.id = 'atlas-test-link'; a.textContent = 'go';
            document.querySelector('article').appendChild(a); }""",
            path,
        )
        page.locator("#atlas-test-link").click()
        expect(page).to_have_url(re.compile(re.escape(path) + r"(#.*)?$"))
        # (A full load, which wiped the marker, is reported as such on leaving the block.)
        page.wait_for_function(f"n => !window.{MARKER} || ({SHOWN})() > n", arg=shown)
