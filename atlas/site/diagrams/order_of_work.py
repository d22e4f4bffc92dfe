"""Diagram: the two orders of work that every scenario follows, as an accessible SVG.

ML engineering goes data -> model -> product and loops back to retrain. AI engineering
goes product -> context and prompts -> evaluation, loops on prompts and context, and
adapts the model only when the evaluation demands it (source: "From ML to AI
Engineering", ``docs/sources.md#from-ml-to-ai-engineering``).

>>> render_svg().count('class="atlas-diagram__box') == sum(len(lane.steps) for lane in LANES)
True
"""

from __future__ import annotations

from dataclasses import dataclass

from atlas.site import svg

NAME = "scenarios-order-of-work"
WIDTH, HEIGHT = 740, 330
BOX_W, BOX_H, GAP, LEFT = 156, 58, 28, 16
LABEL = "atlas-diagram__label"
BOX = "atlas-diagram__box"


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


TITLE = "Two orders of work"
DESC = (
    "Two rows of steps, read left to right, each step with what it is in the fraud "
    "scenario. Machine-learning engineering, data first: data (labelled payments), then "
    "model (train a classifier), then product (alerts at a threshold), with a dashed arrow "
    "back from product to data: retrain when drift or recall says so. AI engineering, "
    "product first: product (the investigator's need), then context and prompts (payment "
    "and history), then evaluation (same labels and metrics), with a dashed arrow back "
    "from evaluation to context and prompts: iterate on context and prompts. A last, "
    "dashed box is model adaptation, only when needed."
)


def labels() -> list[str]:
    """Every piece of text the diagram shows."""
    found = []
    for lane in LANES:
        found += [lane.title, lane.loop]
        for step in lane.steps:
            found += [step.name, step.example]
    return found


def lane_svg(lane: Lane) -> list[str]:
    parts = [svg.text(LEFT, lane.top, lane.title, f"{LABEL} {LABEL}--heading", "start")]
    y = lane.top + 16
    centres = []
    for i, step in enumerate(lane.steps):
        x = LEFT + i * (BOX_W + GAP)
        cls = f"{BOX} {BOX}--key" if lane.ai else BOX
        if step.optional:
            cls += f" {BOX}--optional"
        parts.append(svg.rect(x, y, BOX_W, BOX_H, cls))
        parts.append(svg.text(x + BOX_W / 2, y + 25, step.name, f"{LABEL} {LABEL}--bold"))
        parts.append(svg.text(x + BOX_W / 2, y + 45, step.example, f"{LABEL} {LABEL}--caption"))
        if i:
            parts += svg.arrow([(x - GAP + 2, y + BOX_H / 2), (x - 2, y + BOX_H / 2)])
        centres.append(x + BOX_W / 2)
    # The loop runs under the boxes, from one step back to an earlier one.
    bottom, dip = y + BOX_H, y + BOX_H + 30
    start, end = centres[lane.loop_from], centres[lane.loop_to]
    way_back = [(start, bottom + 2), (start, dip), (end, dip), (end, bottom + 2)]
    parts += svg.arrow(way_back, svg.LOOP)
    parts.append(svg.text((start + end) / 2, dip + 17, lane.loop, f"{LABEL} {LABEL}--caption"))
    return parts


def render_svg() -> str:
    """The diagram as an inline SVG string, coloured by the site's CSS."""
    body = [part for lane in LANES for part in lane_svg(lane)]
    return svg.document(name=NAME, width=WIDTH, height=HEIGHT, title=TITLE, desc=DESC, body=body)


if __name__ == "__main__":
    print(render_svg(), end="")
