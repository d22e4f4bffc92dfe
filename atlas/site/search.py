"""Search with Pagefind's index behind Material's search dialog (issue 18).

Material's search plugin writes every section's text into ``search/search_index.json``,
and the theme fetches that file on the first load of any page: 105 KB gzip on this site,
more than the rest of the home page. Pagefind splits its index into chunks and a reader's
browser fetches nothing of it until they type a query, then only the chunks for those
words. So the build:

1. marks each page's article as the part Pagefind indexes (``data-pagefind-body``), so
   that navigation, header and footer are left out, and points the theme's search worker
   at ``assets/javascripts/search-worker.min.js`` (``docs/assets/javascripts/
   search-worker.js``), which answers the theme's queries from Pagefind;
2. after the build runs the ``pagefind`` binary (PyPI ``pagefind-bin``) over the site,
   leaving out code blocks (the prose, headings, glossary and inline ``code`` stay
   searchable) and permalink signs, and removes the Pagefind UI files nothing loads;
3. tells Material's search plugin to leave every page out of its own index (the
   documented ``search: exclude: true``, set on each page's metadata), so that
   ``search/search_index.json`` holds only its ``config`` (language, word separator),
   which the theme still reads to highlight the searched words on the page a result
   leads to; the plugin no longer parses every page for an index nobody fetches.

>>> mark_body('<article class="md-content__inner md-typeset"><h1>T</h1></article>')
'<article class="md-content__inner md-typeset" data-pagefind-body><h1>T</h1></article>'
>>> use_worker('"search": "../assets/javascripts/workers/search.a7633da7.min.js"')
'"search": "../assets/javascripts/search-worker.min.js"'
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pagefind_bin

WORKER = "assets/javascripts/search-worker.min.js"
THEME_WORKER = re.compile(r'("search":\s*"[^"]*?)assets/javascripts/workers/search\.\w+\.min\.js"')
ARTICLE = '<article class="md-content__inner md-typeset"'
# Left out of the index: code blocks (on the page and in atlas/; 40 % of the text), the
# permalink signs after headings, and the "last update" line.
EXCLUDE = "pre, .headerlink, .md-source-file"
# Pagefind's own UIs: this site uses Material's dialog, so nothing loads them.
UNUSED = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)


def mark_body(html: str) -> str:
    return html.replace(ARTICLE, ARTICLE + " data-pagefind-body", 1)


def use_worker(html: str) -> str:
    return THEME_WORKER.sub(rf'\g<1>{WORKER}"', html, count=1)


def index(site_dir: Path) -> None:
    """Run Pagefind over the built site; it writes ``pagefind/`` beside the pages."""
    result = subprocess.run(
        [
            str(pagefind_bin.get_executable()),
            "--site",
            str(site_dir),
            "--exclude-selectors",
            EXCLUDE,
            "--quiet",
        ],
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    if result.returncode != 0:
        raise RuntimeError(f"pagefind failed (exit code {result.returncode}):\n{result.stdout}")
    for name in UNUSED:
        (site_dir / "pagefind" / name).unlink(missing_ok=True)


def on_page_markdown(markdown: str, page, config, files) -> str:
    page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    return markdown


def on_post_page(output: str, page, config) -> str:
    return use_worker(mark_body(output))


def on_post_template(output: str, template_name: str, config) -> str:
    return use_worker(output)  # the 404 page has the search dialog too


def on_post_build(config, **kwargs) -> None:
    site_dir = Path(config["site_dir"])
    shutil.rmtree(site_dir / "pagefind", ignore_errors=True)  # a stale index from a rebuild
    index(site_dir)
