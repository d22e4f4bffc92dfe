"""The roles timeline: load and check its data file, and make its table at build time.

``timeline.yaml`` next to this file is the only place an event is written. From it

* :mod:`atlas.site.diagrams.timeline` draws the diagram, reading it with :func:`load`;
* :func:`fill_table` puts the accessible table on ``docs/roles/timeline.md``;
* :func:`fill_sources` puts the timeline's entries on ``docs/sources.md``.

Both fillers replace a placeholder line when the site is built (``hooks/generated.py``),
so no generated text is committed and the table cannot disagree with the diagram.

>>> timeline = load()
>>> len(timeline.events) >= 15
True
>>> first = timeline.events[0]
>>> first.when, first.start.isoformat()
('31 August 1955', '1955-08-31')
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    StrictBool,
    StrictStr,
    field_validator,
    model_validator,
)

from atlas import datafile
from atlas.datafile import At
from atlas.datafile import DataError as TimelineError

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
DATA = HERE / "timeline.yaml"
PAGE = ROOT / "docs" / "roles" / "timeline.md"
SOURCES_PAGE = ROOT / "docs" / "sources.md"
ENTRIES = {"sources": ("source", "anchor"), "events": ("event", "short")}

TABLE_PLACEHOLDER = "<!-- timeline table: made at build time from atlas/site/timeline.yaml -->"
SOURCES_PLACEHOLDER = "<!-- timeline sources: made at build time from atlas/site/timeline.yaml -->"

PRECISIONS = ("day", "month", "year", "approximate")
DATE_FORMS = {
    "day": re.compile(r"^\d{4}-\d{2}-\d{2}$"),
    "month": re.compile(r"^\d{4}-\d{2}$"),
    "year": re.compile(r"^\d{4}$"),
}
SHAPES = {"day": "YYYY-MM-DD", "month": "YYYY-MM", "year": "YYYY"}
ANCHOR = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
MAX_SHORT = 46  # characters: longer labels would not fit the diagram's column

__all__ = ["Event", "Source", "Timeline", "TimelineError", "load", "parse"]


def _text(value: str) -> str:
    text = " ".join(value.split())
    if not text:
        raise ValueError("must be non-empty text")
    if "|" in text:
        raise ValueError("must not contain '|' (it splits table cells)")
    return text


Text = Annotated[StrictStr, AfterValidator(_text)]


class Source(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    anchor: Text
    title: Text
    author: Text
    date: Text
    link: Text  # a URL, or "unknown"
    seed: StrictBool = False  # one of the four source articles, written by hand on sources.md

    @field_validator("anchor")
    @classmethod
    def _anchor(cls, value: str) -> str:
        if not ANCHOR.match(value):
            raise ValueError(f"anchor {value!r} must be lower-case words joined by '-'")
        return value

    @field_validator("link")
    @classmethod
    def _link(cls, value: str) -> str:
        if value != "unknown" and not value.startswith("https://"):
            raise ValueError(f"link must be an https:// URL or 'unknown', not {value!r}")
        return value


class Event(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    date: Text
    precision: Text
    era: Text
    short: Text
    event: Text
    why: Text
    source: Text
    note: Text = ""

    @field_validator("date", mode="before")
    @classmethod
    def _quoted(cls, value: object) -> object:
        if isinstance(value, int | dt.date):
            raise ValueError(
                f'write the date in quotes, "{value}": YAML reads it unquoted as a'
                f" {'number' if isinstance(value, int) else 'date'}"
            )
        return value

    @field_validator("precision")
    @classmethod
    def _precision(cls, value: str) -> str:
        if value not in PRECISIONS:
            raise ValueError(f"precision {value!r} is not one of {PRECISIONS}")
        return value

    @field_validator("short")
    @classmethod
    def _short(cls, value: str) -> str:
        if len(value) > MAX_SHORT:
            raise ValueError(
                f"is {len(value)} characters long; keep it to {MAX_SHORT} so it fits the diagram"
            )
        return value

    @model_validator(mode="after")
    def _date_fits_precision(self) -> Event:
        forms = (
            DATE_FORMS.values() if self.precision == "approximate" else [DATE_FORMS[self.precision]]
        )
        if not any(form.match(self.date) for form in forms):
            shape = SHAPES.get(self.precision, "YYYY, YYYY-MM or YYYY-MM-DD")
            raise At(
                ("date",),
                f"date {self.date!r} does not match precision {self.precision!r}"
                f" (expected {shape})",
            )
        if self.precision == "approximate" and not self.note:
            raise At(("note",), "an approximate date needs a 'note' saying why")
        try:
            self.start  # noqa: B018 - a date such as 2020-13 or 2023-02-30 fails here
        except ValueError as error:
            raise At(("date",), f"date {self.date!r} is not a real date ({error})") from None
        return self

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


class TimelineFile(BaseModel):
    """The file as written: a version, a list of sources, a list of events."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Literal[1]
    sources: tuple[Source, ...]
    events: tuple[Event, ...]

    @model_validator(mode="after")
    def _consistent(self) -> TimelineFile:
        anchors: dict[str, int] = {}
        for index, source in enumerate(self.sources):
            if source.anchor in anchors:
                raise At(
                    ("sources", index, "anchor"),
                    f"anchor {source.anchor!r} is repeated: source {anchors[source.anchor] + 1}"
                    " has it too",
                )
            anchors[source.anchor] = index
        for index, event in enumerate(self.events):
            if event.source not in anchors:
                raise At(
                    ("events", index, "source"), f"source {event.source!r} is not in 'sources'"
                )
            if index == 0:
                continue
            before = self.events[index - 1]
            if event.start < before.start:
                raise At(
                    ("events", index, "date"),
                    f"date {event.date} is earlier than the event before it ({before.date});"
                    " keep events in date order",
                )
            if event.era != before.era and event.era in {e.era for e in self.events[:index]}:
                raise At(
                    ("events", index, "era"),
                    f"era {event.era!r} was left earlier; eras must be contiguous",
                )
        cited = {event.source for event in self.events}
        for index, source in enumerate(self.sources):
            if source.anchor not in cited:
                raise At(("sources", index), "no event cites this source; remove it or cite it")
        return self


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


def parse(text: str, path: str = "timeline.yaml") -> Timeline:
    """Check the YAML text of a timeline; errors name ``path``, the entry and the field."""
    checked = datafile.parse(text, TimelineFile, path, ENTRIES)
    return Timeline({s.anchor: s for s in checked.sources}, list(checked.events))


def load(path: Path = DATA) -> Timeline:
    """Read and check the data file."""
    return parse(path.read_text(encoding="utf-8"), datafile.display_path(path))


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


def _fill(markdown: str, placeholder: str, page_uri: str, make) -> str:
    lines = markdown.splitlines()
    if lines.count(placeholder) != 1:
        raise TimelineError(
            f"docs/{page_uri}: needs the line {placeholder} exactly once"
            f" (found {lines.count(placeholder)})"
        )
    block = make()
    return "\n".join(block if line == placeholder else line for line in lines) + "\n"


def fill_table(
    markdown: str, *, page_uri: str = "roles/timeline.md", data: Path = DATA, **_
) -> str:
    """Replace the placeholder line of the timeline page with the table."""
    return _fill(markdown, TABLE_PLACEHOLDER, page_uri, lambda: table_markdown(load(data)))


def fill_sources(markdown: str, *, page_uri: str = "sources.md", data: Path = DATA, **_) -> str:
    """Replace the placeholder line of the sources page with the timeline's entries."""
    return _fill(markdown, SOURCES_PLACEHOLDER, page_uri, lambda: sources_markdown(load(data)))
