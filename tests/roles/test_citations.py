"""The site cites its four seed sources, read from the built pages.

Whether every citation lands on an entry that exists is MkDocs' own anchor validation
(mkdocs.yml ``validation: anchors: warn``, and the build is strict): a citation of a
missing entry fails the build, which tests/site/test_contributor_mistakes.py proves.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

SEED_ANCHORS = {
    "ai-generalism",
    "ai-engineering-is-not-ml",
    "from-ml-to-ai-engineering",
    "who-is-an-ai-engineer",
}
HREF = re.compile(r'<a\b[^>]*?\bhref="(?P<href>[^"]+)"')
ID = re.compile(r'\bid="(?P<id>[^"]+)"')


def page_url(site_dir: Path, page: Path) -> str:
    return "http://site/" + page.relative_to(site_dir).as_posix().removesuffix("index.html")


@pytest.fixture(scope="module")
def citations(site_dir) -> dict[str, set[str]]:
    """{entry id on the sources page: the built pages that link to it}."""
    cited: dict[str, set[str]] = {}
    for page in sorted(site_dir.rglob("*.html")):
        url = page_url(site_dir, page)
        if url == "http://site/sources/" or "/assets/" in url:
            continue  # the sources page's own table of contents is not a citation
        article = page.read_text(encoding="utf-8").split("<article", 1)[-1]
        for match in HREF.finditer(article.split("</article>", 1)[0]):
            target = urlparse(urljoin(url, match["href"]))
            if target.path == "/sources/" and target.fragment:
                cited.setdefault(target.fragment, set()).add(url.removeprefix("http://site/"))
    return cited


def test_the_four_seed_entries_keep_their_ids_on_the_built_sources_page(site_dir):
    html = (site_dir / "sources" / "index.html").read_text(encoding="utf-8")
    assert SEED_ANCHORS - {m["id"] for m in ID.finditer(html)} == set()


def test_every_seed_source_is_cited_from_the_pages(citations):
    assert SEED_ANCHORS - set(citations) == set(), "cite each seed source on some page"
    assert "hbr-data-scientist" in citations, "the roles' history cites the HBR article"


def test_each_pillar_cites_the_seed_sources(citations):
    """Every section leans on the sources it summarises, not only one page."""
    sections = {page.split("/", 1)[0] for seed in SEED_ANCHORS for page in citations[seed]}
    assert {"map", "roles", "scenarios", "roadmap"} <= sections
