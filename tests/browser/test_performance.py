"""What issue 18 made fast stays working: each page loads only the JavaScript it uses and
every feature works after an in-site click (instant navigation); widgets filled by a
script move nothing; search (Pagefind's index behind Material's dialog, atlas/site/search.py)
fetches nothing until a query and still finds prose, headings and glossary terms, with the
shortcut, keyboard and highlighting; the server gzips like GitHub Pages.
Timings are measured by `make bench`, never asserted here."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser import axe
from tests.browser.instant import follow, settle

# site.js is inlined in every page (atlas/site/scripts.py); the theme starts its search
# worker on every page, which is ours (atlas/site/search.py) and fetches nothing more
# until a query.
SITE_WIDE = {"bundle", "search-worker.min.js"}
PROGRESS = {"progress.min.js"}  # the six modules, minified into one (atlas/site/scripts.py)
WIDGET_SCRIPTS = {
    "roadmap/tool-calling/": PROGRESS,
    "roadmap/": PROGRESS,
    "roles/self-check/": {"roles.min.js"},
    "": set(),
    "map/circles/": set(),
    "glossary/": set(),
}


def scripts_fetched(traffic) -> set[str]:
    names = set()
    for url in traffic.requests:
        name = url.split("?")[0].rsplit("/", 1)[-1]
        if name.endswith(".js") and "/workers/" not in url:
            names.add("bundle" if name.startswith("bundle.") else name)
    return names


@pytest.mark.parametrize("path", list(WIDGET_SCRIPTS))
def test_a_page_fetches_only_the_scripts_it_uses(context, path):
    page = context.new_page()
    page.goto(path)
    settle(page)  # the scripts the page names have loaded (the load event), and the rest
    fetched = scripts_fetched(context.traffic)
    assert fetched == SITE_WIDE | WIDGET_SCRIPTS[path], (
        f"/{path} fetched the scripts {sorted(fetched)}; it should fetch "
        f"{sorted(SITE_WIDE | WIDGET_SCRIPTS[path])}. Page-specific scripts are added by "
        "overrides/main.html where the page holds the widget; site-wide ones are "
        "inlined by atlas/site/scripts.py"
    )


def test_every_widget_works_after_instant_navigation(page):
    page.goto("")
    # The progress widget, reached from a page that did not load its code.
    follow(page, "roadmap/tool-calling/")
    status = page.locator(".atlas-progress[data-project='tool-calling'] select")
    expect(status).to_have_count(1)
    status.select_option("learning")
    # Another roadmap page: the scripts run again but set up only once.
    follow(page, "roadmap/")
    expect(page.locator(".atlas-progress-panel button").first).to_be_visible()
    row = page.locator("span.atlas-progress[data-project='tool-calling'] select")
    expect(row).to_have_count(1)
    expect(row).to_have_value("learning")
    # The self-check form.
    follow(page, "roles/self-check/")
    form = page.locator(".roles-selfcheck form")
    expect(form).to_have_count(1)
    expect(form.locator("input[type=radio]").first).to_be_attached()
    # site.js: the first use of a glossary term takes keyboard focus.
    follow(page, "glossary/")
    follow(page, "map/circles/")
    expect(page.locator(".md-content abbr[tabindex='0']").first).to_be_attached()


# Each widget page and an element its script adds when it fills the widget.
WIDGET_PAGES = {
    "roadmap/tool-calling/": ".atlas-progress[data-project='tool-calling'] select",
    "roadmap/": ".atlas-progress-panel button",
    "roles/self-check/": ".roles-selfcheck form input[type=radio]",
}
LAYOUT_SHIFTS = """window.__atlasShifts = [];
new PerformanceObserver(list => { for (const e of list.getEntries())
  if (!e.hadRecentInput) window.__atlasShifts.push({value: e.value,
    nodes: e.sources.map(s => s.node ? (s.node.className || s.node.nodeName) : '?')}); })
  .observe({type: 'layout-shift', buffered: true});"""


@pytest.mark.parametrize("width", [412, 1280])
@pytest.mark.parametrize("path", WIDGET_PAGES)
def test_widgets_keep_their_space_while_their_script_fills_them(browser, base_url, path, width):
    context = browser.new_context(base_url=base_url, viewport={"width": width, "height": 900})
    context.add_init_script(LAYOUT_SHIFTS)
    page = context.new_page()
    page.goto(path)
    settle(page)
    expect(page.locator(WIDGET_PAGES[path]).first).to_be_attached()  # the script filled it
    # Two frames: the filled widget is laid out and painted, and its shifts reported.
    page.evaluate(
        "new Promise((done) => requestAnimationFrame(() =>"
        " requestAnimationFrame(() => setTimeout(done))))"
    )
    shifts = page.evaluate("window.__atlasShifts")
    context.close()
    total = sum(s["value"] for s in shifts)
    assert total <= 0.02, (
        f"/{path} at {width} px: the layout shifted by {total:.3f} (CLS) while loading, "
        f"moving {[s['nodes'][:3] for s in shifts]}; reserve the widget's filled size in "
        'the "Layout stability" block of docs/assets/stylesheets/roadmap.css'
    )


def search(page, words: str):
    page.keyboard.press("/")  # the theme's shortcut (also "s" and "f")
    query = page.locator("input.md-search__input")
    expect(query).to_be_focused()
    expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching")
    query.press_sequentially(words)
    expect(query).to_have_value(words)
    return page.locator(".md-search-result__item")


@pytest.mark.parametrize(
    "words, target, kind",
    [
        ("stitching", "/map/circles/", "prose"),  # a word of running text
        ("retraining schedule", "/scenarios/scaling/", "heading"),
        ("hallucination", "/glossary/", "glossary term"),
    ],
)
def test_search_finds_prose_headings_and_glossary_with_keyboard_and_highlight(
    page, words, target, kind
):
    page.goto("")
    results = search(page, words)
    first = words.split()[0].lower()
    # Results update while the words are typed: wait for the ones for the whole query.
    hit = page.locator(f".md-search-result__item a[href*='{target}'][href*='{first}']").first
    expect(hit).to_be_attached()
    assert results.count() > 0, f"searching the {kind} {words!r} found nothing"
    # Keyboard: arrow down to the section that matched (the page's own entry comes first
    # and carries no terms) and Enter follows it; the page then highlights the words.
    focused = ""
    for _ in range(6):
        page.keyboard.press("ArrowDown")
        focused = page.evaluate("document.activeElement.getAttribute('href') || ''")
        if target in focused and re.search(rf"[?&]h=[^&#]*{first}", focused):
            break
    else:
        pytest.fail(f"ArrowDown never reached a {target} result that matched {words!r}: {focused}")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(target) + r"\?h=[^&#]"))
    marks = page.locator("article mark[data-md-highlight]")
    # Waits: the marks are added as the new page is swapped in, before it is shown.
    expect(marks.first).to_have_text(re.compile(re.escape(first), re.IGNORECASE))


def test_search_leaves_out_code_blocks_but_finds_inline_code(page):
    page.goto("")
    # ModelUnreachable is written only as inline code in the prose (use-a-real-model).
    results = search(page, "ModelUnreachable")
    expect(results.first).to_contain_text("ModelUnreachable")
    # "kilograms" appears only inside code blocks, which atlas/site/search.py leaves out.
    query = page.locator("input.md-search__input")
    query.press("Control+a")  # the theme reads key presses, not fill()
    query.press_sequentially("kilograms")
    expect(page.locator(".md-search-result__meta")).to_have_text("No matching documents")
    expect(page.locator(".md-search-result__item")).to_have_count(0)


def pagefind_requests(traffic) -> list[str]:
    return [u for u in traffic.requests if "/pagefind/" in u]


def test_search_fetches_nothing_until_a_query_and_works_after_instant_navigation(context):
    page = context.new_page()
    page.goto("")
    settle(page)
    # The worker has answered the theme's set-up message (READY): had it fetched Pagefind
    # then, its requests were made before this.
    expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching")
    assert pagefind_requests(context.traffic) == [], (
        "the first load fetched Pagefind's files before any query: "
        f"{pagefind_requests(context.traffic)}; the worker imports them on the first query"
    )
    follow(page, "map/")  # the worker and the dialog survive instant navigation
    results = search(page, "stitching")
    expect(results.locator("a[href*='/map/circles/']").first).to_be_attached()
    fetched = pagefind_requests(context.traffic)
    assert any(u.endswith("/pagefind/pagefind.js") for u in fetched), fetched
    assert any("/pagefind/index/" in u for u in fetched), fetched


def test_search_results_are_accessible_in_both_palettes(page, palette):
    page.goto("")
    results = search(page, "prompt injection")
    expect(results.first).to_be_attached()
    expect(page.locator(".md-search-result mark").first).to_be_attached()
    assert axe.violations(page, within=".md-search") == [], (
        f"the search dialog and its results in the {palette} palette"
    )


@pytest.mark.parametrize(
    "path",
    [
        "",
        "assets/stylesheets/atlas.css",
        "assets/stylesheets/roadmap.css",
        "assets/javascripts/progress.min.js",
        "sitemap.xml",
    ],
)
def test_the_site_is_served_gzip_encoded_as_on_github_pages(page, path):
    response = page.request.get(path, headers={"Accept-Encoding": "gzip"})
    assert response.ok
    assert response.headers.get("content-encoding") == "gzip", (
        f"/{path} was served uncompressed; the browser tests and make bench must see "
        "what GitHub Pages sends (atlas/site/harness.py, QuietHandler)"
    )
