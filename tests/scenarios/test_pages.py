"""Every scenario page keeps the section's promises (the site-wide ones, such as how a
page opens and closes, are atlas/site/pages.py's)."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PAGES = sorted((ROOT / "docs" / "scenarios").glob("*.md"))


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_pages_that_call_a_model_name_the_offline_stand_in(page):
    text = page.read_text(encoding="utf-8")
    if "connect(" in text:
        assert "offline stand-in" in text.lower()


@pytest.mark.parametrize("name", ["fraud-detection.md", "support-chatbot.md", "scaling.md"])
def test_scenario_pages_compare_and_say_when_to_pick_which(name):
    text = (ROOT / "docs" / "scenarios" / name).read_text(encoding="utf-8")
    assert "## Comparison" in text and "## When to pick which" in text
    assert "(../sources.md#from-ml-to-ai-engineering)" in text
