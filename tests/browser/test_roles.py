"""The roles section in a real browser: the timeline fits, the self-check answers every
combination with a role, what you keep and where to start, its links lead to real pages,
it works from the keyboard after instant navigation, and the pages stay accessible."""

from __future__ import annotations

import itertools
import re

import pytest
from playwright.sync_api import expect

from atlas.site import harness
from atlas.site import timeline as tl
from tests.browser import axe, palettes
from tests.browser.instant import assert_no_full_reload, no_full_reload
from tests.roles.test_selfcheck_rules import MD_LINK, rule_rows

ROLE_LINK = re.compile(r"^\[(?P<text>[^\]]+)\]\([^)#]*#(?P<anchor>[\w-]+)\)$")


def site_path(target: str, anchor: str | None) -> str:
    """The built address of a Markdown link on roles/self-check.md, from the site root."""
    parts = []
    for part in ("roles/" + target).split("/"):
        if part == "..":
            parts.pop()
        else:
            parts.append(part)
    page = "/".join(parts).removesuffix(".md")
    page = page.removesuffix("index") if page.endswith("/index") else page + "/"
    return "/" + page + (f"#{anchor}" if anchor else "")


def expected_results() -> dict[tuple[str, str], dict]:
    """(background, interest) -> the role link and the links of the last two columns."""
    _, rows = rule_rows()
    return {
        (row[0], row[1]): {
            "role": ROLE_LINK.match(row[2]),
            "links": [
                (m["text"], site_path(m["target"], m["anchor"]))
                for cell in row[3:]
                for m in MD_LINK.finditer(cell)
            ],
        }
        for row in rows
    }


