"""The roles timeline: load and check its data file, draw it, and write its table.

``timeline.yaml`` next to this file is the only place an event is written. From it this
module makes three things:

* :func:`render_svg` draws the diagram that ``atlas/site/diagrams/__init__.py`` puts on the page;
* :func:`table_markdown` writes the accessible table on ``docs/roles/timeline.md``;
* :func:`sources_markdown` writes the timeline's entries on ``docs/sources.md``.

Run ``python -m atlas.site.timeline`` after editing the YAML to rewrite both
generated blocks; ``--check`` only reports whether they are up to date.

>>> timeline = load()
>>> len(timeline.events) >= 15
True
>>> first = timeline.events[0]
>>> first.when, first.start.isoformat()
('31 August 1955', '1955-08-31')
>>> render_svg() == render_svg()
True
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
DATA = HERE / "timeline.yaml"
PAGE = ROOT / "docs" / "roles" / "timeline.md"
SOURCES_PAGE = ROOT / "docs" / "sources.md"
FORMAT_VERSION = 1

TABLE_START = "<!-- timeline-table:start (generated from atlas/site/timeline.yaml) -->"
TABLE_END = "<!-- timeline-table:end -->"
SOURCES_START = "<!-- timeline-sources:start (generated from atlas/site/timeline.yaml) -->"
SOURCES_END = "<!-- timeline-sources:end -->"

PRECISIONS = ("day", "month", "year", "approximate")
DATE_FORMS = {
    "day": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
    "month": re.compile(r"^\d{4}-\d{2}$"),
    "year": re.compile(r"^\d{4}$"),
}
ANCHOR = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
SOURCE_KEYS = {"anchor", "title", "author", "date", "link"}
EVENT_KEYS = {"date", "precision", "era", "short", "event", "why", "source"}
MAX_SHORT = 46  # characters: longer labels would not fit the diagram's column


class TimelineError(ValueError):
    """The data file breaks a rule; the message names the file, the entry and the rule."""


@dataclass(frozen=True)
class Source:
    anchor: str
    title: str
    author: str
    date: str
    link: str  # a URL, or "unknown"
    seed: bool = False  # one of the four source articles, written by hand on sources.md


@dataclass(frozen=True)
class Event:
    date: str
    precision: str
    era: str
    short: str
    event: str
    why: str
    source: str
    note: str = ""

    @property
    def start(self) -> dt.date:
        """The first day the date can mean: the key the events are ordered by."""
        parts = [int(part) for part in self.date.split("-")]
        return dt.date(parts[0], *(parts[1:] + [1, 1])[:2])

    @property
    def when(self) -> str:
        """The date as a reader says it: '31 August 1955', 'June 2017', 'about 2008'."""
        day = self.start
        shown = {1: f"{day.year}", 2: f"{day:%B} {day.year}", 3: f"{day.day} {day:%B} {day.year}"}
        text = shown[self.date.count("-") + 1]
        return f"about {text}" if self.precision == "approximate" else text


@dataclass(frozen=True)
class Timeline:
    sources: dict[str, Source]
    events: list[Event]

    def eras(self) -> list[tuple[str, list[Event]]]:
        """The events grouped by era, in order."""
        groups: list[tuple[str, list[Event]]] = []
        for event in self.events:
            if not groups or groups[-1][0] != event.era:
                groups.append((event.era, []))
            groups[-1][1].append(event)
        return groups


def _text(raw: dict, key: str, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise TimelineError(f"{where}: {key!r} must be non-empty text")
    if "|" in value:
        raise TimelineError(f"{where}: {key!r} must not contain '|' (it splits table cells)")
    return " ".join(value.split())


def _source(raw: object, where: str) -> Source:
    if not isinstance(raw, dict):
        raise TimelineError(f"{where}: must be a mapping of key: value lines")
    missing = sorted(SOURCE_KEYS - set(raw))
    extra = sorted(set(raw) - SOURCE_KEYS - {"seed"})
    if missing or extra:
        raise TimelineError(f"{where}: missing keys {missing}, unknown keys {extra}")
    values = {key: _text(raw, key, where) for key in SOURCE_KEYS}
    if not ANCHOR.match(values["anchor"]):
        raise TimelineError(f"{where}: anchor {values['anchor']!r} must be lower-case-words")
    link = values["link"]
    if link != "unknown" and not link.startswith("https://"):
        raise TimelineError(f"{where}: link must be an https:// URL or 'unknown', not {link!r}")
    return Source(**values, seed=raw.get("seed") is True)


def _event(raw: object, where: str, sources: dict[str, Source]) -> Event:
    if not isinstance(raw, dict):
        raise TimelineError(f"{where}: must be a mapping of key: value lines")
    missing = sorted(EVENT_KEYS - set(raw))
    extra = sorted(set(raw) - EVENT_KEYS - {"note"})
    if missing or extra:
        raise TimelineError(f"{where}: missing keys {missing}, unknown keys {extra}")
    values = {key: _text(raw, key, where) for key in EVENT_KEYS}
    note = _text(raw, "note", where) if "note" in raw else ""
    date, precision = values["date"], values["precision"]
    if precision not in PRECISIONS:
        raise TimelineError(f"{where}: precision {precision!r} is not one of {PRECISIONS}")
    forms = DATE_FORMS.values() if precision == "approximate" else [DATE_FORMS[precision]]
    if not any(form.match(date) for form in forms):
        shape = {"day": "YYYY-MM-DD", "month": "YYYY-MM", "year": "YYYY"}.get(
            precision, "YYYY, YYYY-MM or YYYY-MM-DD"
        )
        raise TimelineError(
            f"{where}: date {date!r} does not match precision {precision!r} (expected {shape})"
        )
    if precision == "approximate" and not note:
        raise TimelineError(f"{where}: an approximate date needs a 'note' saying why")
    event = Event(**values, note=note)
    try:
        event.start  # noqa: B018 - a date such as 2020-13 or 2023-02-30 fails here
    except ValueError as error:
        raise TimelineError(f"{where}: date {date!r} is not a real date ({error})") from None
    if values["source"] not in sources:
        raise TimelineError(f"{where}: source {values['source']!r} is not in 'sources'")
    if len(values["short"]) > MAX_SHORT:
        raise TimelineError(f"{where}: 'short' is longer than {MAX_SHORT} characters")
    return event


def parse(text: str, path: str = "timeline.yaml") -> Timeline:
    """Check the YAML text of a timeline; errors name ``path`` and the entry."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise TimelineError(f"{path}: not valid YAML: {error}") from None
    if not isinstance(data, dict) or set(data) != {"version", "sources", "events"}:
        raise TimelineError(f"{path}: expected exactly the keys version, sources and events")
    if data["version"] != FORMAT_VERSION:
        raise TimelineError(f"{path}: version {data['version']!r} is not {FORMAT_VERSION}")
    if not isinstance(data["sources"], list) or not isinstance(data["events"], list):
        raise TimelineError(f"{path}: 'sources' and 'events' must be lists")
    sources: dict[str, Source] = {}
    for number, raw in enumerate(data["sources"], start=1):
        label = raw.get("anchor") if isinstance(raw, dict) else None
        source = _source(raw, f"{path}: source {number} ({label!r})")
        if source.anchor in sources:
            raise TimelineError(f"{path}: source {number}: anchor {source.anchor!r} is repeated")
        sources[source.anchor] = source
    events: list[Event] = []
    for number, raw in enumerate(data["events"], start=1):
        label = raw.get("short") if isinstance(raw, dict) else None
        where = f"{path}: event {number} ({label!r})"
        event = _event(raw, where, sources)
        if events and event.start < events[-1].start:
            raise TimelineError(
                f"{where}: date {event.date} is earlier than the event before it"
                f" ({events[-1].date}); keep events in date order"
            )
        if events and event.era != events[-1].era and event.era in {e.era for e in events}:
            raise TimelineError(
                f"{where}: era {event.era!r} was left earlier; eras must be contiguous"
            )
        events.append(event)
    unused = sorted(set(sources) - {event.source for event in events})
    if unused:
        raise TimelineError(f"{path}: sources cited by no event: {unused}")
    return Timeline(sources, events)


