"""The map section in a real browser: glossary tooltips.

Its diagrams are checked by the diagram contract, tests/browser/test_diagrams.py.
"""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.instant import no_full_reload

ROOT = Path(__file__).resolve().parents[2]
TOOLTIPS = dict(
    re.findall(
        r"^\*\[([^\]]+)\]: (.+)$",
        (ROOT / "includes/abbreviations.md").read_text(encoding="utf-8"),
        re.M,
    )
)


def test_glossary_tooltip_appears_on_hover(page):
    page.goto("map/circles/")
    term = page.locator("article abbr", has_text=re.compile(r"^LLMs?$")).first
    term.hover()
    tooltip = page.locator(".md-tooltip2--active")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_text(TOOLTIPS[term.text_content()])


def test_glossary_tooltip_appears_on_keyboard_focus_after_instant_navigation(page):
    page.goto("map/")
    with no_full_reload(page):
        page.locator("article a[href$='circles/']").first.click()
        expect(page).to_have_url(re.compile(r"/map/circles/$"))
    expect(page.locator('.atlas-diagram[data-diagram="circles"] svg')).to_be_visible()
    # The first use of each term is a tab stop; repeats are not.
    terms = page.locator("article abbr")
    expect(terms.first).to_have_attribute("tabindex", "0")
    focusable = page.locator("article abbr[tabindex='0']").all_text_contents()
    assert len(focusable) == len(set(focusable)) >= 3
    page.locator("article abbr[tabindex='0']").first.focus()
    for _ in range(40):  # real keyboard movement, past links, onto the next term
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.tagName") == "ABBR":
            break
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == focusable[1]
    expect(page.locator(".md-tooltip2--active")).to_have_text(TOOLTIPS[focused])


def test_every_glossary_term_shows_its_tooltip_on_the_glossary_page(page):
    """Each defined term, hovered on the built glossary, shows the tooltip text."""
    page.goto("glossary/")
    terms = page.locator("article dt abbr")
    expect(terms).to_have_count(page.locator("article dt").count())
    assert terms.count() >= 14
    tooltip = page.locator(".md-tooltip2--active")
    for index in range(terms.count()):
        term = terms.nth(index)
        term.hover()
        expect(tooltip).to_have_text(TOOLTIPS[term.text_content()])
        page.mouse.move(0, 0)
        expect(tooltip).to_have_count(0)
