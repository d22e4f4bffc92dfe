"""The support chatbot notebook, as the build executed it (see tests/site/test_notebooks.py)."""

from __future__ import annotations

import html
import re

import pytest

PAGE = "scenarios/support-chatbot-notebook/index.html"
OUTPUT = re.compile(r'<div class="[^"]*jp-OutputArea-output[^"]*"[^>]*>(.*?)</div>', re.S)


@pytest.fixture(scope="module")
def outputs(site_dir) -> str:
    """The text of every cell output on the built page."""
    page = (site_dir / PAGE).read_text(encoding="utf-8")
    return "\n".join(html.unescape(re.sub(r"<[^>]+>", "", o)) for o in OUTPUT.findall(page))


@pytest.mark.parametrize(
    "text",
    [
        "OfflineStandIn(seed=0)",  # the kernel saw no OPENAI_* variables: the stand-in
        "intent accuracy: 21/24 = 88%",
        "[refunds] We refund returned items within 5 working days",
        "all checks pass        14/16 = 88%",
    ],
)
def test_the_executed_notebook_shows(outputs, text):
    assert text in outputs, f"docs/scenarios/support-chatbot-notebook.ipynb: no output {text!r}"
