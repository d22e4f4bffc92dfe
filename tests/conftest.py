"""Fixtures every test can use: the built site, a local server, and a watched browser.

The site is built once per run. Browser tests get a fresh browser context
(empty localStorage) whose traffic is recorded; a test fails at teardown if the page
logged a console error, a local request failed, or anything reached for another host.
"""

from __future__ import annotations

import collections
import contextlib
import fcntl
import json
import subprocess
import tempfile
from pathlib import Path

import pytest

from atlas.site import harness

# One build per run, served by one server. Under pytest-xdist the controller process serves a
# folder for the whole run and tells each worker where it is and its address (the build must
# know the address, or instant navigation falls back to full loads); the first worker to need
# the site builds it, the others wait for that build and read its result. Without xdist the
# session fixture does both itself.
_SHARED = pytest.StashKey[tuple]()


def _served_folder(stack: contextlib.ExitStack) -> tuple[Path, str]:
    """A new temporary folder with an empty ``site/`` in it, served: (folder, site's URL)."""
    folder = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="atlas-site-")))
    (folder / "site").mkdir()
    return folder, stack.enter_context(harness.serve(folder / "site"))


def pytest_configure(config):
    if hasattr(config, "workerinput") or not config.pluginmanager.hasplugin("dsession"):
        return
    stack = contextlib.ExitStack()
    folder, url = _served_folder(stack)
    config.stash[_SHARED] = (stack, {"folder": str(folder), "url": url})


def pytest_unconfigure(config):
    if _SHARED in config.stash:
        config.stash[_SHARED][0].close()


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    """(pytest-xdist, in the controller) Hand each worker the served folder and address."""
    if _SHARED in node.config.stash:
        node.workerinput["atlas_site"] = node.config.stash[_SHARED][1]


def _build_once(folder: Path, url: str) -> subprocess.CompletedProcess:
    """Build into ``folder``/site unless another worker did; the result is kept beside it."""
    record = folder / "build.json"
    with (folder / "build.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not record.exists():
            result = harness.build(site_dir=folder / "site", site_url=url)
            record.write_text(json.dumps([result.returncode, result.stdout]), encoding="utf-8")
    returncode, stdout = json.loads(record.read_text(encoding="utf-8"))
    return subprocess.CompletedProcess(["mkdocs", "build"], returncode, stdout)


@pytest.fixture(scope="session")
def site_build(request):
    """The real site, built strictly once per run and served on 127.0.0.1 at a free port.

    Yields (folder, url, result): the server starts first so that the build can be
    told its address.
    """
    with contextlib.ExitStack() as stack:
        shared = getattr(request.config, "workerinput", {}).get("atlas_site")
        if shared is None:
            folder, url = _served_folder(stack)
        else:
            folder, url = Path(shared["folder"]), shared["url"]
        yield folder / "site", url, _build_once(folder, url)


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