def load(path: Path = DATA) -> Timeline:
    """Read and check the data file."""
    try:
        shown = str(path.relative_to(ROOT))
    except ValueError:
        shown = str(path)
    return parse(path.read_text(encoding="utf-8"), shown)


# --- the accessible table and the sources entries ------------------------------------


def _cite(source: Source) -> str:
    return f"[{source.title}](../sources.md#{source.anchor}), {source.author}, {source.date}"


def table_markdown(timeline: Timeline | None = None) -> str:
    """The timeline as a Markdown table, one row per event, in date order."""
    timeline = timeline or load()
    rows = [
        "| When | What happened | Why it matters for the roles | Source |",
        "| --- | --- | --- | --- |",
    ]
    for event in timeline.events:
        happened = event.event + (f" *Note: {event.note}*" if event.note else "")
        rows.append(
            f"| {event.when} | **{event.short}.** {happened} | {event.why} | "
            f"{_cite(timeline.sources[event.source])} |"
        )
    return "\n".join(rows)


def sources_markdown(timeline: Timeline | None = None) -> str:
    """Entries for ``docs/sources.md`` in its format, for every source but the seeds."""
    timeline = timeline or load()
    parts = []
    for source in timeline.sources.values():
        if source.seed:
            continue
        link = "unknown" if source.link == "unknown" else f"<{source.link}>"
        parts.append(
            f"### {source.title} {{#{source.anchor}}}\n\n"
            f'- **Title:** "{source.title}"\n'
            f"- **Author or publisher:** {source.author}\n"
            f"- **Date:** {source.date}\n"
            f"- **Link:** {link}\n"
        )
    return "\n".join(parts).rstrip("\n")


def _replace_block(text: str, start: str, end: str, body: str, path: Path) -> str:
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.S)
    if not pattern.search(text):
        raise TimelineError(f"{path}: markers {start!r} ... {end!r} not found")
    return pattern.sub(lambda _: f"{start}\n\n{body}\n\n{end}", text, count=1)


