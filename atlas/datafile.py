"""Read a YAML data file into a pydantic model, with errors a contributor can act on.

The site's data files (``atlas/roadmap/projects.yaml``, ``atlas/site/timeline.yaml``) are
checked by pydantic models. :func:`load` turns pydantic's errors into one line each that
names the file, the entry and the field:

>>> from pydantic import BaseModel, ConfigDict
>>> class Item(BaseModel):
...     model_config = ConfigDict(extra="forbid")
...     name: str
...     size: int
>>> class Items(BaseModel):
...     items: list[Item]
>>> text = "items: [{name: cup, size: 2, colour: red}]"
>>> try:
...     parse(text, Items, "x.yaml", {"items": ("item", "name")})
... except DataError as error:
...     print(error)
x.yaml: item 1 ('cup'), field 'colour': Extra inputs are not permitted

A check that spans entries (an unknown reference, a duplicate) raises :class:`At` from a
model validator to point at the entry and field it blames.
"""

from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

ROOT = Path(__file__).resolve().parent.parent
# libyaml's loader where PyYAML was built with it: ten times faster, and the build reads
# projects.yaml and every course.yaml once per roadmap page.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

# For each list in a file: what one entry is called and the key whose value names it,
# e.g. {"projects": ("project", "slug")} gives "project 2 ('prompt-evals')".
Entries = dict[str, tuple[str, str]]
M = TypeVar("M", bound=BaseModel)


class DataError(ValueError):
    """A data file breaks a rule; the message names the file, the entry and the field."""


class At(ValueError):
    """Raised in a model validator: blame ``loc``, a location inside the model validated.

    ``At(("projects", 2, "stage"), "...")`` from the file's top model blames the third
    project's stage; ``At(("date",), "...")`` from an event's model blames that event's date.
    """

    def __init__(self, loc: tuple, message: str):
        super().__init__(message)
        self.loc = loc


def display_path(path: Path | str) -> str:
    """The path as a contributor types it: relative to the project root when inside it."""
    path = Path(path)
    try:
        return path.resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


def _label(raw: object, key: str, number: int) -> str:
    value = raw.get(key) if isinstance(raw, dict) else None
    if isinstance(value, str):
        value = " ".join(value.split())
        value = value if len(value) <= 50 else value[:47] + "..."
        return f"{number} ({value!r})"
    return f"{number}"


def _entry(rest: list, entries: Entries) -> int | None:
    """How many keys of ``rest`` name an entry list, if its next item is an index."""
    for size in range(1, len(rest)):
        keys = rest[:size]
        named = all(isinstance(k, str) for k in keys) and ".".join(keys) in entries
        if named and isinstance(rest[size], int):
            return size
    return None


def where(loc: tuple, data: object, entries: Entries) -> str:
    """ "project 2 ('prompt-evals'), field 'stage'" for a pydantic location in ``data``.

    Lists inside entries are walked too: with ``{"seeds": ("seed", "anchor"), "claims":
    ("claim", "claim")}`` a location in a seed's claims gives "seed 1 ('x'), claim 3 ('y')";
    a list inside a mapping is named by its dotted path, e.g. ``"diagnostic.questions"``.
    """
    parts, node, rest = [], data, list(loc)
    while (size := _entry(rest, entries)) is not None:
        name, key = entries[".".join(rest[:size])]
        for step in rest[:size]:
            node = node.get(step) if isinstance(node, dict) else None
        index = rest[size]
        node = node[index] if isinstance(node, list) and index < len(node) else None
        parts.append(f"{name} {_label(node, key, index + 1)}")
        rest = rest[size + 1 :]
    if rest:
        parts.append(f"field {'.'.join(str(part) for part in rest)!r}")
    return ", ".join(parts)


def parse(text: str, model: type[M], path: str, entries: Entries) -> M:
    """Validate YAML ``text`` as ``model``; raise :class:`DataError` naming ``path``."""
    try:
        data = yaml.load(text, Loader=SAFE_LOADER)
    except yaml.YAMLError as error:
        raise DataError(f"{path}: not valid YAML: {error}") from None
    try:
        return model.model_validate(data)
    except ValidationError as error:
        lines = []
        for problem in error.errors():
            loc = tuple(problem["loc"])
            cause = (problem.get("ctx") or {}).get("error")
            if isinstance(cause, At):
                loc += cause.loc
            place = where(loc, data, entries)
            message = problem["msg"].removeprefix("Value error, ")
            lines.append(f"{path}: {place + ': ' if place else ''}{message}")
        raise DataError("\n".join(lines)) from None


def load(path: Path, model: type[M], entries: Entries) -> M:
    """Read and validate the file at ``path`` (see :func:`parse`)."""
    return parse(path.read_text(encoding="utf-8"), model, display_path(path), entries)
