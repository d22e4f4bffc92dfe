"""The map pages keep the site's rules: they open and close the same way, cite their
sources, describe their diagrams in words, and quote the sources word for word."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from atlas.site.diagrams import circles, workflows

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted((ROOT / "docs" / "map").glob("*.md"))
SEEDS = ROOT.parent / "shared" / "seeds"  # the source articles, outside the repository
SOURCE_ANCHORS = (
    "ai-generalism",
    "ai-engineering-is-not-ml",
    "from-ml-to-ai-engineering",
    "who-is-an-ai-engineer",
)
DIAGRAM_PAGES = {"circles.md": circles, "side-by-side.md": workflows}


def text_of(page: Path) -> str:
    return page.read_text(encoding="utf-8")


def prose(page: Path) -> str:
    """The page without code blocks, front matter or HTML comments."""
    text = re.sub(r"^---\n.*?\n---\n", "", text_of(page), flags=re.S)
    text = re.sub(r"^```.*?^```", "", text, flags=re.S | re.M)
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    text = re.sub(r"^(!!!|\?\?\?).*$", "", text, flags=re.M)  # admonition titles
    return re.sub(r"<[^>\n]+>", "", text)  # HTML tags (their attributes are not prose)


def test_the_section_has_its_four_pages_and_a_landing_page():
    names = {p.name for p in PAGES}
    assert {
        "index.md",
        "circles.md",
        "where-ai-engineering-sits.md",
        "side-by-side.md",
        "why-people-confuse-them.md",
    } <= names


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_page_opens_with_what_you_will_learn_and_ends_with_where_to_go_next(page):
    body = prose(page).strip()
    first_paragraph = body.split("\n\n")[1]
    assert first_paragraph.startswith("**What you will learn")
    last_heading = re.findall(r"^## .*$", body, re.M)[-1]
    assert last_heading == "## Where to go next"
    assert "](" in body.split("## Where to go next")[1], "the last section needs links"


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_page_cites_sources_by_their_anchors(page):
    cited = re.findall(r"\]\(\.\./sources\.md#([\w-]+)\)", text_of(page))
    assert cited, "cite at least one source entry"
    assert set(cited) <= set(SOURCE_ANCHORS) | _other_source_anchors()


def _other_source_anchors() -> set[str]:
    return set(re.findall(r"\{#([\w-]+)\}", (ROOT / "docs/sources.md").read_text("utf-8")))


@pytest.mark.parametrize("name", sorted(DIAGRAM_PAGES))
def test_diagram_page_describes_the_diagram_in_words(name):
    """The text alternative below a diagram names what the diagram shows."""
    module = DIAGRAM_PAGES[name]
    text = prose(ROOT / "docs" / "map" / name)
    placeholder = f'data-diagram="{module.__name__.rsplit(".", 1)[-1]}"'
    text = text_of(ROOT / "docs" / "map" / name)
    assert placeholder in text
    after = text.split(placeholder, 1)[1].split("\n## ", 1)[0].lower()
    steps = [
        label
        for label in module.labels()
        if not all(w in after for w in re.findall(r"[a-z]+", label.lower()))
    ]
    assert steps == [], "mention these diagram labels in the text alternative"


def normalise(text: str) -> str:
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"')
    return re.sub(r"\s+", " ", text.replace("\u201d", '"')).strip().lower()


# Quoted phrases on the map pages that are not quotations from a source.
NOT_QUOTES = {
    "artificial intelligence",  # a diagram label
    "spam",
    "not spam",
    "mails that mention a lottery are spam",
    "answer only from the policy below; if it does not say, reply that you don't know.",
    "mentions the same day",
}


@pytest.mark.skipif(not SEEDS.is_dir(), reason="the source articles are not checked out here")
def test_every_quotation_appears_word_for_word_in_a_source():
    sources = normalise(" ".join(p.read_text("utf-8") for p in SEEDS.glob("0*.txt")))
    wrong = []
    for page in PAGES:
        for quote in re.findall(r'"([^"\n]+)"', prose(page).replace("\n", " ")):
            quote = normalise(quote)
            if quote.strip(".,") not in sources and quote not in NOT_QUOTES:
                wrong.append(f"{page.name}: {quote!r}")
    assert wrong == []
