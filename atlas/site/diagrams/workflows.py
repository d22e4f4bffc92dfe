"""The two workflows, side by side: ML engineering and AI engineering.

ML engineering runs data -> model -> product and loops back to retrain. AI engineering
starts from the product, works on context and prompts, evaluates, and loops on those;
changing the model itself is an optional, dashed step (sources 001 and 002 in
``docs/sources.md``). The evaluation step and its loop are this site's addition: source
002's summary of the AI path has no evaluation step, though its scenarios stress it.

>>> svg = render_svg()
>>> svg.count('class="atlas-diagram__box') == sum(len(flow.steps) for flow in FLOWS)
True
"""

from __future__ import annotations

from dataclasses import dataclass

from atlas.site import svg

NAME = "map-workflows"
WIDTH, HEIGHT = 560, 470
BOX_W, BOX_H, GAP = 200, 62, 34
TOP = 84  # y of the first box
LABEL = "atlas-diagram__label"
BOX = "atlas-diagram__box"


@dataclass(frozen=True)
class Step:
    name: str
    detail: str
    optional: bool = False


@dataclass(frozen=True)
class Flow:
    title: str
    given: str  # what the work starts from
    steps: tuple[Step, ...]
    loop: str  # label of the arrow that goes back up
    loop_from: int  # index of the step the loop leaves
    loop_to: int  # index of the step it returns to
    box_x: float
    side: int  # -1: the loop runs down the left side, +1: the right


FLOWS = (
    Flow(
        "ML engineering",
        "starts from data",
        (
            Step("Data", "collect, label, study"),
            Step("Model", "train, tune, validate"),
            Step("Product", "deploy, serve, monitor"),
        ),
        "retrain on new data",
        2,
        0,
        box_x=66,
        side=-1,
    ),
    Flow(
        "AI engineering",
        "starts from a trained model",
        (
            Step("Product", "the user's need first"),
            Step("Context and prompts", "retrieval, tools, prompts"),
            Step("Evaluation", "many samples, a threshold"),
            Step("Model adaptation", "only when needed", optional=True),
        ),
        "improve and re-run",
        2,
        1,
        box_x=WIDTH - 66 - BOX_W,
        side=1,
    ),
)

TITLE = "The ML engineering workflow beside the AI engineering workflow"
DESC = (
    "Two flows drawn top to bottom. ML engineering starts from data: data (collect, "
    "label, study), then model (train, tune, validate), then product (deploy, serve, "
    "monitor), with an arrow from product back to data: retrain on new data. AI "
    "engineering starts from a trained model: product (the user's need first), then "
    "context and prompts (retrieval, tools, prompts), then evaluation (many samples, a "
    "threshold; a step this site adds to the source's path), with an arrow from "
    "evaluation back to context and prompts: improve and re-run. A last, dashed step is "
    "model adaptation, only when needed."
)


def labels() -> list[str]:
    """Every piece of text the diagram shows."""
    found = []
    for flow in FLOWS:
        found += [flow.title, flow.given, flow.loop]
        for step in flow.steps:
            found += [step.name, step.detail]
    return found


def box_top(index: int) -> float:
    return TOP + index * (BOX_H + GAP)


def _flow(flow: Flow) -> list[str]:
    centre = flow.box_x + BOX_W / 2
    parts = [
        svg.text(centre, 28, flow.title, f"{LABEL} {LABEL}--strong"),
        svg.text(centre, 52, flow.given, f"{LABEL} {LABEL}--small {LABEL}--ghost"),
    ]
    for index, step in enumerate(flow.steps):
        top = box_top(index)
        cls = f"{BOX} {BOX}--key" if flow.side > 0 else BOX
        if step.optional:
            cls = f"{BOX} {BOX}--optional"
        parts.append(svg.rect(flow.box_x, top, BOX_W, BOX_H, cls))
        parts.append(svg.text(centre, top + 26, step.name, f"{LABEL} {LABEL}--strong"))
        parts.append(svg.text(centre, top + 47, step.detail, f"{LABEL} {LABEL}--small"))
        if index:
            parts += svg.arrow([(centre, box_top(index - 1) + BOX_H), (centre, top)])
    # The loop: out of one box's side, along the edge, back into an earlier box.
    edge_x = flow.box_x if flow.side < 0 else flow.box_x + BOX_W
    lane_x = edge_x + flow.side * 26
    start_y = box_top(flow.loop_from) + BOX_H / 2
    end_y = box_top(flow.loop_to) + BOX_H / 2
    lane = [(edge_x, start_y), (lane_x, start_y), (lane_x, end_y), (edge_x, end_y)]
    parts += svg.arrow(lane, svg.LOOP)
    label_x = lane_x + flow.side * 12
    parts.append(
        svg.text(
            label_x,
            (start_y + end_y) / 2,
            flow.loop,
            f"{LABEL} {LABEL}--small",
            rotate=90 * flow.side,
        )
    )
    return parts


def render_svg() -> str:
    """The diagram as SVG text: same input, same bytes."""
    divider = svg.line(
        (WIDTH / 2, 16), (WIDTH / 2, HEIGHT - 16), "atlas-diagram__divider", decorative=True
    )
    body = [divider]
    for flow in FLOWS:
        body += _flow(flow)
    return svg.document(name=NAME, width=WIDTH, height=HEIGHT, title=TITLE, desc=DESC, body=body)


if __name__ == "__main__":
    print(render_svg(), end="")
