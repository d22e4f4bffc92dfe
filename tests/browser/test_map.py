"""The map section in a real browser: diagrams that fit, pages axe accepts, tooltips."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from atlas.site.diagrams import circles, workflows

ROOT = Path(__file__).resolve().parents[2]
DIAGRAMS = [
    ("map/circles/", "circles", circles),
    ("map/side-by-side/", "workflows", workflows),
]
TOOLTIPS = dict(
    re.findall(
        r"^\*\[([^\]]+)\]: (.+)$",
        (ROOT / "includes/abbreviations.md").read_text(encoding="utf-8"),
        re.M,
    )
)


def rgb(colour: str) -> tuple[float, float, float, float]:
    """A computed CSS colour ("rgb(...)" or "rgba(...)") as r, g, b, alpha."""
    numbers = [float(n) for n in re.findall(r"[\d.]+", colour)]
    return (*numbers[:3], numbers[3] if len(numbers) > 3 else 1.0)


def contrast(foreground: str, background: str) -> float:
    """WCAG contrast ratio of a (possibly translucent) colour drawn on an opaque one."""
    *fg, alpha = rgb(foreground)
    bg = rgb(background)[:3]
    mixed = [alpha * f + (1 - alpha) * b for f, b in zip(fg, bg, strict=True)]

    def luminance(channels):
        linear = [
            c / 255 / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4
            for c in channels
        ]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted([luminance(mixed), luminance(bg)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.mark.parametrize("width", [360, 1280])
@pytest.mark.parametrize(("url", "name", "module"), DIAGRAMS, ids=[d[1] for d in DIAGRAMS])
def test_diagram_is_visible_and_not_clipped(page, width, url, name, module):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(url)
    diagram = page.locator(f'.atlas-diagram[data-diagram="{name}"] svg')
    diagram.scroll_into_view_if_needed()
    expect(diagram).to_be_visible()
    box = diagram.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, box
    assert box["width"] >= min(module.WIDTH, width - 64) * 0.9, "the diagram shrank too far"
    assert abs(box["height"] / box["width"] - module.HEIGHT / module.WIDTH) < 0.02
    scroll = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll[0] <= scroll[1], "the page scrolls sideways"
    # Every label is drawn as SVG text (not rewritten into HTML) and inside the picture.
    texts = diagram.locator("text")
    assert sorted(texts.all_text_contents()) == sorted(module.labels())
    assert diagram.locator("abbr").count() == 0
    outside = page.evaluate(
        """svg => { const v = svg.getBoundingClientRect();
             return [...svg.querySelectorAll('text')].filter(t => {
               const b = t.getBoundingClientRect();  // on screen, rotation included
               return b.left < v.left - 0.5 || b.top < v.top - 0.5 ||
                 b.right > v.right + 0.5 || b.bottom > v.bottom + 0.5; })
             .map(t => t.textContent); }""",
        diagram.element_handle(),
    )
    assert outside == [], f"labels cut off at the edge: {outside}"


@pytest.mark.parametrize(("url", "name", "module"), DIAGRAMS, ids=[d[1] for d in DIAGRAMS])
def test_diagram_labels_read_in_both_palettes(page, palette, url, name, module):
    page.goto(url)
    scheme = "slate" if palette == "dark" else "default"
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", scheme)
    background = page.evaluate(
        "getComputedStyle(document.querySelector('.md-main')).backgroundColor"
    )
    if rgb(background)[3] == 0:  # transparent: the body's colour shows through
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    fills = page.locator(f'.atlas-diagram[data-diagram="{name}"] svg text').evaluate_all(
        "texts => texts.map(t => getComputedStyle(t).fill)"
    )
    assert len(fills) == len(module.labels())
    for fill in set(fills):
        assert contrast(fill, background) >= 4.5, f"{fill} on {background} ({palette})"


def test_glossary_tooltip_appears_on_hover(page):
    page.goto("map/circles/")
    term = page.locator("article abbr", has_text=re.compile(r"^LLMs?$")).first
    term.hover()
    tooltip = page.locator(".md-tooltip2--active")
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_text(TOOLTIPS[term.text_content()])


def test_glossary_tooltip_appears_on_keyboard_focus_after_instant_navigation(page):
    page.goto("map/")
    page.evaluate("window.__atlasMarker = 1")
    page.locator("article a[href$='circles/']").first.click()
    expect(page).to_have_url(re.compile(r"/map/circles/$"))
    assert page.evaluate("window.__atlasMarker") == 1, "the click caused a full page load"
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
