"""The scenarios section in a browser: navigation, the notebook page, nothing off-site."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from atlas.site import harness

SCENARIOS = {
    "Fraud detection": ("scenarios/fraud-detection/", "Fraud detection, two ways"),
    "Support chatbot": ("scenarios/support-chatbot/", "A support chatbot, two ways"),
    "Scaling to many users": ("scenarios/scaling/", "Scaling to many users, two ways"),
}
NOTEBOOK = "scenarios/support-chatbot-notebook/"


def heading(text: str) -> re.Pattern:
    """A heading's text, followed by the permalink sign the theme adds."""
    return re.compile(f"^{re.escape(text)}\\W*$")


@pytest.mark.parametrize("link", list(SCENARIOS))
def test_overview_links_reach_each_scenario_without_a_full_reload(page, link):
    path, title = SCENARIOS[link]
    page.goto("scenarios/")
    page.evaluate("window.__atlasMarker = 1")
    page.locator("article table a", has_text=re.compile(f"^{link}$")).click()
    expect(page).to_have_url(re.compile(re.escape(path) + r"(#.*)?$"))
    expect(page.locator("article h1")).to_have_text(heading(title))
    assert page.evaluate("window.__atlasMarker") == 1, "the click caused a full page load"
    learn = page.locator("article p").filter(has_text="What you will learn").first
    expect(learn).to_be_visible()
    expect(page.locator("article h2").last).to_have_text(heading("Where to go next"))


def test_stand_in_is_named_where_the_ai_path_runs(page):
    page.goto("scenarios/fraud-detection/")
    warning = page.locator("article .admonition.warning").first
    expect(warning).to_contain_text("offline stand-in, not a language model")
    expect(warning.locator("a")).to_have_attribute("href", re.compile(r"use-a-real-model/$"))


def test_notebook_page_shows_executed_outputs(page):
    page.goto(NOTEBOOK)
    expect(page.locator("article h1").first).to_have_text(re.compile("Support chatbot"))
    outputs = page.locator(".jp-OutputArea-output")
    expect(outputs.first).to_be_visible()
    expect(page.locator("article")).to_contain_text("intent accuracy: 21/24 = 88%")
    expect(page.locator("article")).to_contain_text("all checks pass        14/16 = 88%")


def test_notebook_page_loads_nothing_from_other_hosts(page, base_url):
    page.goto(NOTEBOOK)
    sources = page.eval_on_selector_all(
        "[src], link[href][rel~='stylesheet'], link[href][rel~='preload']",
        "els => els.map(e => e.src || e.href)",
    )
    assert sources, "expected the page to load local scripts and styles"
    off_site = [s for s in sources if not harness.is_local(s)]
    assert off_site == []
    assert page.locator("script[src='']").count() == 0


def test_instant_navigation_into_the_notebook_and_back(page):
    page.goto("scenarios/support-chatbot/")
    page.evaluate("window.__atlasMarker = 1")
    page.locator("article a", has_text="notebook").first.click()
    expect(page).to_have_url(re.compile(re.escape(NOTEBOOK) + r"(#.*)?$"))
    expect(page.locator("article")).to_contain_text("intent accuracy")
    page.go_back()
    expect(page).to_have_url(re.compile(r"scenarios/support-chatbot/(#.*)?$"))
    expect(page.locator("article h1")).to_have_text(heading("A support chatbot, two ways"))
    assert page.evaluate("window.__atlasMarker") == 1, "navigation caused a full page load"


def test_order_of_work_diagram_is_inline_and_labelled(page, palette):
    page.goto("scenarios/")
    svg = page.locator(".atlas-diagram svg[role='img']")
    expect(svg).to_have_count(1)
    expect(svg.locator("title")).to_have_text("Two orders of work")
    box = svg.bounding_box()
    assert box is not None and box["width"] > 300
    # Labels are drawn in the page's text colour, so they read in both palettes.
    label = svg.locator("text.scn-label", has_text="Context and prompts")
    colours = page.evaluate(
        "el => [getComputedStyle(el).fill, getComputedStyle(document.body).color]",
        label.element_handle(),
    )
    assert colours[0] == colours[1]
