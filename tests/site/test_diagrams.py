"""One contract for every diagram in ``DIAGRAMS``: a new entry gets all of it.

Each test is parametrised over the registry, so adding a diagram to
``atlas/site/diagrams/__init__.py`` is enough to have it checked: valid SVG with a
viewBox, an image named by its <title> and <desc>, the same bytes in any process, every
shape inside the viewBox, only ``atlas-diagram__*`` classes and each styled in diagrams.css,
and every label also said in words (the <desc> or the page's text alternative). The
browser half (fit on screen, contrast in both palettes) is tests/browser/test_diagrams.py.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import SimpleNamespace

import pytest

from atlas.site import generated, svg
from atlas.site.diagrams import DIAGRAMS, PLACEHOLDER, render

ROOT = Path(__file__).resolve().parents[2]
# The diagrams' own sheet, which overrides/main.html links on the pages that hold one.
CSS = ROOT / "docs/assets/stylesheets/diagrams.css"
NS = {"svg": svg.SVG_NS}
PREFIX = "atlas-diagram__"
COLOUR_ATTRIBUTES = ("fill", "stroke", "color", "stop-color", "flood-color", "lighting-color")
POSITIONS = {"x": "x", "x1": "x", "x2": "x", "cx": "x", "y": "y", "y1": "y", "y2": "y", "cy": "y"}


@pytest.fixture(params=sorted(DIAGRAMS))
def name(request) -> str:
    return request.param


def parse(name: str) -> ET.Element:
    return ET.fromstring(render(name))


def where(name: str) -> str:
    return f"diagram {name!r} ({DIAGRAMS[name].replace('.', '/')}.py)"


def css_rules(sheet: Path = CSS) -> str:
    """A sheet without its comments, so a class named only in a comment is unstyled."""
    return re.sub(r"/\*.*?\*/", "", sheet.read_text(encoding="utf-8"), flags=re.S)


def pages_with(name: str) -> list[Path]:
    return [
        page
        for page in sorted((ROOT / "docs").rglob("*.md"))
        if any(m["name"] == name for m in PLACEHOLDER.finditer(page.read_text(encoding="utf-8")))
    ]


def page_text(page: Path) -> str:
    """The page's Markdown as MkDocs converts it: build-time tables (the timeline's) filled in.

    Runs the same ``on_page_markdown`` hook the build runs (``hooks/generated.py``).
    """
    docs = ROOT / "docs"
    fake_page = SimpleNamespace(file=SimpleNamespace(src_uri=page.relative_to(docs).as_posix()))
    markdown = page.read_text(encoding="utf-8")
    return generated.on_page_markdown(markdown, fake_page, {"docs_dir": str(docs)}, None)


def words(text: str) -> set[str]:
    return set(re.findall(r"[a-z0-9]+(?:'[a-z]+)?", text.lower().replace("\u2019", "'")))


def test_is_valid_svg_with_a_view_box(name):
    try:
        root = parse(name)
    except ET.ParseError as error:
        pytest.fail(f"{where(name)}: render_svg() is not valid XML: {error}")
    assert root.tag == f"{{{svg.SVG_NS}}}svg", f"{where(name)}: the root is not an SVG <svg>"
    box = root.get("viewBox", "").split()
    assert len(box) == 4 and box[:2] == ["0", "0"], f"{where(name)}: viewBox {box}"
    assert [root.get("width"), root.get("height")] == box[2:], (
        f"{where(name)}: width and height must equal the viewBox's size, so it scales evenly"
    )


def test_is_an_image_named_by_its_title_and_description(name):
    root = parse(name)
    assert root.get("role") == "img", f"{where(name)}: the <svg> needs role='img'"
    title, desc = root.find("svg:title", NS), root.find("svg:desc", NS)
    assert title is not None and desc is not None, f"{where(name)}: needs <title> and <desc>"
    assert list(root)[:2] == [title, desc], f"{where(name)}: <title> and <desc> come first"
    assert (title.text or "").strip(), f"{where(name)}: the <title> is empty"
    assert len((desc.text or "").split()) >= 20, f"{where(name)}: the <desc> says too little"
    assert (root.get("aria-labelledby") or "").split() == [title.get("id"), desc.get("id")], (
        f"{where(name)}: aria-labelledby must name the <title>'s and the <desc>'s ids"
    )


def test_same_bytes_in_other_processes(name):
    """Fresh interpreters with other hash seeds: no set or dict order leaks into the SVG."""
    script = f"from atlas.site.diagrams import render; print(render({name!r}), end='')"
    outputs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": str(ROOT)}
        outputs.append(
            subprocess.run(
                [sys.executable, "-c", script], env=env, capture_output=True, text=True, check=True
            ).stdout
        )
    assert outputs[0] == outputs[1] == render(name), (
        f"{where(name)}: render_svg() differs between processes; sort what you iterate over"
    )


def test_every_shape_is_inside_the_view_box(name):
    """Every coordinate (circles with their radius, rects with their size) lies in the viewBox.

    Text is checked by its anchor point here and by its drawn box in the browser contract.
    """
    root = parse(name)
    width, height = (float(v) for v in root.get("viewBox").split()[2:])
    limits = {"x": width, "y": height}
    for element in root.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        points = [(POSITIONS[k], float(v)) for k, v in element.attrib.items() if k in POSITIONS]
        if tag == "rect":
            points += [
                ("x", float(element.get("x")) + float(element.get("width"))),
                ("y", float(element.get("y")) + float(element.get("height"))),
            ]
        if element.get("d"):
            d = element.get("d")
            assert re.fullmatch(r"[MLZ\d\s.\-]+", d), (
                f"{where(name)}: <{tag} d={d!r}> uses a path command other than M, L, Z;"
                " draw it with atlas.site.svg.path()"
            )
            numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", d)]
            points += [("x", n) for n in numbers[0::2]] + [("y", n) for n in numbers[1::2]]
        r = float(element.get("r", 0))
        for axis, value in points:
            assert r <= value <= limits[axis] - r, (
                f"{where(name)}: <{tag}> at {axis}={value:g} (r={r:g}) is outside the viewBox"
                f" 0..{limits[axis]:g}: {element.attrib}"
            )


def test_uses_only_diagram_classes_and_each_is_styled(name):
    """Classes, never colours; one vocabulary (atlas-diagram__*), every class styled."""
    rules = css_rules()
    text = render(name)
    assert "<style" not in text and not re.search(r"#[0-9a-fA-F]{3,8}\b|rgba?\(|hsla?\(", text)
    used = set()
    for element in parse(name).iter():
        tag = element.tag.rsplit("}", 1)[-1]
        for attribute in (*COLOUR_ATTRIBUTES, "style"):
            assert element.get(attribute) is None, (
                f"{where(name)}: <{tag} {attribute}=...>: use a class styled in diagrams.css"
            )
        classes = (element.get("class") or "").split()
        assert classes or tag in ("title", "desc"), f"{where(name)}: <{tag}> has no class"
        used.update(classes)
    foreign = sorted(c for c in used if not c.startswith(PREFIX))
    assert foreign == [], f"{where(name)}: classes outside the {PREFIX}* vocabulary: {foreign}"
    unstyled = sorted(c for c in used if not re.search(rf"\.{re.escape(c)}(?![\w-])", rules))
    assert unstyled == [], (
        f"{where(name)}: {unstyled} not styled in {CSS.relative_to(ROOT)}: add a rule to its"
        " 'Diagrams' block (an unstyled shape is black on the dark palette)"
    )


def test_every_label_is_said_in_words(name):
    """A label's words appear in the <desc>, or in the page that shows the diagram (as built)."""
    root = parse(name)
    pages = pages_with(name)
    assert pages, f"{where(name)}: no page in docs/ has a data-diagram={name!r} placeholder"
    desc = words(root.find("svg:desc", NS).text)
    page_words = set().union(*(words(page_text(page)) for page in pages))
    labels = [t.text or "" for t in root.iter(f"{{{svg.SVG_NS}}}text")]
    assert labels and all(label.strip() for label in labels), f"{where(name)}: an empty label"
    unsaid = [label for label in labels if not (words(label) <= desc or words(label) <= page_words)]
    shown = ", ".join(str(p.relative_to(ROOT)) for p in pages)
    assert unsaid == [], (
        f"{where(name)}: labels {unsaid} are said neither in its <desc> nor on {shown};"
        " a screen-reader user would miss them"
    )