def generated_pages(timeline: Timeline | None = None) -> dict[Path, str]:
    """What the two pages should contain, generated blocks included."""
    timeline = timeline or load()
    page = PAGE.read_text(encoding="utf-8")
    sources = SOURCES_PAGE.read_text(encoding="utf-8")
    return {
        PAGE: _replace_block(page, TABLE_START, TABLE_END, table_markdown(timeline), PAGE),
        SOURCES_PAGE: _replace_block(
            sources, SOURCES_START, SOURCES_END, sources_markdown(timeline), SOURCES_PAGE
        ),
    }


# --- the diagram -----------------------------------------------------------------------

NAME = "roles-timeline"
WIDTH = 480
AXIS_X = 26
TEXT_X = 46
TOP = 78  # below the legend
ERA_HEIGHT = 40
ROW_HEIGHT = 48
TITLE = "Timeline of the data scientist, ML engineer and AI engineer roles"


def _num(value: float) -> str:
    rounded = round(float(value), 2)
    return str(int(rounded)) if rounded.is_integer() else f"{rounded:g}"


def _element(tag: str, content: str | None = None, **attrs: object) -> str:
    pairs = " ".join(
        f"{name.rstrip('_').replace('_', '-')}="
        + quoteattr(_num(value) if isinstance(value, int | float) else str(value))
        for name, value in attrs.items()
    )
    return f"<{tag} {pairs}/>" if content is None else f"<{tag} {pairs}>{content}</{tag}>"


def _label(x: float, y: float, content: str, cls: str) -> str:
    return _element("text", escape(content), x=x, y=y, class_=cls)


def _marker(y: float, approximate: bool) -> str:
    cls = "roles-tl-dot roles-tl-dot-approx" if approximate else "roles-tl-dot"
    return _element("circle", cx=AXIS_X, cy=y, r=7, class_=cls)


def description(timeline: Timeline) -> str:
    first, last = timeline.events[0], timeline.events[-1]
    eras = "; ".join(
        f"{name} ({', '.join(e.when for e in events)})" for name, events in timeline.eras()
    )
    return (
        f"A vertical timeline of {len(timeline.events)} events from {first.when} to "
        f"{last.when}, grouped into {len(timeline.eras())} eras: {eras}. Events are evenly "
        "spaced, not to scale. Approximate dates have a dashed, hollow marker. The table "
        "below the diagram lists every event with its source and notes on uncertain dates "
        "and disputed attributions."
    )


def render_svg(timeline: Timeline | None = None) -> str:
    """The timeline as an accessible SVG: same data, same bytes."""
    timeline = timeline or load()
    body = [
        _marker(22, approximate=False),
        _label(TEXT_X - 8, 27, "exact date (day, month or year)", "roles-tl-legend"),
        _marker(48, approximate=True),
        _label(TEXT_X - 8, 53, "approximate date (see its note)", "roles-tl-legend"),
    ]
    y = TOP
    for era, events in timeline.eras():
        body.append(
            _element(
                "rect", x=0, y=y, width=WIDTH, height=ERA_HEIGHT - 8, rx=6, class_="roles-tl-era"
            )
        )
        body.append(_label(12, y + 22, era, "roles-tl-era-label"))
        y += ERA_HEIGHT
        # One axis segment per era, drawn before its markers so they sit on top of it.
        body.append(
            _element(
                "line",
                x1=AXIS_X,
                y1=y + 10,
                x2=AXIS_X,
                y2=y + 10 + (len(events) - 1) * ROW_HEIGHT,
                class_="roles-tl-axis",
            )
        )
        for event in events:
            body.append(_marker(y + 10, event.precision == "approximate"))
            body.append(_label(TEXT_X, y + 15, event.when, "roles-tl-when"))
            body.append(_label(TEXT_X, y + 36, event.short, "roles-tl-short"))
            y += ROW_HEIGHT
    height = y + 4
    opening = _element(
        "svg",
        "",
        xmlns="http://www.w3.org/2000/svg",
        viewBox=f"0 0 {WIDTH} {_num(height)}",
        width=WIDTH,
        height=height,
        role="img",
        aria_labelledby=f"{NAME}-title {NAME}-desc",
        class_=f"atlas-svg {NAME}",
    )[: -len("</svg>")]
    parts = [
        opening,
        _element("title", escape(TITLE), id=f"{NAME}-title"),
        _element("desc", escape(description(timeline)), id=f"{NAME}-desc"),
        *body,
        "</svg>",
    ]
    return "\n".join(parts) + "\n"


def main(argv: list[str]) -> int:
    pages = generated_pages()
    stale = [path for path, text in pages.items() if path.read_text(encoding="utf-8") != text]
    if "--check" in argv:
        for path in stale:
            print(f"{path.relative_to(ROOT)} is out of date: run python -m atlas.site.timeline")
        return 1 if stale else 0
    for path in stale:
        path.write_text(pages[path], encoding="utf-8")
        print(f"rewrote {path.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
