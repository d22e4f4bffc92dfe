"""Quotations on the roles and scenarios pages appear word for word in a source article.

The map pages have the same check (tests/map/test_pages.py). Here the generated timeline
table is left out (its quoted phrases are titles of the timeline's own sources), and so
are titles of works listed on the sources page. Anything else in double quotes must be a
phrase from one of the four source articles, or be listed below as not a quotation.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.map.test_pages import SEEDS, normalise, prose

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted((ROOT / "docs" / "roles").glob("*.md")) + sorted(
    (ROOT / "docs" / "scenarios").glob("*.md")
)
GENERATED = re.compile(r"<!-- timeline-table:start.*?<!-- timeline-table:end -->", re.S)

# Quoted phrases on these pages that are not quotations from a source article.
NOT_QUOTES = {
    "timeline.md": {"artificial intelligence", "sexiest job", "by 2018"},
    "profiles.md": {"the sexiest job of the 21st century"},  # the HBR article's title
    "fraud-detection.md": {"how unusual is this amount for this customer"},
    "scaling.md": {"retrain every month", "small", "stuff", "by mistake", "charge for shipping"},
    "support-chatbot.md": {"within 5 working days", "arrived", "arrive"},
}


# The site's name for the untitled source article, used on several pages.
EVERYWHERE = {"why ai engineering is not machine learning"}


def titles_on_the_sources_page() -> set[str]:
    text = (ROOT / "docs" / "sources.md").read_text("utf-8")
    return {normalise(t) for t in re.findall(r'\*\*Title:\*\* "([^"]+)"', text)}


def unsourced_quotes(page: Path, sources: str, allowed: set[str]) -> list[str]:
    """The double-quoted phrases in the page's prose that no source article contains."""
    text = GENERATED.sub("", prose(page)).replace("\n", " ")
    return [
        quote
        for quote in map(normalise, re.findall(r'"([^"]+)"', text))
        if quote.strip(".,") not in sources and quote not in allowed
    ]


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source articles are not checked out here")
def test_every_quotation_appears_word_for_word_in_a_source():
    sources = normalise(" ".join(p.read_text("utf-8") for p in SEEDS.glob("0*.txt")))
    titles = titles_on_the_sources_page()
    wrong = [
        f"{page.relative_to(ROOT)}: {quote!r} is not word for word in a source article"
        for page in PAGES
        for quote in unsourced_quotes(
            page, sources, titles | EVERYWHERE | NOT_QUOTES.get(page.name, set())
        )
    ]
    assert wrong == [], "quote the source exactly, or say it in your own words"


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
