"""Every citation on the site points at an entry that exists on the sources page."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.roles.anchors import DOCS, broken_anchor_links, heading_ids, links, resolve

SOURCES = DOCS / "sources.md"
PAGES = sorted(DOCS.rglob("*.md"))
SEED_ANCHORS = {
    "ai-generalism",
    "ai-engineering-is-not-ml",
    "from-ml-to-ai-engineering",
    "who-is-an-ai-engineer",
}


def test_the_four_seed_entries_keep_their_anchors():
    assert heading_ids(SOURCES.read_text(encoding="utf-8")) >= SEED_ANCHORS


def test_every_citation_on_every_page_resolves_to_a_sources_entry():
    assert broken_anchor_links(PAGES, only_to=SOURCES) == []


def test_citations_are_actually_found():
    """Guards the test above: it must see the citations it claims to check."""
    cited = {
        fragment
        for page in PAGES
        for _, target in links(page.read_text(encoding="utf-8"))
        for path, fragment in [resolve(page, target)]
        if path is not None and path.resolve() == SOURCES.resolve() and fragment
    }
    assert cited >= SEED_ANCHORS
    assert "hbr-data-scientist" in cited


def test_every_anchor_link_in_the_roles_section_resolves():
    """Links from the roles pages to profiles, debates and roadmap entry paths."""
    assert broken_anchor_links(sorted((DOCS / "roles").glob("*.md"))) == []


@pytest.mark.parametrize(
    ("target", "expected"),
    [
        ("../sources.md#who-is-an-ai-engineer", []),
        ("../sources.md#no-such-entry", ["roles/page.md:3: ../sources.md#no-such-entry"]),
        ("../nowhere.md#x", ["roles/page.md:3: ../nowhere.md#x (no such page)"]),
        ("#Local-Heading", ["roles/page.md:3: #Local-Heading"]),
        ("#local-heading", []),
        ("https://example.org/#x", []),
    ],
)
def test_the_checker_catches_broken_anchors(tmp_path: Path, target, expected):
    docs = tmp_path / "docs"
    (docs / "roles").mkdir(parents=True)
    (docs / "sources.md").write_text(
        "# Sources\n\n### Who? {#who-is-an-ai-engineer}\n\n```\n## Not {#fenced}\n```\n"
    )
    page = docs / "roles" / "page.md"
    page.write_text(f"# Page\n\nSee [it]({target}).\n\n## Local *heading*\n")
    problems = broken_anchor_links([page], docs=docs)
    assert [p.split(" (no such entry)")[0] for p in problems] == expected


def test_fenced_headings_are_not_entries(tmp_path: Path):
    text = "# Sources\n\n```\n## Not {#fenced}\n```\n### Real {#real .class}\n"
    assert heading_ids(text) == {"sources", "real"}