def no_horizontal_scroll(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("width", [360, 1280])
def test_timeline_renders_without_horizontal_page_scroll(page, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("roles/timeline/")
    svg = page.locator('.atlas-diagram[data-diagram="timeline"] svg')
    expect(svg).to_be_visible()
    events = tl.load().events
    expect(svg.locator("circle")).to_have_count(len(events) + 2)  # plus the legend's two
    box = svg.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width
    # the labels are drawn: the last event's text has a real size on screen
    last = svg.locator("text", has_text=events[-1].short)
    assert last.bounding_box()["width"] > 0
    table = page.locator("table", has_text="Why it matters for the roles")
    expect(table.locator("tbody tr")).to_have_count(len(events))
    assert no_horizontal_scroll(page)


def answer(page, background: str, interest: str) -> None:
    form = page.locator("form.roles-selfcheck-form")
    form.locator("fieldset", has_text="Your background").get_by_label(
        background, exact=True
    ).check()
    form.locator("fieldset", has_text="What draws you most").get_by_label(
        interest, exact=True
    ).check()


def result_line(page, label: str):
    return page.locator(".roles-selfcheck-result p", has=page.locator("strong", has_text=label))


def test_self_check_gives_the_table_result_for_every_combination(page):
    page.goto("roles/self-check/")
    expected = expected_results()
    backgrounds = list(dict.fromkeys(b for b, _ in expected))
    interests = list(dict.fromkeys(i for _, i in expected))
    form = page.locator("form.roles-selfcheck-form")
    expect(form.locator("input[type=radio]")).to_have_count(len(backgrounds) + len(interests))
    result = page.locator(".roles-selfcheck-result")
    expect(result).to_be_hidden()
    rows = page.locator(".roles-selfcheck table tbody tr")
    for _n, (background, interest) in enumerate(itertools.product(backgrounds, interests)):
        answer(page, background, interest)
        want = expected[(background, interest)]
        role = want["role"]
        expect(result).to_be_visible()
        expect(result).to_have_attribute("data-role", role["text"])
        expect(result.get_by_role("link", name=role["text"], exact=True)).to_have_attribute(
            "href", re.compile(rf"/roles/profiles/#{role['anchor']}$")
        )
        # The keep and start lines say what the table's row says, word for word.
        row = rows.filter(
            has=page.locator("td:first-child", has_text=re.compile(rf"^{re.escape(background)}$"))
        ).filter(
            has=page.locator("td:nth-child(2)", has_text=re.compile(rf"^{re.escape(interest)}$"))
        )
        expect(row).to_have_count(1)
        for label, column in (("What you keep", 4), ("Where to start", 5)):
            text = row.locator(f"td:nth-child({column})").inner_text().strip()
            assert text, (background, interest, label)
            expect(result_line(page, label)).to_have_text(f"{label}: {text}")
        hrefs = result.locator("p:not(:first-child) a").evaluate_all(
            "links => links.map(a => [a.textContent.trim(), new URL(a.href).pathname"
            " + new URL(a.href).hash])"
        )
        assert [tuple(h) for h in hrefs] == want["links"], (background, interest)


def test_every_link_a_result_can_show_leads_to_a_real_page_and_anchor(page):
    page.goto("roles/self-check/")
    targets = {href for want in expected_results().values() for _, href in want["links"]}
    assert any(re.fullmatch(r"/roadmap/[a-z-]+/", href) for href in targets)
    for href in sorted(targets):
        address, _, anchor = href.partition("#")
        response = page.request.get(address.lstrip("/"))
        assert response.ok, f"{href}: {response.status}"
        if anchor:
            assert f'id="{anchor}"' in response.text(), f"{href}: no such anchor"


def test_self_check_works_from_the_keyboard_after_instant_navigation(page):
    """A reader arrives by an in-site click, answers with the keyboard alone and follows
    a roadmap link with Enter, all without a full page load."""
    page.goto("roles/profiles/")
    with no_full_reload(page, "the click to the self-check and the roadmap link"):
        page.locator("article.md-content__inner a", has_text="self-check").first.click()
        expect(page).to_have_url(re.compile(r"/roles/self-check/(#.*)?$"))
        form = page.locator("form.roles-selfcheck-form")
        expect(form).to_have_count(1)
        # The last link before the form (the heading's permalink), then Tab into the
        # first group of radio buttons.
        page.locator("h2#the-self-check a.headerlink").focus()
        page.keyboard.press("Tab")
        first = form.locator("input[data-question='0']").first
        expect(first).to_be_focused()
        backgrounds = form.locator("input[data-question='0']")
        target = backgrounds.evaluate_all(
            "inputs => inputs.findIndex(i => i.value === 'Data or analytics engineer')"
        )
        assert target > 0
        for _ in range(target):
            page.keyboard.press("ArrowDown")  # moves and checks, as radio buttons do
        expect(form.get_by_label("Data or analytics engineer", exact=True)).to_be_checked()
        page.keyboard.press("Tab")
        expect(form.get_by_label("Building products people use", exact=True)).to_be_focused()
        page.keyboard.press("Space")
        result = page.locator(".roles-selfcheck-result")
        expect(result).to_have_attribute("data-role", "AI engineer")
        expect(result_line(page, "What you keep")).to_contain_text("pipelines")
        for _ in range(12):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.textContent.trim()") == "retrieval":
                break
        link = result.get_by_role("link", name="retrieval", exact=True)
        expect(link).to_be_focused()
        page.keyboard.press("Enter")
        expect(page).to_have_url(re.compile(r"/roadmap/retrieval/(#.*)?$"))
        expect(page.locator("h1")).to_have_id("retrieval-over-your-own-documents")


def test_self_check_result_links_lead_to_the_role_profile(page):
    page.goto("roles/self-check/")
    answer(page, "Data scientist or analyst", "Training and running models")
    result = page.locator(".roles-selfcheck-result")
    link = result.get_by_role("link", name="ML engineer", exact=True)
    expect(link).to_have_attribute("href", re.compile(r"profiles/#ml-engineer$"))
    link.click()
    expect(page).to_have_url(re.compile(r"/roles/profiles/#ml-engineer$"))
    expect(page.locator("h2#ml-engineer")).to_have_text(re.compile("^ML engineer"))
    expect(page.locator("h2#ml-engineer")).to_be_in_viewport()


def test_self_check_keeps_working_after_instant_navigation(page):
    page.goto("roles/self-check/")
    article = page.locator("article.md-content__inner")
    with no_full_reload(page):
        for _ in range(2):  # away and back, twice: the form must be rebuilt once each time
            article.locator("a", has_text="profiles").first.click()
            expect(page).to_have_url(re.compile(r"/roles/profiles/(#.*)?$"))
            expect(page.locator("h1")).to_have_id("profiles-of-the-three-roles")
            page.locator("article.md-content__inner a", has_text="self-check").first.click()
            expect(page).to_have_url(re.compile(r"/roles/self-check/(#.*)?$"))
            expect(page.locator("form.roles-selfcheck-form")).to_have_count(1)
            assert_no_full_reload(page)
            answer(page, "New to programming", "Building products people use")
            expect(page.locator(".roles-selfcheck-result")).to_have_attribute(
                "data-role", "AI engineer"
            )


def test_self_check_reads_as_a_table_without_javascript(browser, base_url):
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    traffic = harness.watch(context)
    try:
        page = context.new_page()
        page.goto("roles/self-check/")
        table = page.locator(".roles-selfcheck table")
        expect(table).to_be_visible()
        expect(table.locator("tbody tr")).to_have_count(len(expected_results()))
        expect(page.locator("form.roles-selfcheck-form")).to_have_count(0)
        first = table.locator("tbody tr").first
        expect(first.locator("a", has_text="If you are a software engineer")).to_be_visible()
    finally:
        problems = traffic.problems()
        context.close()
    assert problems == []


# One page load per palette serves all three: each answer replaces the result.
ACCESSIBLE = [
    ("ML engineer", "Building products people use"),
    ("Data or analytics engineer", "Training and running models"),
    ("New to programming", "Finding answers in data"),
]


def test_self_check_result_is_accessible(page, palette):
    """Every page is axe-checked by test_every_page; this is the self-check after answering
    (the questions and the result, not the rest of the page)."""
    page.goto("roles/self-check/")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", palettes.SCHEME[palette])
    failures = []
    expected = expected_results()
    for background, interest in ACCESSIBLE:
        answer(page, background, interest)
        result = page.locator(".roles-selfcheck-result")
        expect(result).to_be_visible()
        expect(result).to_have_attribute(
            "data-role", expected[(background, interest)]["role"]["text"]
        )
        failures += [
            f"{background} / {interest}: {v}"
            for v in axe.violations(page, within=".roles-selfcheck")
        ]
    assert failures == [], f"the self-check's result in the {palette} palette"
