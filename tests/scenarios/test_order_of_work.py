"""The "two orders of work" diagram is valid, accessible SVG that fits its viewBox."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from atlas.site.diagrams import order_of_work as diagram

NS = {"svg": "http://www.w3.org/2000/svg"}


def parse():
    return ET.fromstring(diagram.render_svg())


def test_svg_is_labelled_by_its_title_and_description():
    root = parse()
    assert root.get("role") == "img"
    title, desc = root.find("svg:title", NS), root.find("svg:desc", NS)
    assert root.get("aria-labelledby").split() == [title.get("id"), desc.get("id")]
    assert "data, then model, then product" in desc.text


def test_no_hard_coded_colours():
    for element in parse().iter():
        assert element.get("fill") is None and element.get("stroke") is None, element.tag
        assert "style" not in element.attrib


def test_every_step_is_a_labelled_box_inside_the_view():
    root = parse()
    width, height = (float(v) for v in root.get("viewBox").split()[2:])
    boxes = root.findall("svg:rect", NS)
    assert len(boxes) == sum(len(lane.steps) for lane in diagram.LANES)
    for box in boxes:
        x, y = float(box.get("x")), float(box.get("y"))
        assert x >= 0 and x + float(box.get("width")) <= width
        assert y >= 0 and y + float(box.get("height")) <= height
    labels = [t.text for t in root.findall("svg:text", NS)]
    for lane in diagram.LANES:
        assert lane.title in labels and lane.loop in labels
        for step in lane.steps:
            assert step.name in labels and step.example in labels
    for label in root.findall("svg:text", NS):
        assert 0 < float(label.get("x")) < width and 0 < float(label.get("y")) < height


def test_only_model_adaptation_is_optional():
    optional = [b for b in parse().findall("svg:rect", NS) if "scn-box-optional" in b.get("class")]
    assert len(optional) == 1