def test_ids_are_unique_across_diagrams():
    ids = [e.get("id") for name in DIAGRAMS for e in parse(name).iter() if e.get("id")]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    assert repeated == [], f"ids used by two diagrams (give each its own NAME): {repeated}"


def test_every_diagram_rule_in_the_stylesheet_is_used():
    """One vocabulary: no rule for a class no diagram draws, no old per-section prefixes."""
    rules = css_rules()
    styled = set(re.findall(rf"\.({re.escape(PREFIX)}[\w-]+)", rules))
    used = {c for name in DIAGRAMS for e in parse(name).iter() for c in e.get("class", "").split()}
    dead = sorted(styled - used)
    assert dead == [], f"{CSS.relative_to(ROOT)}: rules for classes no diagram uses: {dead}"
    old = sorted(set(re.findall(r"\.((?:map|scn|roles-tl)-[\w-]+)", rules)))
    assert old == [], f"{CSS.relative_to(ROOT)}: old diagram classes {old}: use {PREFIX}*"
    # Pages without a diagram do not load diagrams.css: its rules live there alone.
    elsewhere = [
        sheet.name
        for sheet in sorted(CSS.parent.glob("*.css"))
        if sheet != CSS and re.search(r"\.atlas-diagram", css_rules(sheet))
    ]
    assert elsewhere == [], f"diagram rules outside {CSS.name}: {elsewhere}"


