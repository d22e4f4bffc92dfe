"""A feature's stylesheet loads only on the pages that hold the feature (issues 17 and 18):
overrides/main.html links it at the start of the page's content, where instant navigation
swaps it in with the content. Each sheet is applied after a first load and after an
in-site click, the reader never sees the content without it, and the home page loads none.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.instant import follow, settle

FEATURE_SHEETS = {"code.css", "diagrams.css", "roadmap.css", "roles.css", "notebook.css"}

# (page, the feature sheets it links, a sheet, a style that sheet sets: JavaScript that
# returns the computed value, the value). Material sets none of these values itself.
APPLIED = [
    (
        "roadmap/first-call/",
        {"code.css", "roadmap.css"},
        "code.css",
        "getComputedStyle(document.body).getPropertyValue('--md-code-hl-comment-color').trim()",
        "#626668",
    ),
    (
        "map/circles/",
        {"diagrams.css"},
        "diagrams.css",
        "getComputedStyle(document.querySelector('.atlas-diagram svg')).display",
        "block",
    ),
    (
        # The "Layout stability" rule (6rem under html.atlas-js), in px at this width.
        "roadmap/",
        {"code.css", "roadmap.css"},
        "roadmap.css",
        "getComputedStyle(document.querySelector('.atlas-progress-panel')).minHeight === "
        "6 * parseFloat(getComputedStyle(document.documentElement).fontSize) + 'px'",
        True,
    ),
    (
        "roles/self-check/",
        {"roles.css"},
        "roles.css",
        "getComputedStyle(document.querySelector('.roles-selfcheck-form legend')).fontWeight",
        "700",
    ),
    (
        "scenarios/support-chatbot-notebook/",
        {"code.css", "notebook.css"},
        "notebook.css",
        "getComputedStyle(document.querySelector('.jupyter-wrapper .highlight-ipynb pre'))"
        ".whiteSpace",
        "pre-wrap",
    ),
]

# Every frame in which a sheet linked in the article has not loaded yet: was any of the
# page's content (more than the links and the script) shown?
FRAMES = """window.__atlasFrames = [];
(function loop() { requestAnimationFrame(() => {
  const article = document.querySelector('article');
  const pending = article ? [...article.querySelectorAll(':scope > link[rel=stylesheet]')]
    .filter((l) => !l.sheet).map((l) => l.href.split('/').pop()) : [];
  if (pending.length) window.__atlasFrames.push({pending,
    shown: getComputedStyle(article).visibility === 'visible'
      && !!article.querySelector(':scope > :not(link, script)')});
  loop(); }); })();"""

SLOW = 0.25  # seconds each feature sheet takes to arrive, as over a real network


def feature_links(page) -> set[str]:
    hrefs = page.eval_on_selector_all("link[rel=stylesheet]", "ls => ls.map((l) => l.href)")
    return {h.rsplit("/", 1)[-1] for h in hrefs} & FEATURE_SHEETS


def css_fetched(traffic) -> set[str]:
    return {u.split("?")[0].rsplit("/", 1)[-1] for u in traffic.requests if ".css" in u}


def slow_feature_sheets(context) -> None:
    def delay(route):
        # Waits without holding up the other requests and events (time.sleep would stall
        # them all, so that two sheets took twice as long).
        route.request.frame.page.wait_for_timeout(SLOW * 1000)
        route.continue_()

    for sheet in FEATURE_SHEETS:
        context.route(f"**/assets/stylesheets/{sheet}", delay)


def test_home_loads_none_of_the_feature_sheets(context):
    page = context.new_page()
    page.goto("")
    settle(page)
    fetched = css_fetched(context.traffic) & FEATURE_SHEETS
    assert fetched == set(), (
        f"the home page fetched {sorted(fetched)}; a feature's sheet belongs only on pages "
        "that hold the feature (overrides/main.html)"
    )
    # Back home from a page with feature sheets: they leave with that page's content.
    follow(page, "roadmap/")
    expect(page.locator(".atlas-progress-panel")).to_be_attached()  # the content is swapped
    assert feature_links(page) == {"code.css", "roadmap.css"}
    follow(page, "")
    expect(page.locator(".md-typeset .grid.cards")).to_be_attached()
    assert feature_links(page) == set(), "the roadmap's sheets stayed after leaving it"


@pytest.mark.parametrize("how", ["a first load", "an instant navigation"])
@pytest.mark.parametrize("path, sheets, sheet, style, value", APPLIED)
def test_a_feature_sheet_is_applied_and_never_missed(
    context, how, path, sheets, sheet, style, value
):
    slow_feature_sheets(context)
    context.add_init_script(FRAMES)
    page = context.new_page()
    if how == "a first load":
        page.goto(path)
    else:
        page.goto("")
        follow(page, path)
    # follow() returns once the address changed; the theme swaps the content after that.
    expect(page.locator(f"article > link[href$='/{sheet}']")).to_be_attached()
    assert feature_links(page) == sheets, f"/{path} after {how} links {feature_links(page)}"
    page.wait_for_function(
        "s => [...document.styleSheets].some((x) => x.href && x.href.endsWith('/' + s))", arg=sheet
    )
    expect(page.locator("article")).to_be_visible()
    assert page.evaluate(style) == value, (
        f"/{path} after {how}: {sheet} is loaded but its rule does not apply ({style})"
    )
    unstyled = [f for f in page.evaluate("window.__atlasFrames") if f["shown"]]
    assert unstyled == [], (
        f"/{path} after {how}: the content was painted while {unstyled[0]['pending']} "
        "had not arrived (a flash of unstyled content; see the content block of "
        "overrides/main.html)"
    )
