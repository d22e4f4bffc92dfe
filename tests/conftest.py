"""Fixtures every test can use: the built site, a local server, and a watched browser.

The site is built once per test session. Browser tests get a fresh browser context
(empty localStorage) whose traffic is recorded; a test fails at teardown if the page
logged a console error, a local request failed, or anything reached for another host.
"""

from __future__ import annotations

import collections
import fcntl
import tempfile
from pathlib import Path

import pytest

from atlas.site import harness


@pytest.fixture(scope="session")
def site_build():
    """The real site, built strictly once and served on 127.0.0.1 at a free port.

    Yields (folder, url, result): the server starts first so that the build can be
    told its address.
    """
    with (
        tempfile.TemporaryDirectory(prefix="atlas-site-") as folder,
        harness.serve(Path(folder)) as url,
    ):
        # Under pytest-xdist each worker builds its own copy (the build is told the worker's
        # server address); one at a time, so the second finds the notebook already executed
        # in the cache (atlas/site/notebook_cache.py) and the notebook runs once per run.
        lock = harness.ROOT / ".cache" / "site-build.lock"
        lock.parent.mkdir(exist_ok=True)
        with lock.open("w") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            result = harness.build(site_dir=Path(folder), site_url=url)
        yield Path(folder), url, result


@pytest.fixture(scope="session")
def site_dir(site_build) -> Path:
    folder, _, result = site_build
    if result.returncode != 0:
        pytest.fail(f"the site does not build:\n{result.stdout}", pytrace=False)
    return folder


@pytest.fixture(scope="session")
def base_url(site_build, site_dir) -> str:
    return site_build[1]


# Package scope: Playwright's sync API keeps an event loop running while it is open, and
# pages that call asyncio.run() (the MCP project) must not find one when Sybil runs them.
@pytest.fixture(scope="package")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = harness.launch(playwright)
        yield browser
        browser.close()


@pytest.fixture(params=["light", "dark"])
def palette(request) -> str:
    return request.param


@pytest.fixture
def context(browser, base_url, request):
    """A fresh browser context; a test that takes `palette` gets that colour scheme."""
    params = getattr(request.node, "callspec", None)
    scheme = params.params.get("palette", "light") if params else "light"
    context = browser.new_context(
        base_url=base_url, color_scheme=scheme, viewport={"width": 1280, "height": 900}
    )
    context.traffic = harness.watch(context)
    yield context
    problems = context.traffic.problems()
    context.close()
    if problems:
        pytest.fail("the page misbehaved:\n  " + "\n  ".join(problems), pytrace=False)


@pytest.fixture
def page(context):
    return context.new_page()


# Fixtures that build the site, clone the project or start processes on first use.
SLOW_FIXTURES = {"site_build", "fresh_clone"}
# The session build may take 300 s (harness.build), a page's `make setup` 600 s.
SLOW_TIMEOUT = 900


# pytest-xdist gives each worker whole files (`--dist loadfile`), in the order of `items`
# (the Makefile passes --no-loadscope-reorder, which turns off xdist's own order: most tests
# first). The longest files go first, so that the two workers finish together instead of one
# running the 35 s sweep over every page alone at the end: that sweep, then the other browser
# tests, then the rest, each by number of tests. The order within a file stays.
LONGEST = "tests/browser/test_every_page.py"


def _file(item) -> str:
    return item.nodeid.split("::")[0]


def _longest_first(items) -> None:
    counts = collections.Counter(_file(item) for item in items)
    items.sort(
        key=lambda item: (
            _file(item) != LONGEST,
            not _file(item).startswith("tests/browser/"),
            -counts[_file(item)],
        )
    )


def pytest_collection_modifyitems(items):
    _longest_first(items)
    for item in items:
        if item.nodeid.startswith("tests/browser/"):
            item.add_marker(pytest.mark.browser)
        if SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
        if item.get_closest_marker("slow") and not item.get_closest_marker("timeout"):
            item.add_marker(pytest.mark.timeout(SLOW_TIMEOUT))
