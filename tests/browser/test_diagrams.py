"""The browser half of the diagram contract, run over every entry of ``DIAGRAMS``.

Each diagram is found on the built site by its ``data-diagram`` placeholder, then checked
where readers see it: it fits without clipping at 360 and 1280 px, and in both palettes its
text has 4.5:1 contrast and its shapes 3:1 against what is drawn behind them (WCAG 1.4.3
and 1.4.11). The contrast is computed here by hand: axe does not measure SVG text
reliably and does not check non-text contrast at all (dequelabs/axe-core #2446, #3907).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest
from playwright.sync_api import expect

from atlas.site import svg
from atlas.site.diagrams import DIAGRAMS, render
from tests.browser import palettes

SHAPES = "rect, circle, line, path, text"

# For every drawn element, in drawing order: its colours, its box on screen, and which
# earlier filled shapes lie under its centre (so a label on a tinted ring is measured
# against the tint, not the page). Decorative shapes carry aria-hidden="true".
MEASURE = """svg => {
  const parts = [...svg.querySelectorAll('rect, circle, line, path, text')];
  const centre = el => {
    const b = el.getBBox();
    const p = svg.createSVGPoint();
    p.x = b.x + b.width / 2; p.y = b.y + b.height / 2;
    return p.matrixTransform(el.getScreenCTM());
  };
  return parts.map((el, i) => {
    const s = getComputedStyle(el), r = el.getBoundingClientRect(), c = centre(el);
    const under = parts.slice(0, i).filter(o => o.tagName !== 'text' && o.isPointInFill &&
      getComputedStyle(o).fill !== 'none' &&
      o.isPointInFill(c.matrixTransform(o.getScreenCTM().inverse()))).map(o => parts.indexOf(o));
    return {tag: el.tagName, cls: el.getAttribute('class'), text: el.textContent,
      decorative: el.getAttribute('aria-hidden') === 'true',
      fill: s.fill, fillOpacity: +s.fillOpacity, stroke: s.stroke,
      strokeOpacity: +s.strokeOpacity, strokeWidth: parseFloat(s.strokeWidth),
      opacity: +s.opacity, under,
      box: [r.left, r.top, r.right, r.bottom]};
  });
}"""


@pytest.fixture(params=sorted(DIAGRAMS))
def name(request) -> str:
    return request.param


@pytest.fixture
def url(name, site_dir) -> str:
    """The first built page whose placeholder names the diagram."""
    marker = f'data-diagram="{name}"'
    for page in sorted(site_dir.rglob("*.html")):
        if marker in page.read_text(encoding="utf-8"):
            return page.relative_to(site_dir).as_posix().removesuffix("index.html")
    pytest.fail(f"diagram {name!r}: no built page has a {marker} placeholder", pytrace=False)


def rgb(colour: str) -> tuple[float, float, float, float]:
    """A computed CSS colour ("rgb(...)" or "rgba(...)") as r, g, b, alpha."""
    numbers = [float(n) for n in re.findall(r"[\d.]+", colour)]
    return (*numbers[:3], numbers[3] if len(numbers) > 3 else 1.0)


def over(colour: str, alpha: float, background: tuple[float, ...]) -> tuple[float, ...]:
    """``colour`` at ``alpha`` times its own alpha, painted on an opaque background."""
    *channels, own = rgb(colour)
    a = own * alpha
    return tuple(a * f + (1 - a) * b for f, b in zip(channels, background, strict=True))


def luminance(channels: tuple[float, ...]) -> float:
    linear = [
        c / 255 / 12.92 if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4
        for c in channels
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(one: tuple[float, ...], other: tuple[float, ...]) -> float:
    """WCAG contrast ratio of two opaque colours."""
    light, dark = sorted([luminance(one), luminance(other)], reverse=True)
    return (light + 0.05) / (dark + 0.05)


def page_background(page) -> tuple[float, ...]:
    background = page.evaluate(
        "getComputedStyle(document.querySelector('.md-main')).backgroundColor"
    )
    if rgb(background)[3] == 0:  # transparent: the body's colour shows through
        background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    return rgb(background)[:3]


def describe(part: dict) -> str:
    return f"<{part['tag']} class={part['cls']!r}>" + (
        f" {part['text']!r}" if part["tag"] == "text" else ""
    )


@pytest.mark.parametrize("width", [360, 1280])
def test_fits_without_clipping(page, name, url, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(url)
    diagram = page.locator(f'.atlas-diagram[data-diagram="{name}"] svg')
    expect(diagram).to_have_count(1)
    diagram.scroll_into_view_if_needed()
    expect(diagram).to_be_visible()
    view_w, view_h = (float(v) for v in diagram.get_attribute("viewBox").split()[2:])
    box = diagram.bounding_box()
    column = page.locator(f'.atlas-diagram[data-diagram="{name}"]').bounding_box()["width"]
    where = f"{url} at {width} px: diagram {name!r}"
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"{where} leaves the screen"
    assert box["width"] >= min(view_w, column) * 0.9, f"{where} shrank to {box['width']:.0f} px"
    assert abs(box["height"] / box["width"] - view_h / view_w) < 0.02, f"{where} is distorted"
    scroll = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll[0] <= scroll[1], f"{url} at {width} px scrolls sideways"
    # Every label is drawn as SVG text (not rewritten into HTML by a Markdown extension).
    expected = [t.text for t in ET.fromstring(render(name)).iter(f"{{{svg.SVG_NS}}}text")]
    assert diagram.locator("text").all_text_contents() == expected, f"{where}: labels changed"
    assert diagram.locator("abbr").count() == 0, f"{where}: a label became an <abbr>"
    # Every shape and label, as drawn (rotation included), lies inside the picture.
    frame = diagram.evaluate(
        "s => { const r = s.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; }"
    )
    outside = [
        describe(part)
        for part in diagram.evaluate(MEASURE)
        if part["box"][0] < frame[0] - 0.5
        or part["box"][1] < frame[1] - 0.5
        or part["box"][2] > frame[2] + 0.5
        or part["box"][3] > frame[3] + 0.5
    ]
    assert outside == [], f"{where}: cut off at the edge: {outside}"


def low_contrast(page, name: str, url: str) -> list[str]:
    """The diagram's texts under 4.5:1 and shapes under 3:1, in the palette shown now."""
    diagram = page.locator(f'.atlas-diagram[data-diagram="{name}"] svg')
    parts = diagram.evaluate(MEASURE)
    assert parts, f"{url}: diagram {name!r} draws nothing"
    ground = page_background(page)

    def behind(part: dict) -> tuple[float, ...]:
        colour = ground
        for index in part["under"]:
            under = parts[index]
            colour = over(under["fill"], under["fillOpacity"] * under["opacity"], colour)
        return colour

    low = []
    for part in parts:
        back = behind(part)
        if part["tag"] == "text":
            ink = over(part["fill"], part["fillOpacity"] * part["opacity"], back)
            if (ratio := contrast(ink, back)) < 4.5:
                low.append(f"{describe(part)} text {ratio:.2f}:1 (needs 4.5)")
            continue
        if part["decorative"]:
            continue
        # The shape must stand out from what is behind it by its outline or its fill.
        fills = part["fill"] != "none" and part["tag"] != "line"  # a line paints no fill
        inks = [(part["fill"], part["fillOpacity"])] if fills else []
        if part["stroke"] != "none" and part["strokeWidth"] > 0:
            inks.append((part["stroke"], part["strokeOpacity"]))
        assert inks, f"{url}: {describe(part)} has neither fill nor stroke: it is invisible"
        ratio = max(contrast(over(c, a * part["opacity"], back), back) for c, a in inks)
        if ratio < 3:
            low.append(f"{describe(part)} shape {ratio:.2f}:1 (needs 3)")
    return sorted(set(low))


def test_text_and_shapes_have_contrast_in_both_palettes(page, name, url):
    """One load serves both palettes (tests/browser/palettes.py): the page opens in one, as
    for a reader whose system is in that colour scheme, and the reader's toggle switches it
    to the other. The palette a diagram opens in alternates from diagram to diagram."""
    first, second = palettes.in_turn(sorted(DIAGRAMS).index(name))
    page.emulate_media(color_scheme=first)
    page.goto(url)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", palettes.SCHEME[first])
    low = {}
    for palette in (first, second):
        palettes.switch(page, palette)  # (the first: already shown)
        low[palette] = low_contrast(page, name, url)
    assert low == {first: [], second: []}, (
        f"{url}, diagram {name!r}: too little contrast, change its class's colours in the"
        f" 'Diagrams' block of diagrams.css (or mark a purely decorative shape"
        f" decorative=True): {low}"
    )
