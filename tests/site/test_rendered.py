"""No Markdown syntax reaches the reader as text: every built page is checked.

The home page once showed `:material-map-outline:{ .lg .middle aria-hidden="true" }` on
each card because `pymdownx.emoji` was not configured, and every test stayed green.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.site.rendered import text_blocks, unrendered

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"


def built_path(source: Path) -> str:
    """Where MkDocs (directory URLs) writes a page: map/circles.md -> map/circles/index.html."""
    relative = source.relative_to(DOCS).with_suffix("")
    if relative.name == "index":
        return (relative.parent / "index.html").as_posix().removeprefix("./")
    return (relative / "index.html").as_posix()


SOURCES = sorted([*DOCS.rglob("*.md"), *DOCS.rglob("*.ipynb")])
PAGES = sorted({built_path(s) for s in SOURCES} | {"404.html"})

# The cards of docs/index.md as built at a0617b5, before pymdownx.emoji was configured.
BROKEN_HOME = """
<div class="grid cards">
<ul>
<li>
<p>:material-map-outline:{ .lg .middle aria-hidden="true" } <strong>The map</strong></p>
<hr />
<p>The nested circles of AI, machine learning, deep learning and <abbr title="Models that
produce new text, images, code or audio">generative AI</abbr>, and why
AI engineering sits beside software engineering rather than inside them.</p>
<p><a href="map/">:octicons-arrow-right-24: Read the map</a></p>
</li>
<li>
<p>:material-account-group-outline:{ .lg .middle aria-hidden="true" } <strong>The roles</strong></p>
<hr />
<p>How data scientists, ML engineers and AI engineers came to be, what each does today,
and where the sources disagree.</p>
<p><a href="roles/">:octicons-arrow-right-24: Meet the roles</a></p>
</li>
<li>
<p>:material-hammer-wrench:{ .lg .middle aria-hidden="true" } <strong>The roadmap</strong></p>
<hr />
<p>Ordered projects with starter code, a check that tells you when you are done, and
progress saved in your browser.</p>
<p><a href="roadmap/">:octicons-arrow-right-24: Start building</a></p>
</li>
</ul>
</div>
"""  # noqa: E501


def test_the_broken_home_cards_are_reported():
    found = "\n".join(unrendered(BROKEN_HOME))
    for shortcode in [
        ":material-map-outline:",
        ":material-account-group-outline:",
        ":material-hammer-wrench:",
        ":octicons-arrow-right-24:",
    ]:
        assert f"icon or emoji shortcode '{shortcode}'" in found
    assert found.count("attribute list '{ .lg .middle aria-hidden=\"true\" }'") == 3
    assert len(unrendered(BROKEN_HOME)) == 9, found


@pytest.mark.parametrize(
    ("html", "kind", "text"),
    [
        ("<p>Hello :smile: world</p>", "icon or emoji shortcode", ":smile:"),
        ("<h2>Setup { #setup }</h2>", "attribute list", "{ #setup }"),
        ("<p>A paragraph.\n{: .note }</p>", "attribute list", "{: .note }"),
        ("<p>See [the map](map/index.md ) now</p>", "raw link", "[the map](map/index.md )"),
        ("<p>See [the map](map index.md)</p>", "raw link", "[the map](map index.md)"),
        ("<p>![A diagram](x.svg)</p>", "raw link", "![A diagram](x.svg)"),
        ("<p>as [Huyen][huyen] says</p>", "raw reference link", "[Huyen][huyen]"),
        ("<p>a claim[^1].</p>", "footnote marker", "[^1]"),
        ('<p>!!! note "Title"\n    body</p>', "admonition, details or tab marker", "!!!"),
        ('<p>??? tip "More"</p>', "admonition, details or tab marker", "???"),
        ('<p>=== "Python"</p>', "admonition, details or tab marker", "==="),
        ('<p>--8&lt;-- "atlas/x.py"</p>', "snippet include", "--8<--"),
        ("<p>Version {{ config.version }}</p>", "template braces", "{{ config.version }}"),
        ("<p>{% include 'x.html' %}</p>", "template braces", "{% include 'x.html' %}"),
        ("<p>** not bold** here</p>", "unrendered emphasis", "** not bold**"),
        ("<p>or **bold ** here</p>", "unrendered emphasis", "**bold **"),
        ("<li>**Note <abbr>RAG</abbr> one:** x</li>", "unrendered emphasis", "**Note RAG one:**"),
    ],
)
def test_each_kind_of_leftover_is_reported(html, kind, text):
    found = unrendered(html)
    assert any(line.startswith(f"{kind} {text!r} in ") for line in found), found


@pytest.mark.parametrize(
    "html",
    [
        "<p>Write <code>:material-map-outline:{ .lg }</code> in the page.</p>",
        "<pre><code>[text](link) **bold** {{ x }} --8&lt;-- [^1]</code></pre>",
        "<script>const a = '**b**'; if (x) { y = {'.a': 1} }</script>",
        "<style>.a { color: red } .md-typeset .b {x: y}</style>",
        '<p title=":smile: [a](b) **c**"><a href="x" data-x="{ .a }">fine</a></p>',
        "<p>Ratios such as 3:2:1, times 10:30:45, URLs https://example.org/a:b: fine.</p>",
        "<p>a === b is mid-sentence; so is what!!! and why???</p>",
        "<p>A set {1, 2} and a dict {'a': 1} in prose.</p>",
        "<p>2 ** 10 is 1024, and a*b*c is a product.</p>",
    ],
)
def test_code_attributes_and_ordinary_prose_are_not_reported(html):
    assert unrendered(html) == []


def test_text_blocks_break_at_block_elements_and_join_inline_ones():
    html = "<p>one <em>two</em></p><li>!!! three</li><p>a<code>b</code>c</p>"
    assert text_blocks(html) == ["one two", "!!! three", "a\u2026c"]


def test_every_built_page_is_checked(site_dir):
    built = {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html")}
    built = {p for p in built if not p.startswith("assets/")}
    assert built - set(PAGES) == set(), "pages built but not in tests/site/test_rendered.PAGES"
    assert set(PAGES) - built == set(), "pages expected from docs/ but not built"


@pytest.mark.parametrize("page", PAGES)
def test_no_markdown_reaches_the_reader_as_text(site_dir, page):
    html = (site_dir / page).read_text(encoding="utf-8")
    found = unrendered(html)
    assert found == [], f"{page}: {len(found)} pieces of Markdown shown as text:\n  " + (
        "\n  ".join(found)
    )


def test_the_docstring_examples_hold():
    import doctest

    from tests.site import rendered

    assert doctest.testmod(rendered).failed == 0
