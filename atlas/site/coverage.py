"""Which claims of the four source articles the site covers, and where.

``coverage.yaml`` next to this file lists, for each source article, its claims in our own
words with the places on the site that cover them, or the reason a claim is left out.
``hooks/coverage.py`` calls :func:`fill` to turn the line ``<!-- coverage-table -->`` on
``docs/sources.md`` into one Markdown table per article at build time.

>>> coverage = load()
>>> [seed.anchor for seed in coverage.seeds]
['ai-generalism', 'ai-engineering-is-not-ml', 'from-ml-to-ai-engineering', 'who-is-an-ai-engineer']
>>> claim = coverage.seeds[0].claims[0]
>>> claim.how, claim.where[0]
('covered', 'roles/debates.md#who-moves')

A broken entry is reported with the file, the entry and the field:

>>> bad = "version: 1\\nseeds: [{anchor: a-seed, claims: [{claim: It rains., how: maybe}]}]"
>>> try:
...     parse(bad)
... except CoverageError as error:
...     print(error)  # doctest: +NORMALIZE_WHITESPACE
coverage.yaml: seed 1 ('a-seed'), claim 1 ('It rains.'), field 'how':
    Input should be 'covered', 'partly' or 'left out'
"""

from __future__ import annotations

import posixpath
import re
from pathlib import Path
from typing import Literal

from markdown.extensions.toc import slugify as toc_slugify
from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from atlas import datafile
from atlas.datafile import DataError, display_path
from atlas.site import page_text
from atlas.site.page_text import Site

HERE = Path(__file__).resolve().parent
ROOT = datafile.ROOT
DATA = HERE / "coverage.yaml"
PLACEHOLDER = "<!-- coverage-table -->"
SEEDS_SECTION = "The four source articles"  # the heading on docs/sources.md above the seeds
NOT_YET = "not yet covered"
MAX_CLAIM = 240  # characters: a claim is a few words of our own, not a long quotation

ANCHOR = r"[a-z0-9]+(?:-[a-z0-9]+)*"
TARGET = re.compile(r"^(?:[a-z0-9_-]+/)*[a-z0-9_-]+\.md#[A-Za-z0-9_-]+$")


# The data file or the pages it names break a rule; the message names file, entry and field.
CoverageError = DataError
ENTRIES = {"seeds": ("seed", "anchor"), "claims": ("claim", "claim")}


def _one_line(value: str) -> str:
    text = " ".join(value.split())
    if not text:
        raise ValueError("must be non-empty text")
    return text


class Claim(BaseModel):
    """One claim of an article and how the site treats it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    claim: str = Field(max_length=MAX_CLAIM)
    how: Literal["covered", "partly", "left out"]
    where: tuple[str, ...] = ()
    note: str | None = None
    reason: str | None = None

    @field_validator("claim", "note", "reason")
    @classmethod
    def _text(cls, value: str | None) -> str | None:
        return None if value is None else _one_line(value)

    @field_validator("where", mode="before")
    @classmethod
    def _listed(cls, value: object) -> object:
        return [value] if isinstance(value, str) else value

    @field_validator("where")
    @classmethod
    def _targets(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for target in value:
            if not TARGET.match(target):
                raise ValueError(
                    f"{target!r} is not a docs-relative page and heading id,"
                    " such as 'roles/debates.md#fine-tuning'"
                )
        if len(set(value)) != len(value):
            raise ValueError("names the same place twice")
        return value

    @model_validator(mode="after")
    def _fits_how(self) -> Claim:
        if self.how == "left out":
            if self.where:
                raise ValueError("a 'left out' claim has no 'where'; say why in 'reason'")
            if not self.reason:
                raise ValueError("a 'left out' claim needs a 'reason'")
        else:
            if not self.where:
                raise ValueError(f"a {self.how!r} claim needs 'where': the pages that cover it")
            if self.reason:
                raise ValueError(
                    f"only a 'left out' claim has a 'reason'; use 'note' for {self.how!r}"
                )
            if self.how == "partly" and not self.note:
                raise ValueError("a 'partly' claim needs a 'note' saying what is not covered")
        return self

    @property
    def not_yet_covered(self) -> bool:
        return self.how == "left out" and (self.reason or "").lower().startswith(NOT_YET)


class Seed(BaseModel):
    """One source article: its heading id on the sources page and its claims."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    anchor: str = Field(pattern=rf"^{ANCHOR}$")
    claims: tuple[Claim, ...]

    # Not Field(min_length=1): pydantic would add a misleading "at least 1 item" error
    # for every list one of whose items fails.
    @field_validator("claims")
    @classmethod
    def _some(cls, value: tuple[Claim, ...]) -> tuple[Claim, ...]:
        if not value:
            raise ValueError("list at least one claim")
        return value


