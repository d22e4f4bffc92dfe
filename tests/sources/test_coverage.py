"""The claim-by-claim coverage of the source articles: its data, its tables, its links.

The list of source articles is the sources page's own (the entries under "The four source
articles" on docs/sources.md), so these tests need nothing outside the repository.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.exceptions import PluginError

from atlas.site import coverage, harness

ROOT = harness.ROOT
DOCS = ROOT / "docs"
SOURCES = DOCS / "sources.md"
DATA_NAME = "atlas/site/coverage.yaml"


def seeds_on_the_sources_page() -> dict[str, str]:
    return coverage.seed_entries(SOURCES.read_text(encoding="utf-8"))


class Ids(HTMLParser):
    """Every id attribute of an HTML page, and the hrefs of its links."""

    def __init__(self):
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        if tag == "a" and values.get("href"):
            self.hrefs.append(values["href"])


def built_file(site_dir: Path, uri: str) -> Path:
    """The HTML file MkDocs writes for docs page ``uri`` (directory URLs)."""
    stem = uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return site_dir / f"{stem}.html"
    return site_dir / stem / "index.html"


def parsed(path: Path) -> Ids:
    parser = Ids()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


# --- The real data ---------------------------------------------------------------------


def test_the_sources_page_lists_the_four_articles():
    """Guards the tests below: they take the list of articles from this function."""
    assert list(seeds_on_the_sources_page()) == [
        "ai-generalism",
        "ai-engineering-is-not-ml",
        "from-ml-to-ai-engineering",
        "who-is-an-ai-engineer",
    ]


def test_every_article_on_the_sources_page_has_its_claims():
    data = coverage.load()
    listed = [seed.anchor for seed in data.seeds]
    assert listed == list(seeds_on_the_sources_page()), (
        f"{DATA_NAME}: list one seed per entry under '## The four source articles' on"
        " docs/sources.md, in the page's order"
    )
    few = {seed.anchor: len(seed.claims) for seed in data.seeds if len(seed.claims) < 10}
    assert not few, f"{DATA_NAME}: an article makes more claims than this; list them: {few}"


def test_every_left_out_claim_gives_a_reason():
    missing = [
        f"{DATA_NAME}: seed {seed.anchor!r}, claim {number}"
        for seed in coverage.load().seeds
        for number, claim in enumerate(seed.claims, start=1)
        if claim.how == "left out" and not (claim.reason or "").strip()
    ]
    assert not missing


def test_every_place_named_exists_in_the_built_site(site_dir):
    """The page and the id, read from the HTML MkDocs wrote, so its slugifier decides."""
    pages: dict[str, Ids | None] = {}
    broken = []
    for seed in coverage.load().seeds:
        for number, claim in enumerate(seed.claims, start=1):
            for target in claim.where:
                uri, _, fragment = target.partition("#")
                if uri not in pages:
                    path = built_file(site_dir, uri)
                    pages[uri] = parsed(path) if path.is_file() else None
                entry = f"{DATA_NAME}: seed {seed.anchor!r}, claim {number}: {target}"
                if pages[uri] is None:
                    broken.append(f"{entry}: no built page for docs/{uri}")
                elif fragment not in pages[uri].ids:
                    broken.append(f"{entry}: the built page has no id {fragment!r}")
    assert not broken, "point these at a heading that exists:\n" + "\n".join(broken)


def test_the_built_sources_page_shows_one_table_per_article(site_dir):
    html = built_file(site_dir, "sources.md").read_text(encoding="utf-8")
    assert coverage.PLACEHOLDER not in html
    start = html.index('id="what-each-article-contributed"')
    end = html.index('id="where-to-go-next"')
    section = html[start:end]
    data = coverage.load()
    headings = re.findall(r'<h3 id="coverage-([a-z0-9-]+)"', section)
    assert headings == [seed.anchor for seed in data.seeds], "one heading per article"
    assert section.count("<table>") == len(data.seeds), "one table per article"
    rows = section.count("<tr>")
    expected = sum(len(seed.claims) + 1 for seed in data.seeds)  # +1: the header row
    assert rows == expected, f"{rows} table rows on the built page, {expected} in {DATA_NAME}"


def test_every_link_in_the_built_tables_lands_on_an_id(site_dir):
    """The links as a reader follows them: relative to the built sources page."""
    html = built_file(site_dir, "sources.md").read_text(encoding="utf-8")
    start = html.index('id="what-each-article-contributed"')
    section = html[start : html.index('id="where-to-go-next"')]
    parser = Ids()
    parser.feed(section)
    base = built_file(site_dir, "sources.md").parent
    checked, broken = 0, []
    for href in parser.hrefs:
        path, _, fragment = href.partition("#")
        if not path or href.startswith("#"):
            continue  # links back to the article's entry on this page
        target = (base / path).resolve()
        target = target / "index.html" if target.is_dir() else target
        if not target.is_file() or fragment not in parsed(target).ids:
            broken.append(href)
        checked += 1
    named = sum(len(c.where) for s in coverage.load().seeds for c in s.claims)
    assert checked >= named, f"{checked} links in the built tables, {DATA_NAME} names {named}"
    assert not broken, "links on the built sources page that land on no id:\n" + "\n".join(broken)


# --- Checking an entry -----------------------------------------------------------------

GOOD_CLAIM = "{claim: It rains., how: covered, where: [roles/debates.md#fine-tuning]}"


def document(*claims: str, extra: str = "") -> str:
    lines = ["version: 1", extra, "seeds:", "  - anchor: a-seed", "    claims:"]
    lines += [f"      - {claim}" for claim in claims]
    return "\n".join(line for line in lines if line) + "\n"


@pytest.mark.parametrize(
    ("claim", "expected"),
    [
        (
            "{claim: It rains., how: covered, places: [roles/debates.md#fine-tuning]}",
            "coverage.yaml: seed 1 ('a-seed'), claim 2 ('It rains.'), field 'places':"
            " Extra inputs are not permitted",
        ),
        (
            "{claim: It rains., how: maybe}",
            "coverage.yaml: seed 1 ('a-seed'), claim 2 ('It rains.'), field 'how':"
            " Input should be 'covered', 'partly' or 'left out'",
        ),
        (
            "{claim: It rains., how: left out}",
            "coverage.yaml: seed 1 ('a-seed'), claim 2 ('It rains.'):"
            " a 'left out' claim needs a 'reason'",
        ),
        (
            "{claim: It rains., how: left out, reason: '  '}",
            "claim 2 ('It rains.'), field 'reason': must be non-empty text",
        ),
        (
            "{claim: It rains., how: covered}",
            "claim 2 ('It rains.'): a 'covered' claim needs 'where': the pages that cover it",
        ),
        (
            "{claim: It rains., how: partly, where: [roles/debates.md#fine-tuning]}",
            "claim 2 ('It rains.'): a 'partly' claim needs a 'note' saying what is not covered",
        ),
        (
            "{claim: It rains., how: left out, reason: x, where: [roles/debates.md#fine-tuning]}",
            "claim 2 ('It rains.'): a 'left out' claim has no 'where'",
        ),
        (
            "{claim: It rains., how: covered, where: [roles/debates#fine-tuning]}",
            "claim 2 ('It rains.'), field 'where': 'roles/debates#fine-tuning' is not a"
            " docs-relative page and heading id",
        ),
        (
            "{claim: It rains., how: covered, where: [roles/debates.md]}",
            "field 'where': 'roles/debates.md' is not a docs-relative page and heading id",
        ),
        (
            "{how: covered, where: [roles/debates.md#fine-tuning]}",
            "coverage.yaml: seed 1 ('a-seed'), claim 2, field 'claim': Field required",
        ),
        (
            "{claim: " + "x" * 241 + ", how: covered, where: [roles/debates.md#fine-tuning]}",
            "field 'claim': String should have at most 240 characters",
        ),
    ],
)
def test_a_broken_claim_is_named_with_file_entry_and_field(claim, expected):
    with pytest.raises(coverage.CoverageError) as caught:
        coverage.parse(document(GOOD_CLAIM, claim))
    assert expected in str(caught.value)


def test_a_broken_file_is_named_with_the_file():
    with pytest.raises(coverage.CoverageError, match=r"^x\.yaml: field 'sedes': Extra inputs"):
        coverage.parse(document(GOOD_CLAIM, extra="sedes: []"), "x.yaml")
    with pytest.raises(coverage.CoverageError, match=r"^x\.yaml: seed anchors are repeated"):
        twice = document(GOOD_CLAIM) + "  - anchor: a-seed\n    claims:\n      - " + GOOD_CLAIM
        coverage.parse(twice, "x.yaml")
    with pytest.raises(coverage.CoverageError, match=r"^x\.yaml: not valid YAML"):
        coverage.parse("seeds: [", "x.yaml")


def test_a_good_document_parses_and_knows_what_is_not_yet_covered():
    data = coverage.parse(
        document(
            GOOD_CLAIM,
            "{claim: It snows., how: left out, reason: 'not yet covered; belongs on x'}",
            "{claim: It hails., how: left out, reason: an advertisement}",
            "{claim: It blows., how: partly, where: roles/debates.md#who-moves, note: No wind.}",
        )
    )
    claims = data.seed("a-seed").claims
    assert [c.how for c in claims] == ["covered", "left out", "left out", "partly"]
    assert claims[3].where == ("roles/debates.md#who-moves",)  # one place needs no list
    assert [(s, n) for s, n, _ in coverage.not_yet_covered(data)] == [("a-seed", 2)]


# --- The sources page, a small site of our own -----------------------------------------

SOURCES_PAGE = """# Sources

