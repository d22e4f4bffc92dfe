"""Diagram: the two orders of work that every scenario follows, as an accessible SVG.

ML engineering goes data -> model -> product and loops back to retrain. AI engineering
goes product -> context and prompts -> evaluation, loops on prompts and context, and
adapts the model only when the evaluation demands it (source: "From ML to AI
Engineering", ``docs/sources.md#from-ml-to-ai-engineering``).

>>> svg = render_svg()
>>> svg.startswith("<svg") and 'role="img"' in svg and "viewBox" in svg
True
>>> svg.count('class="scn-box') == sum(len(lane.steps) for lane in LANES)
True
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

WIDTH, HEIGHT = 740, 330
BOX_W, BOX_H, GAP, LEFT = 156, 58, 28, 16
ID = "scenarios-order-of-work"


@dataclass(frozen=True)
class Step:
    name: str
    example: str  # what this step is in the fraud scenario
    optional: bool = False


@dataclass(frozen=True)
class Lane:
    title: str
    steps: tuple[Step, ...]
    loop: str  # label of the arrow back
    loop_from: int
    loop_to: int
    top: int
    ai: bool


LANES = (
    Lane(
        "Machine-learning engineering: data first",
        (
            Step("Data", "labelled payments"),
            Step("Model", "train a classifier"),
            Step("Product", "alerts at a threshold"),
        ),
        "retrain when drift or recall says so",
        2,
        0,
        top=40,
        ai=False,
    ),
    Lane(
        "AI engineering: product first",
        (
            Step("Product", "the investigator's need"),
            Step("Context and prompts", "payment and history"),
            Step("Evaluation", "same labels and metrics"),
            Step("Model adaptation", "only when needed", optional=True),
        ),
        "iterate on context and prompts",
        2,
        1,
        top=190,
        ai=True,
    ),
)


def text(x: float, y: float, content: str, cls: str, anchor: str = "middle") -> str:
    return (
        f'<text x="{x:g}" y="{y:g}" class="{cls}" text-anchor="{anchor}">{escape(content)}</text>'
    )


def arrow(x1: float, y: float, x2: float) -> str:
    """A horizontal arrow from x1 to x2 at height y."""
    return (
        f'<line x1="{x1:g}" y1="{y:g}" x2="{x2 - 8:g}" y2="{y:g}" class="scn-arrow"/>'
        f'<polygon points="{x2:g},{y:g} {x2 - 9:g},{y - 5:g} {x2 - 9:g},{y + 5:g}" '
        'class="scn-arrow-head"/>'
    )


def lane_svg(lane: Lane) -> list[str]:
    parts = [text(LEFT, lane.top, lane.title, "scn-title", "start")]
    y = lane.top + 16
    centres = []
    for i, step in enumerate(lane.steps):
        x = LEFT + i * (BOX_W + GAP)
        cls = "scn-box scn-box-ai" if lane.ai else "scn-box"
        if step.optional:
            cls += " scn-box-optional"
        parts.append(
            f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" rx="8" class="{cls}"/>'
        )
        parts.append(text(x + BOX_W / 2, y + 25, step.name, "scn-label"))
        parts.append(text(x + BOX_W / 2, y + 45, step.example, "scn-caption"))
        if i:
            parts.append(arrow(x - GAP + 2, y + BOX_H / 2, x - 2))
        centres.append(x + BOX_W / 2)
    # The loop runs under the boxes, from one step back to an earlier one.
    bottom, dip = y + BOX_H, y + BOX_H + 30
    start, end = centres[lane.loop_from], centres[lane.loop_to]
    parts.append(
        f'<path d="M {start:g} {bottom + 2} V {dip} H {end:g} V {bottom + 10}" class="scn-loop"/>'
    )
    parts.append(
        f'<polygon points="{end:g},{bottom + 2} {end - 5:g},{bottom + 11} '
        f'{end + 5:g},{bottom + 11}" class="scn-arrow-head"/>'
    )
    parts.append(text((start + end) / 2, dip + 17, lane.loop, "scn-caption"))
    return parts


def render_svg() -> str:
    """The diagram as an inline SVG string, coloured by the site's CSS."""
    body = [part for lane in LANES for part in lane_svg(lane)]
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'role="img" aria-labelledby="{ID}-title {ID}-desc" class="atlas-svg scn-diagram">'
        f'<title id="{ID}-title">Two orders of work</title>'
        f'<desc id="{ID}-desc">Machine-learning engineering runs data, then model, then '
        "product, and loops back to retrain. AI engineering runs product, then context and "
        "prompts, then evaluation, loops back to context and prompts, and adapts the model "
        "only when needed.</desc>" + "".join(body) + "</svg>"
    )
