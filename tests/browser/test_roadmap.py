"""The roadmap's progress tracking as a reader uses it: statuses, notes, export, import.

Everything lives in the browser's localStorage; each test starts with a fresh context,
so an empty store. Counts come from atlas/roadmap/projects.yaml, not from the test.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from atlas.roadmap.catalogue import load
from atlas.site import harness
from tests.browser.instant import no_full_reload

STAGES, PROJECTS = load()
FIRST, SECOND = PROJECTS[0], PROJECTS[1]
IN_FIRST_STAGE = sum(p.stage == STAGES[0].id for p in PROJECTS)
KEY = "atlas-roadmap-progress"


def status(page, slug):
    return page.locator(f"select[data-project='{slug}']")


def stored(page) -> dict | None:
    raw = page.evaluate(f"window.localStorage.getItem('{KEY}')")
    return json.loads(raw) if raw else None


def message(page):
    return page.locator(".atlas-progress-panel .atlas-progress-message")


def test_a_project_marked_done_is_kept_across_reload_and_instant_navigation(page):
    page.goto(f"roadmap/{FIRST.slug}/")
    expect(status(page, FIRST.slug)).to_have_value("not-started")
    status(page, FIRST.slug).select_option("done")
    page.reload()
    expect(status(page, FIRST.slug)).to_have_value("done")

    with no_full_reload(page):
        page.locator("article a", has_text="All projects").click()
        expect(page).to_have_url(re.compile(r"/roadmap/$"))
    expect(status(page, FIRST.slug)).to_have_value("done")
    expect(page.locator(f".atlas-stage-progress[data-stage='{STAGES[0].id}'] label")).to_have_text(
        f"{STAGES[0].title}: 1 of {IN_FIRST_STAGE} done"
    )
    expect(page.locator("#atlas-overall-label")).to_have_text(f"Overall: 1 of {len(PROJECTS)} done")
    assert page.locator("#atlas-overall").evaluate("p => [p.value, p.max]") == [1, len(PROJECTS)]

    # Instant navigation onwards: the next page's controls are filled in too.
    with no_full_reload(page):
        page.locator("article table a", has_text=SECOND.title).click()
        expect(page).to_have_url(re.compile(rf"/roadmap/{SECOND.slug}/$"))
    expect(status(page, SECOND.slug)).to_have_value("not-started")
    status(page, SECOND.slug).select_option("skip")
    page.go_back()
    expect(page.locator("#atlas-overall-label")).to_have_text(
        f"Overall: 1 of {len(PROJECTS) - 1} done (1 skipped)"
    )


def test_a_note_is_kept_and_shown_as_text_never_as_html(page):
    note = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2"> <b>bold</b>'
    page.goto(f"roadmap/{FIRST.slug}/")
    box = page.locator(f"textarea[data-project='{FIRST.slug}']")
    box.fill(note)
    page.get_by_role("button", name="Save note").click()
    expect(page.locator(".atlas-progress__notes [role=status]")).to_have_text("Note saved.")
    page.reload()
    expect(box).to_have_value(note)
    saved = page.locator(f".atlas-progress__saved[data-project='{FIRST.slug}']")
    expect(saved).to_have_text(note)
    assert saved.locator("script, img, b").count() == 0
    assert page.evaluate("window.__pwned") is None


def test_export_then_import_in_a_fresh_browser_restores_everything(
    page, browser, base_url, tmp_path
):
    page.goto(f"roadmap/{FIRST.slug}/")
    page.locator(f"textarea[data-project='{FIRST.slug}']").fill("Retry with a real model.")
    page.get_by_role("button", name="Save note").click()
    page.goto("roadmap/")
    status(page, FIRST.slug).select_option("done")
    status(page, SECOND.slug).select_option("learning")
    status(page, PROJECTS[-1].slug).select_option("skip")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="Export progress").click()
    path = tmp_path / "progress.json"
    download_info.value.save_as(path)
    exported = json.loads(path.read_text())
    assert exported["format"] == KEY and exported["version"] == 2
    entry = exported["projects"][FIRST.slug]
    assert (entry["status"], entry["note"]) == ("done", "Retry with a real model.")
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", entry["updated"]), entry

    fresh = browser.new_context(base_url=base_url)
    fresh.traffic = harness.watch(fresh)
    try:
        other = fresh.new_page()
        other.goto("roadmap/")
        expect(status(other, FIRST.slug)).to_have_value("not-started")
        other.locator(".atlas-progress-panel input[type=file]").set_input_files(path)
        expect(message(other)).to_have_text("Imported progress for 3 projects.")
        expect(status(other, FIRST.slug)).to_have_value("done")
        expect(status(other, SECOND.slug)).to_have_value("learning")
        expect(status(other, PROJECTS[-1].slug)).to_have_value("skip")
        other.goto(f"roadmap/{FIRST.slug}/")
        expect(other.locator(f"textarea[data-project='{FIRST.slug}']")).to_have_value(
            "Retry with a real model."
        )
        problems = fresh.traffic.problems()
    finally:
        fresh.close()
    assert problems == []


BAD_FILES = {
    "not JSON": (b"{this is not json", "not valid JSON"),
    "wrong shape": (
        json.dumps({"format": KEY, "version": 1, "projects": ["done"]}).encode(),
        "wrong shape",
    ),
    "unknown status": (
        json.dumps(
            {"format": KEY, "version": 1, "projects": {"first-call": {"status": "finished"}}}
        ).encode(),
        "unknown status",
    ),
    "another file": (json.dumps({"hello": "world"}).encode(), "not an Atlas progress file"),
    "wrong version": (
        json.dumps({"format": KEY, "version": 3, "projects": {}}).encode(),
        "version 3",
    ),
    "too large": (
        json.dumps(
            {"format": KEY, "version": 1, "projects": {}, "exported": "x" * 120_000}
        ).encode(),
        "limit is 100 KB",
    ),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_a_bad_import_file_is_refused_and_progress_kept(page, name):
    content, expected = BAD_FILES[name]
    page.goto("roadmap/")
    status(page, FIRST.slug).select_option("done")
    before = stored(page)
    page.locator(".atlas-progress-panel input[type=file]").set_input_files(
        {"name": "progress.json", "mimeType": "application/json", "buffer": content}
    )
    expect(message(page)).to_contain_text("Import refused")
    expect(message(page)).to_contain_text(expected)
    expect(message(page)).to_contain_text("Your saved progress is unchanged.")
    assert message(page).get_attribute("role") == "status"
    assert stored(page) == before
    expect(status(page, FIRST.slug)).to_have_value("done")


def test_reset_asks_before_clearing(page):
    page.goto("roadmap/")
    status(page, FIRST.slug).select_option("done")
    page.get_by_role("button", name="Reset progress…").click()
    cancel = page.get_by_role("button", name="Cancel")
    expect(cancel).to_be_focused()
    cancel.click()
    expect(message(page)).to_have_text("Nothing was deleted.")
    expect(status(page, FIRST.slug)).to_have_value("done")
    page.get_by_role("button", name="Reset progress…").click()
    page.get_by_role("button", name="Yes, delete everything").click()
    expect(message(page)).to_have_text("All progress and notes were deleted.")
    expect(status(page, FIRST.slug)).to_have_value("not-started")
    assert stored(page)["projects"] == {}


def tab_to(page, locator, key="Tab", limit=40):
    """Press Tab (or ``key``) until ``locator`` has the focus; fail if it never does."""
    for _ in range(limit):
        if locator.evaluate("el => el === document.activeElement"):
            return
        page.keyboard.press(key)
    pytest.fail(f"Tab never reached {locator}")


def test_keyboard_only_use(page):
    page.goto(f"roadmap/{FIRST.slug}/")
    page.locator("h1").click()  # only to set where Tab starts
    select = status(page, FIRST.slug)
    tab_to(page, select)
    page.keyboard.press("ArrowDown")  # not started -> learning
    expect(select).to_have_value("learning")
    page.keyboard.press("Tab")
    page.keyboard.type("Typed from the keyboard")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Save note")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(f".atlas-progress__saved[data-project='{FIRST.slug}']")).to_have_text(
        "Typed from the keyboard"
    )

    page.goto("roadmap/")
    page.locator("h1").click()
    reset = page.get_by_role("button", name="Reset progress…")
    tab_to(page, reset)
    page.keyboard.press("Space")
    expect(page.get_by_role("button", name="Cancel")).to_be_focused()
    page.keyboard.press("Shift+Tab")
    expect(page.get_by_role("button", name="Yes, delete everything")).to_be_focused()
    page.keyboard.press("Enter")
    expect(message(page)).to_have_text("All progress and notes were deleted.")
    expect(status(page, FIRST.slug)).to_have_value("not-started")
    # The import control is reachable and announces itself by its label.
    file_input = page.locator(".atlas-progress-panel input[type=file]")
    expect(reset).to_be_focused()
    tab_to(page, file_input, key="Shift+Tab")
    assert page.evaluate("document.activeElement.labels[0].textContent") == "Import progress"


def test_without_javascript_the_overview_still_reads_well(browser, base_url):
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    traffic = harness.watch(context)  # as the `context` fixture does: nothing off-site
    try:
        page = context.new_page()
        page.goto("roadmap/")
        expect(page.locator(".atlas-progress-panel")).to_contain_text("needs JavaScript")
        assert page.locator("select, textarea, progress").count() == 0
        rows = page.locator("article table tbody tr")
        expect(rows).to_have_count(len(PROJECTS))
        expect(rows.first).to_contain_text(FIRST.effort)
    finally:
        context.close()
    assert traffic.problems() == [], "roadmap/ without JavaScript misbehaved"


# That every project page has its status and notes is checked with its course blocks, in
# the one load of each project page: tests/browser/test_course_blocks.py.
