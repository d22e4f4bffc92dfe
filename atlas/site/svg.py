"""Small helpers for writing the site's diagrams as SVG text, the same bytes every run.

Shapes get CSS classes, never colours: the site's stylesheet colours them with Material's
palette variables, so a diagram reads in the light and the dark palette alike. The classes
are one vocabulary, ``atlas-diagram__*``, styled in
``docs/assets/stylesheets/diagrams.css`` (linked on the pages that hold a diagram);
``tests/site/test_diagrams.py`` checks that every class a diagram uses is styled there.

>>> text(10, 20, "R&D", "label")
'<text x="10" y="20" class="label" text-anchor="middle">R&amp;D</text>'
>>> rect(0, 0, 40.5, 20, "box")
'<rect x="0" y="0" width="40.5" height="20" rx="8" class="box"/>'
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape, quoteattr

SVG_NS = "http://www.w3.org/2000/svg"
Point = tuple[float, float]


def num(value: float) -> str:
    """A coordinate as short, stable text: ``12``, ``12.5``, never ``12.500000001``."""
    rounded = round(float(value), 2)
    return str(int(rounded)) if rounded.is_integer() else f"{rounded:g}"


def attributes(**values: object) -> str:
    """``name="value"`` pairs in the order given; ``class_`` becomes ``class``.

    Numbers go through :func:`num`; ``None`` drops the attribute.
    """
    parts = []
    for name, value in values.items():
        if value is None:
            continue
        name = name.rstrip("_").replace("_", "-")
        shown = num(value) if isinstance(value, int | float) else str(value)
        parts.append(f"{name}={quoteattr(shown)}")
    return " ".join(parts)


def element(tag: str, content: str | None = None, **values: object) -> str:
    """One SVG element; ``content`` is inserted as is (escape text first)."""
    opening = f"{tag} {attributes(**values)}".rstrip()
    return f"<{opening}/>" if content is None else f"<{opening}>{content}</{tag}>"


def text(
    x: float, y: float, content: str, cls: str, anchor: str = "middle", rotate: float = 0
) -> str:
    """A text label; ``content`` is plain text and is escaped here.

    ``rotate`` turns it (in degrees, clockwise) around its anchor point.
    """
    turn = f"rotate({num(rotate)} {num(x)} {num(y)})" if rotate else None
    return element(
        "text", escape(content), x=x, y=y, class_=cls, text_anchor=anchor, transform=turn
    )


def text_lines(
    x: float,
    y: float,
    lines: Sequence[str],
    cls: str,
    *,
    line_height: float,
    anchor: str = "middle",
) -> list[str]:
    """Several labels stacked downwards from ``y``, one ``<text>`` per line."""
    return [text(x, y + i * line_height, line, cls, anchor) for i, line in enumerate(lines)]


def _hidden(decorative: bool) -> str | None:
    # A decorative shape carries no meaning of its own (a band behind a heading, a rule
    # between two halves): the browser contract exempts it from the 3:1 shape contrast.
    return "true" if decorative else None


def circle(cx: float, cy: float, r: float, cls: str) -> str:
    return element("circle", cx=cx, cy=cy, r=r, class_=cls)


def rect(
    x: float,
    y: float,
    width: float,
    height: float,
    cls: str,
    rx: float = 8,
    *,
    decorative: bool = False,
) -> str:
    return element(
        "rect",
        x=x,
        y=y,
        width=width,
        height=height,
        rx=rx,
        class_=cls,
        aria_hidden=_hidden(decorative),
    )


def line(start: Point, end: Point, cls: str, *, decorative: bool = False) -> str:
    return element(
        "line",
        x1=start[0],
        y1=start[1],
        x2=end[0],
        y2=end[1],
        class_=cls,
        aria_hidden=_hidden(decorative),
    )


def path(points: Iterable[Point], cls: str, closed: bool = False) -> str:
    """A path through ``points`` (straight segments), closed into a polygon if asked."""
    points = list(points)
    d = "M" + " L".join(f"{num(x)} {num(y)}" for x, y in points) + (" Z" if closed else "")
    return element("path", d=d, class_=cls)


ARROW = "atlas-diagram__arrow"
LOOP = "atlas-diagram__arrow atlas-diagram__arrow--loop"  # dashed: the way back
ARROWHEAD = "atlas-diagram__arrowhead"


def arrow(points: Sequence[Point], cls: str = ARROW, head: float = 9) -> list[str]:
    """A line through ``points`` (class ``cls``) with a filled arrowhead at the last point.

    The head is a small triangle, not an SVG marker, so one CSS class colours it.

    >>> shaft, tip = arrow([(0, 0), (0, 20)], LOOP)
    >>> shaft
    '<path d="M0 0 L0 11" class="atlas-diagram__arrow atlas-diagram__arrow--loop"/>'
    """
    (x1, y1), (x2, y2) = points[-2], points[-1]
    angle = math.atan2(y2 - y1, x2 - x1)
    back = (x2 - head * math.cos(angle), y2 - head * math.sin(angle))
    wing = head * 0.55
    left = (back[0] + wing * math.sin(angle), back[1] - wing * math.cos(angle))
    right = (back[0] - wing * math.sin(angle), back[1] + wing * math.cos(angle))
    shaft = [*points[:-1], back]
    return [path(shaft, cls), path([(x2, y2), left, right], ARROWHEAD, True)]


def document(
    *, name: str, width: float, height: float, title: str, desc: str, body: Iterable[str]
) -> str:
    """A complete, accessible ``<svg>``: ``role="img"``, a title and a description.

    ``name`` makes the title's and description's ids unique on a page. Every diagram has
    the same root class: the stylesheet styles parts by their classes, not by diagram.
    """
    ids = f"{name}-title {name}-desc"
    opening = element(
        "svg",
        "",
        xmlns=SVG_NS,
        viewBox=f"0 0 {num(width)} {num(height)}",
        width=width,
        height=height,
        role="img",
        aria_labelledby=ids,
        class_="atlas-diagram__svg",
    )[:-6]  # drop the "</svg>" that element() closed it with
    parts = [
        opening,
        element("title", escape(title), id=f"{name}-title"),
        element("desc", escape(desc), id=f"{name}-desc"),
        *body,
        "</svg>",
    ]
    return "\n".join(parts) + "\n"
