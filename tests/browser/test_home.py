"""The home page as a reader uses it: loads, searches, switches palette, stays accessible."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser.instant import no_full_reload, settle


def test_home_page_loads_with_the_three_sections(page):
    page.goto("")
    expect(page).to_have_title("AI Engineering Atlas")
    cards = page.locator(".grid.cards a")
    expect(cards).to_have_count(3)
    targets = [cards.nth(i).get_attribute("href").rsplit("/", 2)[-2] for i in range(3)]
    assert targets == ["map", "roles", "roadmap"]


def test_home_cards_show_icons_and_labels_not_markdown(page):
    """What a reader sees on each card: an icon drawn inline, a title, a labelled link;
    no `:material-...:` shortcode or `{ .lg }` attribute list left as text."""
    page.goto("")
    cards = page.locator(".grid.cards > ul > li")
    expect(cards).to_have_count(3)
    expected = [
        ("The map", "Read the map"),
        ("The roles", "Meet the roles"),
        ("The roadmap", "Start building"),
    ]
    for i, (title, label) in enumerate(expected):
        card = cards.nth(i)
        seen = card.inner_text()
        leftovers = re.findall(r":[a-z][\w-]*:|\{[^}]*\}", seen)
        assert leftovers == [], f"home card {i + 1} shows Markdown as text: {leftovers}"
        expect(card.locator("strong").first).to_have_text(title)
        icon = card.locator("p").first.locator("svg")
        expect(icon).to_have_count(1)
        expect(icon).to_be_visible()
        box = icon.bounding_box()
        assert box and box["width"] >= 24, f"home card {i + 1}: icon drawn {box} (want >= 24 px)"
        link = card.locator("a")
        expect(link).to_have_count(1)
        expect(link).to_have_text(label)
        expect(link.locator("svg")).to_be_visible()


def test_search_finds_a_word_from_another_page_and_its_link_works(page):
    page.goto("")
    page.locator("input.md-search__input").click()
    # Typing before the search worker has loaded its index is silently ignored.
    expect(page.locator(".md-search-result__meta")).to_have_text("Type to start searching")
    # A word only the sources page has (Warepam's article is on Medium), so that the
    # result is on the first screen of results however many pages cite the authors.
    page.locator("input.md-search__input").press_sequentially("Medium")
    first = page.locator(".md-search-result__item a[href*='/sources/']").first
    expect(first).to_be_visible()
    first.click()
    expect(page).to_have_url(re.compile(r"/sources/(\?[^#]*)?(#.*)?$"))
    content = page.locator("article.md-content__inner")
    expect(content.locator("h1")).to_have_id("sources")
    expect(content).to_contain_text("Richard Warepam, in the publication")


def test_palette_toggle_switches_and_persists(page):
    page.goto("")
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    page.locator("form[data-md-component='palette'] label:visible").click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.reload()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")


def test_instant_navigation_keeps_the_page_alive(page):
    """Material's instant navigation swaps content without a full page load."""
    page.goto("")
    with no_full_reload(page):
        page.locator(".grid.cards a").first.click()
        expect(page).to_have_url(re.compile(r"/map/$"))


def test_a_citation_lands_on_its_source_entry_after_instant_navigation(page):
    """Regression: Material kept the old scroll position for links to another page's
    #anchor (docs/assets/javascripts/anchors.js fixes it)."""
    page.goto("map/circles/")
    settle(page)  # the theme fully set up
    with no_full_reload(page):
        citation = page.locator("article a[href*='sources/#ai-engineering-is-not-ml']").last
        citation.scroll_into_view_if_needed()
        citation.click()
        expect(page).to_have_url(re.compile(r"/sources/#ai-engineering-is-not-ml$"))
        expect(page.locator("#ai-engineering-is-not-ml")).to_be_in_viewport()