def test_num_is_short_and_stable():
    assert [svg.num(v) for v in (3, 3.0, 2.5, 1 / 3, -0.004)] == ["3", "3", "2.5", "0.33", "0"]


# --- what each diagram shows: the content that the contract cannot know -----------------


def texts(root: ET.Element) -> list[str]:
    return [t.text for t in root.iter(f"{{{svg.SVG_NS}}}text")]


def boxes(root: ET.Element) -> list[tuple[float, float, str, str]]:
    """(x, y, class, name) of each box: the name is the first label drawn after it."""
    found, elements = [], list(root)
    for index, element in enumerate(elements):
        if element.tag == f"{{{svg.SVG_NS}}}rect" and "__box" in element.get("class", ""):
            name = next(e.text for e in elements[index:] if e.tag.endswith("text"))
            found.append(
                (float(element.get("x")), float(element.get("y")), element.get("class"), name)
            )
    return found


def test_circles_nest_and_ai_engineering_sits_outside_them():
    root = parse("circles")
    rings = [
        (float(c.get("cx")), float(c.get("cy")), float(c.get("r")))
        for c in root.iter(f"{{{svg.SVG_NS}}}circle")
    ]
    assert len(rings) == 4
    for (x1, y1, r1), (x2, y2, r2) in zip(rings, rings[1:], strict=False):
        assert ((x1 - x2) ** 2 + (y1 - y2) ** 2) ** 0.5 + r2 <= r1 + 1e-9, "inner leaks out"
    assert texts(root)[:4] == [
        "Artificial intelligence",
        "Machine learning",
        "Deep learning",
        "Generative AI",
    ], "the rings are labelled outermost first"
    ((_, _, _, name),) = [b for b in boxes(root) if "--key" in b[2]]
    assert name == "AI engineering"
    (key,) = [r for r in root.iter(f"{{{svg.SVG_NS}}}rect") if "--key" in r.get("class")]
    x, y, w, h = (float(key.get(k)) for k in ("x", "y", "width", "height"))
    cx, cy, r = rings[0]
    for corner_x in (x, x + w):
        for corner_y in (y, y + h):
            assert (corner_x - cx) ** 2 + (corner_y - cy) ** 2 > r**2, "AI engineering is inside"


def column(root: ET.Element, left: bool) -> list[tuple[str, str]]:
    middle = float(root.get("viewBox").split()[2]) / 2
    drawn = sorted((y, cls, name) for x, y, cls, name in boxes(root) if (x < middle) == left)
    return [(name, cls) for _, cls, name in drawn]


def test_workflows_draw_ml_data_first_and_ai_product_first():
    root = parse("workflows")
    ml, ai = column(root, left=True), column(root, left=False)
    assert [name for name, _ in ml] == ["Data", "Model", "Product"]
    assert [name for name, _ in ai][0] == "Product"
    assert [name for name, cls in ai if "--optional" in cls] == ["Model adaptation"]
    assert ai[-1][0] == "Model adaptation", "model adaptation is the AI path's last step"


def test_order_of_work_marks_only_model_adaptation_optional():
    drawn = boxes(parse("order_of_work"))
    assert [name for *_, cls, name in drawn if "--optional" in cls] == ["Model adaptation"]
    rows = {}
    for x, y, _, name in drawn:
        rows.setdefault(y, []).append((x, name))
    first, second = (sorted(row) for _, row in sorted(rows.items()))
    assert [n for _, n in first] == ["Data", "Model", "Product"]
    assert [n for _, n in second][:1] == ["Product"]


def test_timeline_draws_every_event_and_marks_approximate_dates():
    from atlas.site.timeline import load

    root = parse("timeline")
    events = load().events
    drawn = texts(root)
    missing = [e.short for e in events if e.when not in drawn or e.short not in drawn]
    assert missing == [], f"events not drawn: {missing}"
    markers = [c.get("class") for c in root.iter(f"{{{svg.SVG_NS}}}circle")]
    approximate = [c for c in markers if "--approx" in c]
    # two legend markers, then one per event; the approximate ones are told apart by class
    assert len(markers) == len(events) + 2
    assert len(approximate) == 1 + sum(e.precision == "approximate" for e in events)
