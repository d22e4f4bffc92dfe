"""The scenarios section in a browser: navigation, the notebook page, nothing off-site."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.instant import no_full_reload

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
    with no_full_reload(page):
        page.locator("article table a", has_text=re.compile(f"^{link}$")).click()
        expect(page).to_have_url(re.compile(re.escape(path) + r"(#.*)?$"))
        expect(page.locator("article h1")).to_have_text(heading(title))


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


def test_instant_navigation_into_the_notebook_and_back(page):
    page.goto("scenarios/support-chatbot/")
    with no_full_reload(page, "the click or going back"):
        page.locator("article a", has_text="notebook").first.click()
        expect(page).to_have_url(re.compile(re.escape(NOTEBOOK) + r"(#.*)?$"))
        expect(page.locator("article")).to_contain_text("intent accuracy")
        page.go_back()
        expect(page).to_have_url(re.compile(r"scenarios/support-chatbot/(#.*)?$"))
        expect(page.locator("article h1")).to_have_text(heading("A support chatbot, two ways"))
