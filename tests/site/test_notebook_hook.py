"""atlas/site/notebooks.py: notebook pages lose their CDN scripts and unused CSS, nothing else."""

from __future__ import annotations

import importlib.util
import json

import pytest

from atlas.site import css, harness

spec = importlib.util.spec_from_file_location("notebooks", harness.ROOT / "atlas/site/notebooks.py")
notebooks = importlib.util.module_from_spec(spec)
spec.loader.exec_module(notebooks)

# Material's wrapper is enough for the notebook's own CSS to apply as on the site.
PAGE = '<!doctype html><html><head><meta charset="utf-8"></head><body>{}</body></html>'
STYLES = [
    "color",
    "background-color",
    "border-top-color",
    "border-left-width",
    "margin-top",
    "margin-bottom",
    "padding-top",
    "padding-left",
    "font-size",
    "font-family",
    "line-height",
    "display",
    "opacity",
    "visibility",
    "white-space",
    "overflow-x",
    "width",
    "height",
]


def test_data_uris_survive_declaration_splitting():
    body = 'color: red; --icon: url("data:image/svg+xml;base64,AAA;BBB"); margin: 0'
    assert css.split_top(body, ";") == [
        "color: red",
        '--icon: url("data:image/svg+xml;base64,AAA;BBB")',
        "margin: 0",
    ]


def test_rules_for_absent_classes_go_but_negations_stay():
    css = ".a .b{x:1}.a .missing{x:2}.a:not(.missing){x:3}@media print{.missing{x:4}}"
    assert notebooks.prune_rules(css, {"a", "b"}) == ".a .b{x:1}\n.a:not(.missing){x:3}"


def test_unread_custom_properties_go_transitively():
    sheets = [
        ".a{--used: var(--chain); --chain: 1px; --unused: var(--only-from-unused)}",
        ".b{--only-from-unused: 2px; width: var(--used)}",
    ]
    assert notebooks.prune_custom_properties(sheets, "") == [
        ".a{--used: var(--chain);--chain: 1px}",
        ".b{width: var(--used)}",
    ]


def test_cdn_scripts_are_removed():
    html = (
        '<script src=""></script><script src="https://cdn.example/mathjax/x.js"></script>'
        "<script>window.MathJax.Hub.Config({})</script><p>kept</p>"
    )
    assert notebooks.CDN_SCRIPTS.sub("", html) == "<p>kept</p>"


@pytest.fixture(scope="module")
def notebook_html(tmp_path_factory) -> str:
    """A real mkdocs-jupyter rendering of a notebook with markdown, code and output."""
    from mkdocs_jupyter.nbconvert2 import nb2html

    path = tmp_path_factory.mktemp("nb") / "sample.ipynb"
    cell = {
        "cell_type": "code",
        "execution_count": 1,
        "metadata": {},
        "id": "c",
        "source": ["import json\n", "print('hello')\n", "{'a': 1}"],
        "outputs": [
            {"name": "stdout", "output_type": "stream", "text": ["hello\n"]},
            {
                "output_type": "execute_result",
                "execution_count": 1,
                "metadata": {},
                "data": {"text/plain": ["{'a': 1}"]},
            },
        ],
    }
    path.write_text(
        json.dumps(
            {
                "cells": [
                    {
                        "cell_type": "markdown",
                        "metadata": {},
                        "id": "m",
                        "source": ["# Title\n", "Some *text* and `code`."],
                    },
                    cell,
                ],
                "metadata": {
                    "kernelspec": {
                        "name": "python3",
                        "display_name": "Python 3",
                        "language": "python",
                    }
                },
                "nbformat": 4,
                "nbformat_minor": 5,
            }
        )
    )
    return nb2html(str(path))


def test_slimming_keeps_every_computed_style(notebook_html, browser, tmp_path):
    full = notebook_html
    slim = notebooks.slim(full)
    assert len(slim) < len(full) / 4, "the unused JupyterLab CSS should be gone"
    (tmp_path / "full.html").write_text(PAGE.format(full))
    (tmp_path / "slim.html").write_text(PAGE.format(slim))
    script = """styles => Array.from(document.querySelectorAll('.jupyter-wrapper *'),
        el => styles.map(s => getComputedStyle(el).getPropertyValue(s)))"""
    with harness.serve(tmp_path) as base:
        computed = {}
        for name in ("full", "slim"):
            page = browser.new_page()
            page.goto(f"{base}{name}.html")
            computed[name] = page.evaluate(script, STYLES)
            page.close()
    assert len(computed["full"]) > 20
    assert computed["slim"] == computed["full"]
