"""The self-check's rule table: one row for every combination of answers, and for each row
a role, what the reader keeps and where on the roadmap to start, with links that lead
somewhere real."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

from atlas.roadmap import catalogue

DOCS = Path(__file__).resolve().parents[2] / "docs"

PAGE = DOCS / "roles" / "self-check.md"
HEADER = [
    "Your background",
    "What draws you most",
    "Suggested role",
    "What you keep",
    "Where to start",
]
MD_LINK = re.compile(r"\[(?P<text>[^\]]+)\]\((?P<target>[^)#\s]*)(?:#(?P<anchor>[\w-]+))?\)")
ROLE_LINK = re.compile(r"^\[(?P<name>[^\]]+)\]\(profiles\.md#(?P<anchor>[\w-]+)\)$")
PROJECT = re.compile(r"^\.\./roadmap/(?!index\.md)(?P<slug>[a-z0-9-]+)\.md$")
# The roadmap's entry paths (docs/roadmap/index.md); None: the roadmap has none yet.
PATH_FOR_BACKGROUND = {
    "Software engineer": "path-software-engineer",
    "Data scientist or analyst": "path-data-scientist",
    "ML engineer": "path-ml-engineer",
    "Data or analytics engineer": None,
    "New to programming": "path-new-to-programming",
}
ROLE_ANCHORS = {
    "AI engineer": "ai-engineer",
    "ML engineer": "ml-engineer",
    "Data scientist": "data-scientist",
}
AUTHORS = ("Jayatillake", "Warepam", "One source", "one source")


def rule_rows(text: str | None = None) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the table inside <div class="roles-selfcheck">."""
    text = text if text is not None else PAGE.read_text(encoding="utf-8")
    block = text.split('<div class="roles-selfcheck" markdown>', 1)[1].split("</div>", 1)[0]
    lines = [line.strip() for line in block.splitlines() if line.strip().startswith("|")]
    split = [[cell.strip() for cell in line.strip("|").split(" | ")] for line in lines]
    return split[0], split[2:]


def project_order() -> list[str]:
    """Every project's slug in roadmap order: by stage, then as listed."""
    stages, projects = catalogue.load()
    rank = {stage.id: n for n, stage in enumerate(stages)}
    return [p.slug for p in sorted(projects, key=lambda p: rank[p.stage])]


def anchors_of(page: Path) -> set[str]:
    """Explicit `{#anchor}` ids and the ids MkDocs gives plain headings."""
    text = page.read_text(encoding="utf-8")
    ids = set(re.findall(r"\{#([\w-]+)\}", text))
    for heading in re.findall(r"^#+ (.+?)\s*$", text, flags=re.M):
        if "{#" not in heading:
            ids.add(re.sub(r"[^\w\s-]", "", heading.lower()).strip().replace(" ", "-"))
    return ids


def test_the_table_has_the_columns_the_script_reads():
    header, _ = rule_rows()
    assert header == HEADER


def test_every_combination_of_answers_has_exactly_one_row():
    _, rows = rule_rows()
    assert all(len(row) == len(HEADER) for row in rows)
    backgrounds = list(dict.fromkeys(row[0] for row in rows))
    interests = list(dict.fromkeys(row[1] for row in rows))
    assert backgrounds == list(PATH_FOR_BACKGROUND)
    assert len(interests) == 3
    combos = [(row[0], row[1]) for row in rows]
    assert sorted(combos) == sorted(itertools.product(backgrounds, interests))


def test_each_row_links_its_role_profile_and_says_what_you_keep():
    _, rows = rule_rows()
    for background, interest, role, keep, _start in rows:
        role_match = ROLE_LINK.match(role)
        assert role_match, (background, interest)
        assert ROLE_ANCHORS[role_match["name"]] == role_match["anchor"]
        assert len(keep.split()) >= 6, f"{background} / {interest}: say what carries over"


def test_each_row_starts_with_roadmap_projects_in_roadmap_order():
    _, rows = rule_rows()
    order = project_order()
    for background, interest, _, _, start in rows:
        slugs = [
            m["slug"] for link in MD_LINK.finditer(start) if (m := PROJECT.match(link["target"]))
        ]
        assert slugs, f"{background} / {interest}: name at least one project to take first"
        unknown = set(slugs) - set(order)
        assert not unknown, f"{background} / {interest}: no such project {unknown}"
        positions = [order.index(slug) for slug in dict.fromkeys(slugs)]
        assert positions == sorted(positions), (
            f"{background} / {interest}: projects out of roadmap order: {slugs}"
        )


def test_only_an_ai_engineer_result_sends_you_down_the_ai_engineering_entry_path():
    """The entry paths on the roadmap lead into AI engineering: a reader placed as a data
    scientist or ML engineer gets projects for that role instead, not the path."""
    _, rows = rule_rows()
    for background, interest, role, _, start in rows:
        paths = [
            link["anchor"]
            for link in MD_LINK.finditer(start)
            if link["target"] == "../roadmap/index.md"
            and (link["anchor"] or "").startswith("path-")
        ]
        wanted = PATH_FOR_BACKGROUND[background]
        if ROLE_LINK.match(role)["name"] == "AI engineer" and wanted:
            assert paths == [wanted], (background, interest)
            assert start.rstrip(".").endswith(f"#{wanted})"), "the path comes last"
        else:
            assert paths == [], (background, interest)


def test_every_link_in_the_table_leads_to_a_page_and_anchor_that_exist():
    _, rows = rule_rows()
    links = [link for row in rows for cell in row for link in MD_LINK.finditer(cell)]
    assert links
    for link in links:
        target = (PAGE.parent / link["target"]).resolve()
        assert target.is_file(), f"{link[0]}: no such page"
        if link["anchor"]:
            assert link["anchor"] in anchors_of(target), f"{link[0]}: no such anchor"


def test_a_cell_that_names_an_author_cites_the_sources_page():
    _, rows = rule_rows()
    for row in rows:
        for cell in row[3:]:
            if any(name in cell for name in AUTHORS):
                cited = {
                    link["anchor"]
                    for link in MD_LINK.finditer(cell)
                    if link["target"] == "../sources.md"
                }
                assert cited, f"{row[0]} / {row[1]}: cite the source of {cell[:60]!r}"


def test_from_every_background_each_role_is_reachable():
    _, rows = rule_rows()
    for background in PATH_FOR_BACKGROUND:
        roles = {ROLE_LINK.match(row[2])["name"] for row in rows if row[0] == background}
        assert roles == set(ROLE_ANCHORS), background
