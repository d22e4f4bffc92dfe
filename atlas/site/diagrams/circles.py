"""The concentric circles of AI, and where AI engineering sits outside them.

``render_svg()`` draws artificial intelligence, machine learning, deep learning and
generative AI as nested circles. AI engineering is a separate box below them, beside
software engineering, with an arrow showing that it *uses* foundation models. Inside
the deep-learning circle a crossed-out "AI engineering?" marks where people often
assume it sits.

>>> render_svg().count("<circle")
4
"""

from __future__ import annotations

from dataclasses import dataclass

from atlas.site import svg

NAME = "map-circles"
WIDTH, HEIGHT = 560, 700
CENTRE_X = WIDTH / 2
BOTTOM = 480  # every circle touches this line, so each sits inside the one around it
LABEL = "atlas-diagram__label"


@dataclass(frozen=True)
class Ring:
    label: tuple[str, ...]  # one <text> per line
    radius: float
    label_y: float  # offset of the first label line below the circle's top


RINGS = (
    Ring(("Artificial intelligence",), 230, 40),
    Ring(("Machine learning",), 182, 36),
    Ring(("Deep learning",), 132, 34),
    Ring(("Generative AI", "and foundation", "models"), 74, 42),
)
NOT_HERE = "AI engineering?"
SOFTWARE = ("Software engineering", "deterministic:", "built around a database")
AI_ENGINEERING = ("AI engineering", "probabilistic:", "built around a model")
USES = ("uses them through", "an API; rarely", "changes weights")

TITLE = "Where AI engineering sits among the circles of AI"
DESC = (
    "Four nested circles: artificial intelligence contains machine learning, which "
    "contains deep learning, which contains generative AI and foundation models. Inside "
    "deep learning, the words 'AI engineering?' are crossed out: it does not belong "
    "there. Below the circles, outside all of them, two boxes sit side by side: software "
    "engineering (deterministic, built around a database) and AI engineering "
    "(probabilistic, built around a model). An arrow runs from the generative AI circle "
    "to the AI engineering box: AI engineering uses foundation models through an API and "
    "rarely changes their weights."
)


def labels() -> list[str]:
    """Every piece of text the diagram shows, in drawing order."""
    return [
        *(line for ring in RINGS for line in ring.label),
        NOT_HERE,
        *SOFTWARE,
        *AI_ENGINEERING,
        *USES,
    ]


def _rings() -> list[str]:
    parts = []
    for depth, ring in enumerate(RINGS, start=1):
        centre_y = BOTTOM - ring.radius
        parts.append(svg.circle(CENTRE_X, centre_y, ring.radius, "atlas-diagram__ring"))
        top = centre_y - ring.radius
        cls = f"{LABEL} {LABEL}--strong" if depth < len(RINGS) else f"{LABEL} {LABEL}--bold"
        parts += svg.text_lines(CENTRE_X, top + ring.label_y, ring.label, cls, line_height=18)
    return parts


def _not_here() -> list[str]:
    """The crossed-out guess inside deep learning (the "red X" of the source post)."""
    x, y, half = CENTRE_X - 70, 300, 10  # the X's centre and half its size
    return [
        svg.line((x - half, y - half), (x + half, y + half), "atlas-diagram__cross"),
        svg.line((x - half, y + half), (x + half, y - half), "atlas-diagram__cross"),
        svg.text(x + 2 * half, y + 5, NOT_HERE, f"{LABEL} {LABEL}--ghost", anchor="start"),
    ]


def _boxes() -> list[str]:
    parts = []
    top, height, width = 566, 112, 236
    for x, lines, cls in (
        (24, SOFTWARE, "atlas-diagram__box"),
        (WIDTH - 24 - width, AI_ENGINEERING, "atlas-diagram__box atlas-diagram__box--key"),
    ):
        parts.append(svg.rect(x, top, width, height, cls, rx=12))
        centre = x + width / 2
        parts.append(svg.text(centre, top + 34, lines[0], f"{LABEL} {LABEL}--strong"))
        parts += svg.text_lines(
            centre, top + 60, lines[1:], f"{LABEL} {LABEL}--small", line_height=20
        )
    return parts


def _uses() -> list[str]:
    inner = RINGS[-1]
    centre_y = BOTTOM - inner.radius
    start = (CENTRE_X + inner.radius * 0.7, centre_y + inner.radius * 0.72)
    end = (WIDTH - 24 - 236 / 2, 562)
    parts = svg.arrow([start, (end[0], start[1] + 28), end])
    parts += svg.text_lines(
        end[0] - 10, 512, USES, f"{LABEL} {LABEL}--small", line_height=17, anchor="end"
    )
    return parts


def render_svg() -> str:
    """The diagram as SVG text: same input, same bytes."""
    return svg.document(
        name=NAME,
        width=WIDTH,
        height=HEIGHT,
        title=TITLE,
        desc=DESC,
        body=[*_rings(), *_not_here(), *_uses(), *_boxes()],
    )


if __name__ == "__main__":
    print(render_svg(), end="")