## The four source articles

### First article {#first}

### Second article {#second}

## What each article contributed

<!-- coverage-table -->

## Where to go next
"""

DEBATES_PAGE = """---
description: x
---

# Where the sources disagree

```markdown
## Not a heading {#fenced}
```

## Is fine-tuning a *core* skill? {#fine-tuning}

## Who moves

glossary term { #a-term }
"""


@pytest.fixture
def small_site(tmp_path) -> Path:
    docs = tmp_path / "docs"
    (docs / "roles").mkdir(parents=True)
    (docs / "roles" / "debates.md").write_text(DEBATES_PAGE, encoding="utf-8")
    data = tmp_path / "coverage.yaml"
    data.write_text(
        "version: 1\nseeds:\n"
        "  - anchor: first\n    claims:\n"
        "      - {claim: A | B., how: covered, where: [roles/debates.md#fine-tuning,"
        " roles/debates.md#who-moves]}\n"
        "      - {claim: C., how: left out, reason: 'not yet covered; put it on x'}\n"
        "  - anchor: second\n    claims:\n"
        "      - {claim: D., how: partly, where: [roles/debates.md#a-term], note: Only E.}\n",
        encoding="utf-8",
    )
    return tmp_path


def test_fill_puts_one_table_per_article_where_the_placeholder_was(small_site):
    page = coverage.fill(
        SOURCES_PAGE, docs_dir=small_site / "docs", data=small_site / "coverage.yaml"
    )
    assert coverage.PLACEHOLDER not in page
    assert page.index("## What each article contributed") < page.index("### Claim by claim")
    assert page.index("### Claim by claim") < page.index("## Where to go next")
    assert page.count("| --- | --- | --- |") == 2
    assert "### Claim by claim: First article {#coverage-first}" in page
    assert "2 claims from [First article](#first): 1 covered, 0 partly, 1 left out." in page
    assert (
        "| 1. A \\| B. | covered | [Where the sources disagree: Is fine-tuning a core skill?]"
        "(roles/debates.md#fine-tuning); [Where the sources disagree: Who moves]"
        "(roles/debates.md#who-moves) |"
    ) in page
    assert "| 2. C. | left out | Not yet covered; put it on x |" in page
    assert (
        "| 1. D. | partly | [Where the sources disagree: glossary term]"
        "(roles/debates.md#a-term). Only E. |"
    ) in page


def test_links_are_relative_to_the_sources_page(small_site):
    page = coverage.fill(
        SOURCES_PAGE,
        page_uri="about/sources.md",
        docs_dir=small_site / "docs",
        data=small_site / "coverage.yaml",
    )
    assert "(../roles/debates.md#fine-tuning)" in page
    assert "(roles/debates.md#" not in page


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            ("roles/debates.md#who-moves", "roles/debates.md#nowhere"),
            "coverage.yaml: seed 1 ('first'), claim 1 ('A | B.'), field 'where':"
            " roles/debates.md#nowhere: docs/roles/debates.md has no heading with the id"
            " #nowhere",
        ),
        (
            ("roles/debates.md#a-term", "roles/nothing.md#a-term"),
            "coverage.yaml: seed 2 ('second'), claim 1 ('D.'), field 'where':"
            " roles/nothing.md#a-term: no page docs/roles/nothing.md",
        ),
        (
            ("roles/debates.md#who-moves", "roles/debates.md#fenced"),
            "has no heading with the id #fenced",
        ),
        (
            ("anchor: second", "anchor: third"),
            "coverage.yaml: seed 2 ('third'): not an entry under '## The four source articles'",
        ),
    ],
)
def test_fill_names_the_entry_that_points_nowhere(small_site, edit, expected):
    data = small_site / "coverage.yaml"
    data.write_text(data.read_text().replace(*edit))
    with pytest.raises(coverage.CoverageError) as caught:
        coverage.fill(SOURCES_PAGE, docs_dir=small_site / "docs", data=data)
    assert expected in str(caught.value)


def test_fill_names_an_article_without_claims(small_site):
    page = SOURCES_PAGE.replace("## What each", "### Third article {#third}\n\n## What each")
    with pytest.raises(coverage.CoverageError, match="no seed 'third': add the claims of"):
        coverage.fill(page, docs_dir=small_site / "docs", data=small_site / "coverage.yaml")


def test_fill_needs_the_placeholder_once(small_site):
    for page in (
        SOURCES_PAGE.replace(coverage.PLACEHOLDER, ""),
        SOURCES_PAGE + coverage.PLACEHOLDER,
    ):
        with pytest.raises(coverage.CoverageError, match="needs the line <!-- coverage-table -->"):
            coverage.fill(page, docs_dir=small_site / "docs", data=small_site / "coverage.yaml")


# --- The hook ---------------------------------------------------------------------------


def load_hook():
    spec = importlib.util.spec_from_file_location("coverage_hook", ROOT / "hooks" / "coverage.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def fake_page(uri: str) -> SimpleNamespace:
    return SimpleNamespace(file=SimpleNamespace(src_uri=uri))


def test_the_hook_leaves_other_pages_alone():
    hook = load_hook()
    text = f"# A page\n\n{coverage.PLACEHOLDER}\n"
    assert (
        hook.on_page_markdown(text, fake_page("roles/debates.md"), {"docs_dir": "docs"}, None)
        == text
    )


def test_the_hook_fills_the_real_sources_page():
    hook = load_hook()
    text = SOURCES.read_text(encoding="utf-8")
    filled = hook.on_page_markdown(text, fake_page("sources.md"), {"docs_dir": str(DOCS)}, None)
    assert coverage.PLACEHOLDER not in filled
    assert filled.count("### Claim by claim: ") == 4


def test_the_hook_turns_a_broken_entry_into_a_plugin_error(monkeypatch, tmp_path):
    hook = load_hook()
    broken = tmp_path / "coverage.yaml"
    text = coverage.DATA.read_text(encoding="utf-8")
    first = coverage.load().seeds[0].claims[0].where[0]
    broken.write_text(text.replace(first, first.split("#")[0] + "#no-such-heading", 1))
    original = coverage.fill
    monkeypatch.setattr(coverage, "fill", lambda *a, **k: original(*a, **k, data=broken))
    with pytest.raises(PluginError) as caught:
        hook.on_page_markdown(
            SOURCES.read_text(encoding="utf-8"),
            fake_page("sources.md"),
            {"docs_dir": str(DOCS)},
            None,
        )
    assert "seed 1 ('ai-generalism'), claim 1" in str(caught.value)
    assert "#no-such-heading" in str(caught.value)


@pytest.mark.slow
def test_a_broken_entry_fails_the_strict_build(tmp_path):
    from tests.site.test_contributor_mistakes import make_copy

    project = make_copy(tmp_path)
    data = project / DATA_NAME
    data.write_text(data.read_text().replace("how: partly", "how: mostly", 1))
    result = harness.build(project, project / "site")
    assert result.returncode != 0, result.stdout
    # The message names the file, the entry (with the claim's opening words) and the field.
    assert (
        f"{DATA_NAME}: seed 1 ('ai-generalism'), claim 2 ('ML engineering and MLOps are"
    ) in result.stdout
    assert "field 'how': Input should be 'covered', 'partly' or 'left out'" in result.stdout
    shutil.rmtree(project / "site", ignore_errors=True)
