"""Quotations on the roles and scenarios pages appear word for word in a source article.

The map pages have the same check (tests/map/test_pages.py). The timeline's table is not
in the page's Markdown (the build makes it from atlas/site/timeline.yaml), and titles of
works listed on the sources page are left out. Anything else in double quotes must be a
phrase from one of the four source articles, or be listed below as not a quotation.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from atlas.site.timeline import load
from tests.map.test_pages import SEEDS, excerpts_text, normalise, prose, quoted_excerpts

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted((ROOT / "docs" / "roles").glob("*.md")) + sorted(
    (ROOT / "docs" / "scenarios").glob("*.md")
)

# Quoted phrases on these pages that are not quotations from a source article.
NOT_QUOTES = {
    "timeline.md": {"artificial intelligence", "sexiest job", "by 2018"},
    "profiles.md": {"the sexiest job of the 21st century"},  # the HBR article's title
    "fraud-detection.md": {"how unusual is this amount for this customer"},
    "scaling.md": {"retrain every month", "small", "stuff", "by mistake", "charge for shipping"},
    "support-chatbot.md": {"within 5 working days", "arrived", "arrive"},
    "use-a-real-model.md": {"not supported by this server"},  # the local server's message
}


# The site's name for the untitled source article, used on several pages.
EVERYWHERE = {"why ai engineering is not machine learning"}


def titles_on_the_sources_page() -> set[str]:
    """The seed articles' titles, written there, and the timeline's, made by the build."""
    text = (ROOT / "docs" / "sources.md").read_text("utf-8")
    written = set(re.findall(r'\*\*Title:\*\* "([^"]+)"', text))
    return {normalise(t) for t in written | {s.title for s in load().sources.values()}}


def unsourced_quotes(page: Path, sources: str, allowed: set[str]) -> list[str]:
    """The double-quoted phrases in the page's prose that no source article contains."""
    text = prose(page).replace("\n", " ")
    return [
        quote
        for quote in map(normalise, re.findall(r'"([^"]+)"', text))
        if quote.strip(".,") not in sources and quote not in allowed
    ]


def test_every_quotation_appears_word_for_word_in_a_source():
    sources = excerpts_text()
    titles = titles_on_the_sources_page()
    wrong = [
        f"{page.relative_to(ROOT)}: {quote!r} is not word for word in a source article"
        for page in PAGES
        for quote in unsourced_quotes(
            page, sources, titles | EVERYWHERE | NOT_QUOTES.get(page.name, set())
        )
    ]
    assert wrong == [], (
        "quote the source exactly and add the phrase to tests/data/quotations.yaml, or say "
        "it in your own words"
    )


@pytest.mark.skipif(
    not SEEDS.is_dir(),
    reason="the seed articles are not beside this clone (GitHub CI): the pages were "
    "checked against tests/data/quotations.yaml, whose phrases are checked where they are",
)
def test_every_vendored_excerpt_is_word_for_word_in_its_article():
    wrong = [
        f"tests/data/quotations.yaml: {name}: {phrase!r} is not in the article"
        for name, phrases in quoted_excerpts().items()
        for phrase in phrases
        if phrase not in normalise((SEEDS / name).read_text("utf-8"))
    ]
    assert wrong == []


def test_the_check_catches_a_misquote(tmp_path: Path):
    """Guards the test above: a phrase that is not in the sources is reported."""
    page = tmp_path / "page.md"
    page.write_text(
        '# P\n\nIt is "probably less like ML Engineering than" data.\n\n'
        'It is "less like ML engineering than analytics engineering".\n'
    )
    sources = normalise("and it's probably less like ML Engineering than Data Engineering")
    assert unsourced_quotes(page, sources, set()) == [
        "less like ml engineering than analytics engineering"
    ]


def test_pages_are_found():
    names = {p.name for p in PAGES}
    assert {"debates.md", "profiles.md", "timeline.md", "fraud-detection.md"} <= names
