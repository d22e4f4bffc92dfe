"""The self-check's rule table: one row for every combination of answers, valid links."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

DOCS = Path(__file__).resolve().parents[2] / "docs"

PAGE = DOCS / "roles" / "self-check.md"
ROLE_LINK = re.compile(r"^\[(?P<name>[^\]]+)\]\(profiles\.md#(?P<anchor>[\w-]+)\)$")
PATH_LINK = re.compile(r"^\[[^\]]+\]\(\.\./roadmap/index\.md#(?P<anchor>path-[\w-]+)\)$")
PATH_FOR_BACKGROUND = {
    "Software engineer": "path-software-engineer",
    "Data scientist or analyst": "path-data-scientist",
    "ML engineer": "path-ml-engineer",
    "New to programming": "path-new-to-programming",
}
ROLE_ANCHORS = {
    "AI engineer": "ai-engineer",
    "ML engineer": "ml-engineer",
    "Data scientist": "data-scientist",
}


def rule_rows(text: str | None = None) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the table inside <div class="roles-selfcheck">."""
    text = text if text is not None else PAGE.read_text(encoding="utf-8")
    block = text.split('<div class="roles-selfcheck" markdown>', 1)[1].split("</div>", 1)[0]
    lines = [line.strip() for line in block.splitlines() if line.strip().startswith("|")]
    split = [[cell.strip() for cell in line.strip("|").split(" | ")] for line in lines]
    return split[0], split[2:]


def test_the_table_has_the_columns_the_script_reads():
    header, _ = rule_rows()
    assert header == [
        "Your background",
        "What draws you most",
        "Suggested role",
        "Roadmap entry path",
        "Why",
    ]


def test_every_combination_of_answers_has_exactly_one_row():
    _, rows = rule_rows()
    backgrounds = list(dict.fromkeys(row[0] for row in rows))
    interests = list(dict.fromkeys(row[1] for row in rows))
    assert backgrounds == list(PATH_FOR_BACKGROUND)
    assert len(interests) == 3
    combos = [(row[0], row[1]) for row in rows]
    assert sorted(combos) == sorted(itertools.product(backgrounds, interests))


def test_each_row_links_a_role_profile_and_the_entry_path_for_its_background():
    _, rows = rule_rows()
    for background, interest, role, path, why in rows:
        role_match, path_match = ROLE_LINK.match(role), PATH_LINK.match(path)
        assert role_match and path_match, (background, interest)
        assert ROLE_ANCHORS[role_match["name"]] == role_match["anchor"]
        assert path_match["anchor"] == PATH_FOR_BACKGROUND[background]
        assert why, (background, interest)


def test_every_role_is_suggested_somewhere():
    _, rows = rule_rows()
    assert {ROLE_LINK.match(row[2])["name"] for row in rows} == set(ROLE_ANCHORS)
