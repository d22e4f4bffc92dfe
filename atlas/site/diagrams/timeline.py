"""The roles timeline diagram on ``docs/roles/timeline.md``, drawn from ``timeline.yaml``.

The data file, its checks and the accessible table live in :mod:`atlas.site.timeline`;
this module only draws. Events are evenly spaced, not to scale.

Each event gets one marker, besides the two of the legend:

>>> render_svg().count('<circle') - 2 == len(load().events)
True
"""

from __future__ import annotations

from atlas.site import svg
from atlas.site.timeline import Timeline, load

NAME = "roles-timeline"
WIDTH = 480
AXIS_X = 26
TEXT_X = 46
TOP = 78  # below the legend
ERA_HEIGHT = 40
ROW_HEIGHT = 48
LABEL = "atlas-diagram__label"
DOT = "atlas-diagram__dot"
TITLE = "Timeline of the data scientist, ML engineer and AI engineer roles"


def _marker(y: float, approximate: bool) -> str:
    cls = f"{DOT} {DOT}--approx" if approximate else DOT
    return svg.circle(AXIS_X, y, 7, cls)


def description(timeline: Timeline) -> str:
    first, last = timeline.events[0], timeline.events[-1]
    eras = "; ".join(
        f"{name} ({', '.join(e.when for e in events)})" for name, events in timeline.eras()
    )
    return (
        f"A vertical timeline of {len(timeline.events)} events from {first.when} to "
        f"{last.when}, grouped into {len(timeline.eras())} eras: {eras}. Events are evenly "
        "spaced, not to scale. An exact date (day, month or year) has a filled marker; an "
        "approximate date has a dashed, hollow marker (see its note). The table "
        "below the diagram lists every event with its source and notes on uncertain dates "
        "and disputed attributions."
    )


def render_svg(timeline: Timeline | None = None) -> str:
    """The timeline as an accessible SVG: same data, same bytes."""
    timeline = timeline or load()
    body = [
        _marker(22, approximate=False),
        svg.text(
            TEXT_X - 8, 27, "exact date (day, month or year)", f"{LABEL} {LABEL}--small", "start"
        ),
        _marker(48, approximate=True),
        svg.text(
            TEXT_X - 8, 53, "approximate date (see its note)", f"{LABEL} {LABEL}--small", "start"
        ),
    ]
    y = TOP
    for era, events in timeline.eras():
        body.append(
            svg.rect(0, y, WIDTH, ERA_HEIGHT - 8, "atlas-diagram__band", rx=6, decorative=True)
        )
        body.append(svg.text(12, y + 22, era, f"{LABEL} {LABEL}--heading {LABEL}--caps", "start"))
        y += ERA_HEIGHT
        # One axis segment per era, drawn before its markers so they sit on top of it.
        bottom = y + 10 + (len(events) - 1) * ROW_HEIGHT
        body.append(svg.line((AXIS_X, y + 10), (AXIS_X, bottom), "atlas-diagram__axis"))
        for event in events:
            body.append(_marker(y + 10, event.precision == "approximate"))
            body.append(svg.text(TEXT_X, y + 15, event.when, f"{LABEL} {LABEL}--bold", "start"))
            body.append(svg.text(TEXT_X, y + 36, event.short, f"{LABEL} {LABEL}--large", "start"))
            y += ROW_HEIGHT
    return svg.document(
        name=NAME,
        width=WIDTH,
        height=y + 4,
        title=TITLE,
        desc=description(timeline),
        body=body,
    )
