"""The roles timeline: its data file and the table the build makes from it.

Its diagram is checked by the diagram contract, tests/site/test_diagrams.py.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from pathlib import Path

import pytest
import yaml

from atlas.site import timeline as tl

DATA = yaml.safe_load(tl.DATA.read_text(encoding="utf-8"))


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
        "event 2 ('Second'), field 'source'",
        "Field required",
    ),
    "unknown key": (
        sample(event("First", colour="red")),
        "event 1 ('First'), field 'colour'",
        "Extra inputs are not permitted",
    ),
    "unknown source": (
        sample(event("First", source="nowhere")),
        "event 1 ('First'), field 'source'",
        "source 'nowhere' is not in 'sources'",
    ),
    "date and precision disagree": (
        sample(event("First", date="2001-05")),
        "event 1 ('First'), field 'date'",
        "does not match precision 'year' (expected YYYY)",
    ),
    "unparsable date": (
        sample(event("First", date="May 2001", precision="month")),
        "event 1 ('First'), field 'date'",
        "does not match precision 'month'",
    ),
    "unquoted date": (
        sample(event("First", date=2001)),
        "event 1 ('First'), field 'date'",
        'write the date in quotes, "2001"',
    ),
    "no such day": (
        sample(event("First", date="2023-02-30", precision="day")),
        "event 1 ('First'), field 'date'",
        "is not a real date",
    ),
    "unknown precision": (
        sample(event("First", precision="decade")),
        "event 1 ('First'), field 'precision'",
        "precision 'decade' is not one of ('day', 'month', 'year', 'approximate')",
    ),
    "approximate without a note": (
        sample(event("First", precision="approximate")),
        "event 1 ('First'), field 'note'",
        "needs a 'note'",
    ),
    "out of order": (
        sample(event("First", date="2010"), event("Second", date="2005")),
        "event 2 ('Second'), field 'date'",
        "earlier than the event before it",
    ),
    "era left and resumed": (
        sample(event("A", era="One"), event("B", era="Two"), event("C", era="One")),
        "event 3 ('C'), field 'era'",
        "eras must be contiguous",
    ),
    "pipe in a cell": (
        sample(event("First", why="this | that")),
        "event 1 ('First'), field 'why'",
        "must not contain '|'",
    ),
    "short too long": (
        sample(event("A label that is too long for the diagram columns")),
        "event 1 ('A label that is too long for the diagram columns'), field 'short'",
        "keep it to 46",
    ),
    "source without a link field": (
        sample(event("First"), sources=({k: v for k, v in GOOD_SOURCE.items() if k != "link"},)),
        "source 1 ('a-book'), field 'link'",
        "Field required",
    ),
    "source link not https": (
        sample(event("First"), sources=({**GOOD_SOURCE, "link": "www.example.org"},)),
        "source 1 ('a-book'), field 'link'",
        "must be an https:// URL or 'unknown'",
    ),
    "source repeated": (
        sample(event("First"), sources=(GOOD_SOURCE, GOOD_SOURCE)),
        "source 2 ('a-book'), field 'anchor'",
        "anchor 'a-book' is repeated: source 1 has it too",
    ),
    "source cited by no event": (
        sample(event("First"), sources=(GOOD_SOURCE, {**GOOD_SOURCE, "anchor": "b-book"})),
        "source 2 ('b-book')",
        "no event cites this source",
    ),
    "wrong version": (
        sample(event("First")).replace("version: 1", "version: 2"),
        "field 'version'",
        "Input should be 1",
    ),
}


@pytest.mark.parametrize("name", BAD_SAMPLES)
def test_a_malformed_entry_fails_naming_the_file_and_the_entry(name):
    text, entry, problem = BAD_SAMPLES[name]
    with pytest.raises(tl.TimelineError) as caught:
        tl.parse(text, "samples/bad.yaml")
    message = str(caught.value)
    assert message.startswith(f"samples/bad.yaml: {entry}: "), message
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
    assert str(caught.value).startswith(f"{path}: event 5 ({victim['short']!r}), field 'date'")


# --- the table on the page and the sources entries ------------------------------------


@pytest.mark.parametrize(
    ("page", "placeholder"),
    [(tl.PAGE, tl.TABLE_PLACEHOLDER), (tl.SOURCES_PAGE, tl.SOURCES_PLACEHOLDER)],
    ids=["timeline", "sources"],
)
def test_the_pages_hold_a_placeholder_and_no_generated_text(page, placeholder):
    text = page.read_text(encoding="utf-8")
    name = page.relative_to(tl.ROOT)
    assert text.splitlines().count(placeholder) == 1, f"{name}: keep the line {placeholder}"
    for raw in DATA["events"]:
        assert f"**{raw['short']}.**" not in text, f"{name}: delete the copied table row"
    for source in DATA["sources"]:
        if not source.get("seed"):
            assert f"{{#{source['anchor']}}}" not in text, f"{name}: delete the copied entry"


def page_table_rows(markdown: str) -> list[list[str]]:
    """The cells of the table the build puts on the page, read back from the Markdown."""
    lines = [line for line in markdown.splitlines() if line.startswith("| ")]
    table = lines[lines.index("| When | What happened | Why it matters for the roles | Source |") :]
    return [[cell.strip() for cell in line.strip("|").split(" | ")] for line in table[2:]]


def test_the_table_the_build_makes_matches_the_data_file_exactly():
    rows = page_table_rows(tl.fill_table(tl.PAGE.read_text(encoding="utf-8")))
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


def test_every_non_seed_source_gets_an_entry_with_title_author_date_and_link():
    text = tl.fill_sources(tl.SOURCES_PAGE.read_text(encoding="utf-8"))
    for source in DATA["sources"]:
        if source.get("seed"):
            continue
        entry = text.split(f"{{#{source['anchor']}}}", 1)[1].split("\n### ", 1)[0]
        for label in ("Title", "Author or publisher", "Date", "Link"):
            assert f"- **{label}:**" in entry


def test_the_built_pages_show_every_event_and_every_source(site_dir):
    page = (site_dir / "roles" / "timeline" / "index.html").read_text(encoding="utf-8")
    assert tl.TABLE_PLACEHOLDER not in page
    table = page.split("<table>", 1)[1].split("</table>", 1)[0]
    text = html.unescape(re.sub(r"<[^>]+>", "", table))  # glossary tooltips wrap some words
    for raw in DATA["events"]:
        assert f"{raw['short']}. {' '.join(raw['event'].split())}" in text, raw["short"]
    sources = (site_dir / "sources" / "index.html").read_text(encoding="utf-8")
    assert tl.SOURCES_PLACEHOLDER not in sources
    for source in DATA["sources"]:
        assert f'id="{source["anchor"]}"' in sources, source["anchor"]


def test_fill_names_a_missing_placeholder():
    with pytest.raises(tl.TimelineError, match=r"^docs/roles/timeline.md: needs the line <!-- "):
        tl.fill_table("# Timeline\n\nNo table here.\n")
