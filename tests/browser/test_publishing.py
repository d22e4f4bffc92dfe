"""What a reader of the published site relies on: a helpful 404, edit and date lines."""

from __future__ import annotations

import re

from playwright.sync_api import expect

from tests.browser import axe, palettes


def test_missing_page_shows_a_404_that_leads_somewhere(page):
    page.context.traffic.expect_console_error(r"status of 404 .*/no-such-page/")
    response = page.goto("no-such-page/")
    assert response.status == 404
    expect(page.locator("h1#page-not-found")).to_have_text("Page not found")
    for palette in ("light", "dark"):  # one load, both palettes (tests/browser/palettes.py)
        palettes.switch(page, palette)
        assert axe.violations(page) == [], f"the 404 page, {palette} palette"
    page.get_by_label("Search the site").fill("Jayatillake")
    page.keyboard.press("Enter")
    expect(page.locator(".md-search-result__item").first).to_contain_text("Jayatillake")
    page.goto("no-such-page/")
    page.get_by_role("link", name="The roadmap", exact=True).last.click()
    expect(page).to_have_url(re.compile(r"/roadmap/$"))
    expect(page.locator("article h1").first).to_contain_text("roadmap")


def test_pages_show_edit_link_and_last_update(page):
    page.goto("sources/")
    edit = page.locator("a.md-content__button[rel='edit']")
    expect(edit).to_have_attribute("href", re.compile(r"/edit/main/docs/sources\.md$"))
    expect(page.locator(".git-revision-date-localized-plugin")).to_have_text(
        re.compile(r"^[A-Z][a-z]+ \d{1,2}, \d{4}$")
    )
