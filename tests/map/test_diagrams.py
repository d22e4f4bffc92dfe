"""The map's SVG generators: valid, accessible, palette-proof and deterministic."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from atlas.site import svg
from atlas.site.diagrams import circles, workflows

ROOT = Path(__file__).resolve().parents[2]
NS = {"svg": svg.SVG_NS}
MODULES = [circles, workflows]
COLOUR_ATTRIBUTES = ("fill", "stroke", "color", "stop-color", "flood-color", "lighting-color")
ALLOWED_COLOURS = {"none", "currentColor"}


def parse(module) -> ET.Element:
    return ET.fromstring(module.render_svg())


@pytest.fixture(params=MODULES, ids=lambda m: m.__name__.rsplit(".", 1)[-1])
def module(request):
    return request.param


def test_is_valid_svg_with_a_view_box(module):
    root = parse(module)
    assert root.tag == f"{{{svg.SVG_NS}}}svg"
    numbers = [float(n) for n in root.get("viewBox").split()]
    assert numbers == [0, 0, module.WIDTH, module.HEIGHT]
    assert (root.get("width"), root.get("height")) == (str(module.WIDTH), str(module.HEIGHT))


def test_is_an_image_named_by_its_title_and_description(module):
    root = parse(module)
    assert root.get("role") == "img"
    title, desc = root.find("svg:title", NS), root.find("svg:desc", NS)
    assert list(root)[:2] == [title, desc], "title and desc come first"
    assert title.text.strip() and len(desc.text) > 100
    assert root.get("aria-labelledby").split() == [title.get("id"), desc.get("id")]


def test_every_label_is_real_text(module):
    texts = [t.text for t in parse(module).iter(f"{{{svg.SVG_NS}}}text")]
    assert sorted(texts) == sorted(module.labels())
    assert all(t and t.strip() for t in texts)


def test_the_description_mentions_every_label(module):
    """The <desc> is the screen-reader version: it must not leave a label out."""
    desc = parse(module).find("svg:desc", NS).text.lower()
    missing = [
        label
        for label in module.labels()
        if not all(word in desc for word in re.findall(r"[a-z]+", label.lower()))
    ]
    assert missing == []


def test_no_hard_coded_colours(module):
    text = module.render_svg()
    for element in parse(module).iter():
        for name in COLOUR_ATTRIBUTES:
            value = element.get(name)
            assert value is None or value in ALLOWED_COLOURS, f"{element.tag} {name}={value}"
        assert element.get("style") is None, "use a CSS class, not a style attribute"
        assert element.get("class") or element.tag.endswith(("svg", "title", "desc")), (
            f"{element.tag} has no class, so the stylesheet cannot colour it"
        )
    assert "<style" not in text
    assert not re.search(r"#[0-9a-fA-F]{3,8}\b|rgba?\(|hsla?\(", text)


def test_every_class_is_styled_by_the_site(module):
    """A class the stylesheet never mentions would fall back to black-on-dark."""
    css = (ROOT / "docs/assets/stylesheets/atlas.css").read_text(encoding="utf-8")
    classes = {c for e in parse(module).iter() for c in (e.get("class") or "").split()}
    classes -= {"atlas-svg", module.NAME}
    unstyled = sorted(c for c in classes if not re.search(rf"\.{re.escape(c)}\b", css))
    assert unstyled == []


def test_ids_are_unique_across_diagrams():
    ids = [e.get("id") for m in MODULES for e in parse(m).iter() if e.get("id")]
    assert len(ids) == len(set(ids))


def test_output_is_deterministic_across_processes(module):
    """Same bytes in a fresh interpreter with another hash seed: no set or dict order leaks."""
    script = f"import {module.__name__} as m; print(m.render_svg(), end='')"
    env = {"PYTHONHASHSEED": "123", "PYTHONPATH": str(ROOT)}
    other = subprocess.run(
        [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert other == module.render_svg()


def test_shapes_stay_inside_the_view_box(module):
    root = parse(module)
    for element in root.iter():
        coords = {
            k: float(v)
            for k, v in element.attrib.items()
            if k in ("x", "y", "cx", "cy", "x1", "x2", "y1", "y2")
        }
        xs = [v for k, v in coords.items() if k.startswith(("x", "cx"))]
        ys = [v for k, v in coords.items() if k.startswith(("y", "cy"))]
        if element.get("d"):
            numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", element.get("d"))]
            xs += numbers[0::2]
            ys += numbers[1::2]
        r = float(element.get("r", 0))
        assert all(r <= x <= module.WIDTH - r for x in xs), element.attrib
        assert all(r <= y <= module.HEIGHT - r for y in ys), element.attrib


def test_circles_nest_and_ai_engineering_sits_outside_them():
    root = parse(circles)
    rings = [
        (float(c.get("cx")), float(c.get("cy")), float(c.get("r")))
        for c in root.iter(f"{{{svg.SVG_NS}}}circle")
    ]
    assert len(rings) == 4
    for (x1, y1, r1), (x2, y2, r2) in zip(rings, rings[1:], strict=False):
        assert ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5 + r2 <= r1 + 1e-9, "inner leaks out"
    ai_box = next(r for r in root.iter(f"{{{svg.SVG_NS}}}rect") if "map-box-ai" in r.get("class"))
    x, y, w, h = (float(ai_box.get(k)) for k in ("x", "y", "width", "height"))
    cx, cy, r = rings[0]
    for corner_x in (x, x + w):
        for corner_y in (y, y + h):
            assert (corner_x - cx) ** 2 + (corner_y - cy) ** 2 > r**2, "AI engineering is inside"


def test_workflows_put_product_first_for_ai_and_last_for_ml():
    ml, ai = workflows.FLOWS
    assert [s.name for s in ml.steps] == ["Data", "Model", "Product"]
    assert ai.steps[0].name == "Product" and ai.steps[-1].optional


def test_num_is_short_and_stable():
    assert [svg.num(v) for v in (3, 3.0, 2.5, 1 / 3, -0.004)] == ["3", "3", "2.5", "0.33", "0"]
