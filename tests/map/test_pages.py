"""The map pages cite their sources, describe their diagrams in words, and quote the
sources word for word. (How every page opens and closes: atlas/site/pages.py.)"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from atlas.site.diagrams import circles, workflows

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted((ROOT / "docs" / "map").glob("*.md"))
SEEDS = ROOT.parent / "shared" / "seeds"  # the source articles, outside the repository
# The phrases the pages quote, copied from those articles: checked everywhere, CI included.
EXCERPTS = ROOT / "tests" / "data" / "quotations.yaml"
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
    text = re.sub(r"`[^`\n]*`", "", text)  # inline code: a JSON key is not a quotation
    text = re.sub(r"^(!!!|\?\?\?).*$", "", text, flags=re.M)  # admonition titles
    return re.sub(r"<[^>\n]+>", "", text)  # HTML tags (their attributes are not prose)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_page_cites_a_source_entry(page):
    """Each map page cites the sources page; the strict build checks that the anchor exists."""
    cited = re.findall(r"\]\(\.\./sources\.md#([\w-]+)\)", text_of(page))
    assert cited, f"{page.name}: cite at least one entry of the sources page"


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


def quoted_excerpts() -> dict[str, list[str]]:
    """{seed file name: the phrases the pages quote from it} (tests/data/quotations.yaml)."""
    return yaml.safe_load(EXCERPTS.read_text(encoding="utf-8"))


def excerpts_text() -> str:
    """All quoted excerpts, one per line: what a quotation on a page must be part of."""
    return "\n".join(q for phrases in quoted_excerpts().values() for q in phrases)


# Quoted phrases on the map pages that are not quotations from a source.
NOT_QUOTES = {
    "artificial intelligence",  # a diagram label
    "spam",
    "not spam",
    "mails that mention a lottery are spam",
    "answer only from the policy below; if it does not say, reply that you don't know.",
    "mentions the same day",
}


def test_every_quotation_appears_word_for_word_in_a_source():
    sources = excerpts_text()
    wrong = []
    for page in PAGES:
        for quote in re.findall(r'"([^"\n]+)"', prose(page).replace("\n", " ")):
            quote = normalise(quote)
            if quote.strip(".,") not in sources and quote not in NOT_QUOTES:
                wrong.append(f"{page.name}: {quote!r}")
    assert wrong == [], (
        "quote the source exactly and add the phrase to tests/data/quotations.yaml, or say "
        "it in your own words"
    )
