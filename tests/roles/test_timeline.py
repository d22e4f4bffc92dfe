"""The roles timeline: its data file, the table generated from it, and its diagram."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
import yaml

from atlas.site import timeline as tl

DATA = yaml.safe_load(tl.DATA.read_text(encoding="utf-8"))
SVG_NS = "{http://www.w3.org/2000/svg}"


def independent_start(date: str) -> dt.date:
    """The earliest day a date string can mean, parsed here, not by the module."""
    for form, pattern in (
        ("%Y-%m-%d", r"\d{4}-\d{2}-\d{2}"),
        ("%Y-%m", r"\d{4}-\d{2}"),
        ("%Y", r"\d{4}"),
    ):
        if re.fullmatch(pattern, date):
            return dt.datetime.strptime(date, form).date()
    raise AssertionError(f"unparsable date {date!r}")


# --- the real data file --------------------------------------------------------------


def test_the_data_file_loads_and_has_at_least_15_events():
    timeline = tl.load()
    assert len(timeline.events) >= 15
    assert len(timeline.events) == len(DATA["events"])


@pytest.mark.parametrize("raw", DATA["events"], ids=lambda raw: raw.get("short", "?"))
def test_every_event_has_a_source_a_parseable_date_and_its_precision(raw):
    assert raw["precision"] in {"day", "month", "year", "approximate"}
    start = independent_start(raw["date"])
    width = {"day": 3, "month": 2, "year": 1}.get(raw["precision"])
    if width is not None:
        assert len(raw["date"].split("-")) == width, "date does not match its precision"
    else:
        assert raw.get("note", "").strip(), "an approximate date must say why"
    assert start.year >= 1900
    sources = {s["anchor"]: s for s in DATA["sources"]}
    source = sources[raw["source"]]
    for key in ("title", "author", "date", "link"):
        assert str(source[key]).strip(), f"source {source['anchor']} has no {key}"
    assert source["link"] == "unknown" or source["link"].startswith("https://")


def test_events_are_in_date_order():
    starts = [independent_start(raw["date"]) for raw in DATA["events"]]
    assert starts == sorted(starts)


def test_the_seed_sources_keep_their_known_dates():
    """Seed 003 is dated 24 March 2024; seed 000's date is uncertain and marked so."""
    by_source = {raw["source"]: raw for raw in DATA["events"]}
    assert by_source["who-is-an-ai-engineer"]["date"] == "2024-03-24"
    assert by_source["who-is-an-ai-engineer"]["precision"] == "day"
    assert by_source["ai-generalism"]["precision"] == "approximate"


# --- the validator on bad samples ------------------------------------------------------

GOOD_SOURCE = {
    "anchor": "a-book",
    "title": "A book",
    "author": "Someone",
    "date": "2001",
    "link": "unknown",
}


def event(short: str, **changes) -> dict:
    raw = {
        "date": "2001",
        "precision": "year",
        "era": "One",
        "short": short,
        "event": "It happened.",
        "why": "It matters.",
        "source": "a-book",
    }
    raw.update(changes)
    return {k: v for k, v in raw.items() if v is not None}


def sample(*events, sources=(GOOD_SOURCE,)) -> str:
    return yaml.safe_dump({"version": 1, "sources": list(sources), "events": list(events)})


BAD_SAMPLES = {
    "no source": (
        sample(event("First"), event("Second", source=None)),
        "event 2 ('Second')",
        "missing keys ['source']",
    ),
    "unknown source": (
        sample(event("First", source="nowhere")),
        "event 1 ('First')",
        "source 'nowhere' is not in 'sources'",
    ),
    "date and precision disagree": (
        sample(event("First", date="2001-05")),
        "event 1 ('First')",
        "does not match precision 'year'",
    ),
    "unparsable date": (
        sample(event("First", date="May 2001", precision="month")),
        "event 1 ('First')",
        "does not match precision 'month'",
    ),
    "no such day": (
        sample(event("First", date="2023-02-30", precision="day")),
        "event 1 ('First')",
        "is not a real date",
    ),
    "unknown precision": (
        sample(event("First", precision="decade")),
        "event 1 ('First')",
        "precision 'decade'",
    ),
    "approximate without a note": (
        sample(event("First", precision="approximate")),
        "event 1 ('First')",
        "needs a 'note'",
    ),
    "out of order": (
        sample(event("First", date="2010"), event("Second", date="2005")),
        "event 2 ('Second')",
        "earlier than the event before it",
    ),
    "era left and resumed": (
        sample(event("A", era="One"), event("B", era="Two"), event("C", era="One")),
        "event 3 ('C')",
        "eras must be contiguous",
    ),
    "pipe in a cell": (
        sample(event("First", why="this | that")),
        "event 1 ('First')",
        "must not contain '|'",
    ),
    "source without a link field": (
        sample(event("First"), sources=({k: v for k, v in GOOD_SOURCE.items() if k != "link"},)),
        "source 1 ('a-book')",
        "missing keys ['link']",
    ),
    "source link not https": (
        sample(event("First"), sources=({**GOOD_SOURCE, "link": "www.example.org"},)),
        "source 1 ('a-book')",
        "must be an https:// URL or 'unknown'",
    ),
}