class Coverage(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    version: Literal[1]
    seeds: tuple[Seed, ...]

    @model_validator(mode="after")
    def _unique(self) -> Coverage:
        if not self.seeds:
            raise ValueError("list at least one seed")
        anchors = [seed.anchor for seed in self.seeds]
        repeated = sorted({anchor for anchor in anchors if anchors.count(anchor) > 1})
        if repeated:
            raise ValueError(f"seed anchors are repeated: {repeated}")
        return self

    def seed(self, anchor: str) -> Seed:
        return next(seed for seed in self.seeds if seed.anchor == anchor)


def parse(text: str, path: str = "coverage.yaml") -> Coverage:
    """Check the YAML text of a coverage file; errors name ``path``, the entry and the field."""
    return datafile.parse(text, Coverage, path, ENTRIES)


def load(path: Path = DATA) -> Coverage:
    return parse(path.read_text(encoding="utf-8"), display_path(path))


def seed_entries(sources_markdown: str) -> dict[str, str]:
    """The source articles of the sources page, heading id -> title, in page order.

    They are the ``###`` headings under ``## The four source articles``.
    """
    entries: dict[str, str] = {}
    inside = False
    for line in page_text.prose(sources_markdown):
        heading = page_text.HEADING.match(line)
        if not heading:
            continue
        level = len(heading["hashes"])
        if level <= 2:
            inside = page_text.plain(heading["text"]) == SEEDS_SECTION
        elif inside and level == 3:
            explicit = page_text.ATTR_ID.search(heading["attrs"] or "")
            title = page_text.plain(heading["text"])
            entries[explicit["id"] if explicit else toc_slugify(title, "-")] = title
    return entries


def problems(
    coverage: Coverage, seeds: dict[str, str], site: Site, path: str = "coverage.yaml"
) -> list[str]:
    """What is wrong between the data, the sources page and the pages it names."""
    found = []
    listed = {seed.anchor for seed in coverage.seeds}
    for anchor in seeds:
        if anchor not in listed:
            found.append(f"{path}: no seed {anchor!r}: add the claims of {seeds[anchor]!r}")
    for number, seed in enumerate(coverage.seeds, start=1):
        label = f"{path}: seed {number} ({seed.anchor!r})"
        if seed.anchor not in seeds:
            found.append(
                f"{label}: not an entry under '## {SEEDS_SECTION}' on the sources page"
                f" (entries: {sorted(seeds)})"
            )
        for index, claim in enumerate(seed.claims, start=1):
            text = claim.claim if len(claim.claim) <= 50 else claim.claim[:47] + "..."
            for target in claim.where:
                uri, _, fragment = target.partition("#")
                page = site.page(uri)
                where = f"{label}, claim {index} ({text!r}), field 'where'"
                if page is None:
                    found.append(f"{where}: {target}: no page docs/{uri}")
                elif fragment not in page[1]:
                    found.append(
                        f"{where}: {target}: docs/{uri} has no heading with the id #{fragment}"
                    )
    return found


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def _link(target: str, site: Site, page_uri: str) -> str:
    uri, _, fragment = target.partition("#")
    title, found = site.page(uri) or (uri, {})
    section = found.get(fragment, fragment)
    text = title if section == title else f"{title}: {section}"
    relative = posixpath.relpath(uri, posixpath.dirname(page_uri) or ".")
    return f"[{_cell(text)}]({relative}#{fragment})"


def tables(coverage: Coverage, seeds: dict[str, str], site: Site, page_uri: str) -> str:
    """Markdown: one heading and table per article, links relative to ``page_uri``."""
    blocks = []
    for anchor, title in seeds.items():
        seed = coverage.seed(anchor)
        counts = {how: sum(c.how == how for c in seed.claims) for how in ("covered", "partly")}
        left_out = len(seed.claims) - sum(counts.values())
        rows = [
            f"### Claim by claim: {title} {{#coverage-{anchor}}}",
            "",
            f"{len(seed.claims)} claims from [{title}](#{anchor}): {counts['covered']} covered,"
            f" {counts['partly']} partly, {left_out} left out.",
            "",
            "| The article's claim, in our words | Covered? | Where, or why not |",
            "| --- | --- | --- |",
        ]
        for number, claim in enumerate(seed.claims, start=1):
            if claim.how == "left out":
                detail = (claim.reason or "")[:1].upper() + (claim.reason or "")[1:]
            else:
                detail = "; ".join(_link(target, site, page_uri) for target in claim.where)
                if claim.note:
                    detail += f". {claim.note}"
            # The number is in the claim's cell: a column of its own would take Material's
            # minimum header width (5rem) from the text.
            rows.append(f"| {number}. {_cell(claim.claim)} | {claim.how} | {_cell(detail)} |")
        blocks.append("\n".join(rows))
    return "\n\n".join(blocks)


def fill(
    markdown: str,
    *,
    page_uri: str = "sources.md",
    docs_dir: Path = ROOT / "docs",
    data: Path = DATA,
) -> str:
    """Replace the placeholder line in the sources page's Markdown with the tables."""
    shown = display_path(data)
    lines = markdown.splitlines()
    if lines.count(PLACEHOLDER) != 1:
        raise CoverageError(
            f"docs/{page_uri}: needs the line {PLACEHOLDER} exactly once"
            f" (found {lines.count(PLACEHOLDER)}); the tables from {shown} go there"
        )
    coverage = load(data)
    seeds = seed_entries(markdown)
    site = Site(docs_dir)
    found = problems(coverage, seeds, site, shown)
    if found:
        raise CoverageError("\n".join(found))
    index = lines.index(PLACEHOLDER)
    lines[index] = tables(coverage, seeds, site, page_uri)
    return "\n".join(lines) + ("\n" if markdown.endswith("\n") else "")


def not_yet_covered(coverage: Coverage) -> list[tuple[str, int, Claim]]:
    """(seed, number, claim) of every claim left out because the site lacks it so far."""
    return [
        (seed.anchor, number, claim)
        for seed in coverage.seeds
        for number, claim in enumerate(seed.claims, start=1)
        if claim.not_yet_covered
    ]
