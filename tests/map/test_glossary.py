"""The glossary page and the site-wide tooltips stay in step.

A term lives in two places: a definition on ``docs/glossary.md`` and a tooltip line in
``includes/abbreviations.md`` (appended to every page). These tests fail when one is
added without the other, or when a tooltip could not work.
"""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pytest

ROOT = Path(__file__).resolve().parents[2]
GLOSSARY = ROOT / "docs" / "glossary.md"
ABBREVIATIONS = ROOT / "includes" / "abbreviations.md"
TERM = re.compile(r"^(?P<term>\S[^\n]*?) \{ #(?P<anchor>[a-z0-9-]+) \}\n:   ", re.M)
ABBR = re.compile(r"^\*\[(?P<term>[^\]]+)\]: (?P<title>\S.*)$")


def glossary_terms() -> dict[str, str]:
    """Term -> anchor, in page order."""
    text = GLOSSARY.read_text(encoding="utf-8")
    return {m["term"]: m["anchor"] for m in TERM.finditer(text)}


def tooltips() -> dict[str, str]:
    """Term -> tooltip text; every non-blank line must be a tooltip line."""
    found: dict[str, str] = {}
    for number, line in enumerate(ABBREVIATIONS.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        match = ABBR.match(line)
        assert match, f"includes/abbreviations.md:{number}: not a '*[term]: text' line"
        assert match["term"] not in found, f"{match['term']!r} is defined twice"
        found[match["term"]] = match["title"]
    return found


def base_term(term: str, terms: dict[str, str]) -> str | None:
    """The glossary term a tooltip belongs to: itself, or its singular ("LLMs" -> "LLM")."""
    if term in terms:
        return term
    if term.endswith("s") and term[:-1] in terms:
        return term[:-1]
    return None


def test_the_glossary_defines_enough_terms():
    terms = glossary_terms()
    required = {
        "LLM",
        "RAG",
        "MCP",
        "MLOps",
        "fine-tuning",
        "foundation model",
        "eval",
        "embedding",
        "prompt",
        "context window",
        "token",
        "feature store",
        "drift",
        "inference",
    }
    assert required <= set(terms), f"missing: {sorted(required - set(terms))}"


def test_every_glossary_term_has_a_tooltip():
    missing = set(glossary_terms()) - set(tooltips())
    assert not missing, f"add to includes/abbreviations.md: {sorted(missing)}"


def test_every_tooltip_has_a_glossary_entry():
    terms = glossary_terms()
    orphans = [t for t in tooltips() if base_term(t, terms) is None]
    assert not orphans, f"define on docs/glossary.md: {orphans}"


def test_a_plural_tooltip_says_the_same_as_its_singular():
    terms, tips = glossary_terms(), tooltips()
    for term, title in tips.items():
        base = base_term(term, terms)
        assert title == tips[base], f"{term!r} and {base!r} have different tooltips"


def test_glossary_is_alphabetical_and_anchors_are_slugs():
    terms = glossary_terms()
    assert list(terms) == sorted(terms, key=str.casefold)
    for term, anchor in terms.items():
        assert anchor == re.sub(r"[^a-z0-9]+", "-", term.lower()).strip("-"), term


def test_tooltips_are_short_plain_text():
    for term, title in tooltips().items():
        assert len(title) <= 100, f"{term!r}: keep tooltips under 100 characters"
        assert not re.search(r"[<>`*_\[\]]", title), f"{term!r}: tooltips are plain text"


@pytest.mark.parametrize("term", sorted(tooltips()))
def test_each_tooltip_turns_its_term_into_an_abbr(term):
    """Rendered as the site does (abbr + appended file), the term gets its tooltip."""
    page = f"A sentence about {term} here.\n\n" + ABBREVIATIONS.read_text(encoding="utf-8")
    html = markdown.markdown(page, extensions=["abbr"])
    title = tooltips()[term].replace("&", "&amp;").replace('"', "&quot;")
    assert f'<abbr title="{title}">{term}</abbr>' in html