@pytest.mark.parametrize("name", BAD_SAMPLES)
def test_a_malformed_entry_fails_naming_the_file_and_the_entry(name):
    text, entry, problem = BAD_SAMPLES[name]
    with pytest.raises(tl.TimelineError) as caught:
        tl.parse(text, "samples/bad.yaml")
    message = str(caught.value)
    assert message.startswith(f"samples/bad.yaml: {entry}"), message
    assert problem in message, message


def test_a_good_sample_passes():
    parsed = tl.parse(sample(event("First"), event("Second", date="2001-05", precision="month")))
    assert [e.when for e in parsed.events] == ["2001", "May 2001"]


def test_a_broken_copy_of_the_real_file_names_that_file_and_entry(tmp_path: Path):
    broken = yaml.safe_load(tl.DATA.read_text(encoding="utf-8"))
    victim = broken["events"][4]
    victim["date"] = "1850"  # now earlier than the event before it
    path = tmp_path / "timeline.yaml"
    path.write_text(yaml.safe_dump(broken), encoding="utf-8")
    with pytest.raises(tl.TimelineError) as caught:
        tl.load(path)
    assert str(caught.value).startswith(f"{path}: event 5 ({victim['short']!r})")


# --- the table on the page and the sources entries ------------------------------------


def page_table_rows(markdown: str) -> list[list[str]]:
    """The cells of the generated table on the page, read back from the Markdown."""
    block = markdown.split(tl.TABLE_START, 1)[1].split(tl.TABLE_END, 1)[0]
    lines = [line for line in block.strip().splitlines() if line.startswith("|")]
    return [[cell.strip() for cell in line.strip("|").split(" | ")] for line in lines[2:]]


def test_the_table_on_the_page_matches_the_data_file_exactly():
    rows = page_table_rows(tl.PAGE.read_text(encoding="utf-8"))
    events = DATA["events"]
    assert len(rows) == len(events)
    sources = {s["anchor"]: s for s in DATA["sources"]}
    for row, raw in zip(rows, events, strict=True):
        when, happened, why, source = row
        assert str(raw["date"])[:4] in when
        assert when.startswith("about ") == (raw["precision"] == "approximate")
        assert happened.startswith(f"**{raw['short']}.** {' '.join(raw['event'].split())}")
        if raw.get("note"):
            assert " ".join(raw["note"].split()) in happened
        assert why == " ".join(raw["why"].split())
        cited = sources[raw["source"]]
        assert source.startswith(f"[{cited['title']}](../sources.md#{cited['anchor']})")


def test_generated_blocks_are_up_to_date():
    """Run `python -m atlas.site.timeline` after editing the YAML if this fails."""
    for path, expected in tl.generated_pages().items():
        assert path.read_text(encoding="utf-8") == expected, f"{path.name} is out of date"


def test_every_non_seed_source_has_an_entry_with_title_author_date_and_link():
    text = tl.SOURCES_PAGE.read_text(encoding="utf-8")
    for source in DATA["sources"]:
        if source.get("seed"):
            continue
        entry = text.split(f"{{#{source['anchor']}}}", 1)[1].split("\n### ", 1)[0]
        for label in ("Title", "Author or publisher", "Date", "Link"):
            assert f"- **{label}:**" in entry


# --- the diagram -------------------------------------------------------------------


@pytest.fixture(scope="module")
def svg_root():
    return ET.fromstring(tl.render_svg())


def test_svg_is_accessible(svg_root):
    assert svg_root.get("role") == "img"
    assert svg_root.get("viewBox")
    ids = svg_root.get("aria-labelledby").split()
    found = {el.get("id"): el.tag for el in svg_root.iter() if el.get("id")}
    assert [found[i] for i in ids] == [f"{SVG_NS}title", f"{SVG_NS}desc"]
    assert "not to scale" in svg_root.find(f"{SVG_NS}desc").text


def test_svg_has_no_hard_coded_colours(svg_root):
    for el in svg_root.iter():
        assert not {"fill", "stroke", "style", "color"} & set(el.attrib), el.tag


def test_svg_labels_every_event_with_real_text(svg_root):
    texts = [el.text for el in svg_root.iter(f"{SVG_NS}text")]
    timeline = tl.load()
    for e in timeline.events:
        assert e.when in texts and e.short in texts
    markers = [el for el in svg_root.iter(f"{SVG_NS}circle")]
    approx = [el for el in markers if "roles-tl-dot-approx" in el.get("class")]
    # two legend markers, one per event; the approximate ones are told apart by class
    assert len(markers) == len(timeline.events) + 2
    assert len(approx) == 1 + sum(e.precision == "approximate" for e in timeline.events)


def test_svg_is_deterministic():
    assert tl.render_svg() == tl.render_svg()
