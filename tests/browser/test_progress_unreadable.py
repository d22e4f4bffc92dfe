"""The roadmap's progress store never loses what a reader saved (issue 16): stores this
site cannot read (a newer version, damaged JSON) and storage that throws, on the real
pages."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from tests.browser import axe, palettes
from tests.browser.instant import assert_no_full_reload, mark_live, settle
from tests.browser.progress_helpers import (
    FIRST,
    FUTURE,
    KEY,
    PROBLEM,
    PROJECTS,
    SECOND,
    VIEW,
    downloaded,
    notes,
    problem,
    raw,
    seed,
    status,
    stored,
)

DAMAGED = {
    # A save cut off half-way.
    "truncated": (
        '{"format": "atlas-roadmap-progress", "version": 2, "projects": '
        '{"first-call": {"status": "done", "note": "Half a no',
        "not valid JSON",
    ),
    # Edited by hand: a status this site does not know (in a version 1 store, read through
    # the migration to version 2 and refused there).
    "hand-edited": (
        '{"format": "atlas-roadmap-progress", "version": 1, '
        '"projects": {"first-call": {"status": "finished", "note": "mine"}}}',
        "unknown status",
    ),
    # Something else under our key.
    "foreign": ('["done", "learning"]', "not Atlas progress"),
}

# --- stores this site cannot read ----------------------------------------------------


def test_a_store_from_a_newer_site_survives_a_visit_a_change_and_a_reload(page):
    seed(page, FUTURE)
    page.goto(f"roadmap/{FIRST.slug}/")
    select = status(page, FIRST.slug)
    # The controls are read-only (checked below); even a change event that reaches one (a
    # script, a handler in an old tab) must not write.
    select.evaluate("s => { s.value = 'done'; s.dispatchEvent(new Event('change')); }")
    assert raw(page) == FUTURE, f"{VIEW}: a status change overwrote a store of version 3"
    settle(page)
    page.reload()
    assert raw(page) == FUTURE, f"{VIEW}: a reload changed a store of version 3"
    expect(select).to_be_disabled()
    expect(notes(page, FIRST.slug)).to_be_disabled()

    box = problem(page)
    expect(box).to_contain_text("newer version of this site")
    expect(box).to_contain_text("format version 3")
    expect(box).to_contain_text("Nothing was changed")
    name, body = downloaded(
        page, lambda: box.get_by_role("button", name="Download the stored text").click()
    )
    assert body == FUTURE.encode(), "the download is not the stored text byte for byte"
    assert name.endswith(".json")

    # Instant navigation to the overview: the same message, export gives the raw text too.
    mark_live(page)
    page.locator("article a", has_text="All projects").click()
    expect(page).to_have_url(re.compile(r"/roadmap/$"))
    assert_no_full_reload(page)
    expect(problem(page)).to_contain_text("format version 3")
    expect(page.get_by_role("button", name="Reset progress…")).to_be_disabled()
    expect(page.locator(".atlas-progress-panel input[type=file]")).to_be_disabled()
    _, body = downloaded(page, lambda: page.get_by_role("button", name="Export progress").click())
    assert body == FUTURE.encode()
    assert raw(page) == FUTURE


def test_setting_an_unreadable_store_aside_keeps_it_and_tracking_works_again(page):
    seed(page, FUTURE)
    page.goto("roadmap/")
    problem(page).get_by_role("button", name="Set it aside and start afresh").click()
    expect(problem(page)).to_be_hidden()
    message = page.locator(".atlas-progress-panel .atlas-progress-message")
    expect(message).to_contain_text("set aside under the name")
    backups = page.evaluate(
        "p => Object.keys(localStorage).filter(k => k.startsWith(p))", KEY + "-backup-"
    )
    assert len(backups) == 1, backups
    assert re.fullmatch(rf"{KEY}-backup-\d{{4}}-\d\d-\d\dT[\d:.]+Z", backups[0])
    assert page.evaluate("k => localStorage.getItem(k)", backups[0]) == FUTURE
    status(page, FIRST.slug).select_option("done")
    assert stored(page)["projects"][FIRST.slug]["status"] == "done"
    # The copy is listed, and downloads as it was.
    listing = page.locator(".atlas-progress__backups")
    expect(listing).to_contain_text(backups[0])
    _, body = downloaded(page, lambda: listing.get_by_role("button", name="Download").click())
    assert body == FUTURE.encode()


@pytest.mark.parametrize("name", DAMAGED)
def test_a_damaged_store_is_kept_and_the_page_says_what_was_found(page, name):
    text, found = DAMAGED[name]
    seed(page, text)
    page.goto("roadmap/")
    status(page, FIRST.slug).evaluate(
        "s => { s.value = 'learning'; s.dispatchEvent(new Event('change')); }"
    )
    settle(page)
    page.reload()
    assert raw(page) == text, f"{VIEW}: a damaged store ({name}) was written over"
    box = problem(page)
    expect(box).to_contain_text("cannot be read")
    expect(box).to_contain_text(found)
    expect(box).to_contain_text("Nothing was changed")
    expect(status(page, FIRST.slug)).to_be_disabled()
    for palette in ("light", "dark"):  # one load, both palettes (tests/browser/palettes.py)
        palettes.switch(page, palette)
        assert axe.violations(page, within=PROBLEM) == [], (
            f"{VIEW}: the message box, {palette} palette"
        )
    _, body = downloaded(
        page, lambda: box.get_by_role("button", name="Download the stored text").click()
    )
    assert body == text.encode()


# --- storage that fails --------------------------------------------------------------

FAIL_STORAGE = """
(() => {
  const ours = k => typeof k === "string" && k.startsWith("atlas-roadmap-progress");
  for (const name of NAMES) {
    const original = Storage.prototype[name];
    Storage.prototype[name] = function (key, ...rest) {
      if (ours(key)) throw new DOMException("refused by the test", ERROR);
      return original.call(this, key, ...rest);
    };
  }
})();
"""


def fail_storage(context, names, error):
    """Make localStorage throw `error` for this site's keys only (the theme's own code, which
    does not catch a throwing getItem, keeps working)."""
    script = FAIL_STORAGE.replace("NAMES", json.dumps(names)).replace("ERROR", json.dumps(error))
    context.add_init_script(script)


def exported(page, button) -> dict:
    name, body = downloaded(page, button.click)
    assert name == "atlas-roadmap-progress.json"
    return json.loads(body)


def test_storage_that_cannot_be_read_says_so_and_export_still_works(context):
    fail_storage(context, ["getItem", "setItem", "removeItem"], "SecurityError")
    page = context.new_page()
    page.goto(f"roadmap/{FIRST.slug}/")
    box = problem(page)
    expect(box).to_contain_text("Progress cannot be saved in this browser")
    expect(box).to_contain_text("storage is blocked")
    status(page, FIRST.slug).select_option("done")
    expect(status(page, FIRST.slug)).to_have_value("done")  # kept on this page
    notes(page, FIRST.slug).fill("Only in memory")
    page.get_by_role("button", name="Save note").click()
    expect(page.locator(".atlas-progress__notes [role=status]")).to_contain_text("Not saved")
    document = exported(page, box.get_by_role("button", name="Export progress"))
    assert document["projects"][FIRST.slug]["status"] == "done"
    assert document["projects"][FIRST.slug]["note"] == "Only in memory"

    # Kept across instant navigation (the script is not reloaded), and said again there.
    mark_live(page)
    page.locator("article a", has_text="All projects").click()
    expect(page).to_have_url(re.compile(r"/roadmap/$"))
    assert_no_full_reload(page)
    expect(problem(page)).to_contain_text("storage is blocked")
    expect(status(page, FIRST.slug)).to_have_value("done")
    assert axe.violations(page, within=PROBLEM) == []
    document = exported(page, page.get_by_role("button", name="Export progress").first)
    assert document["projects"][FIRST.slug]["note"] == "Only in memory"


def test_full_storage_says_so_keeps_the_change_and_export_still_works(context):
    fail_storage(context, ["setItem"], "QuotaExceededError")
    page = context.new_page()
    page.goto("roadmap/")
    expect(problem(page)).to_be_hidden()  # nothing went wrong yet
    status(page, SECOND.slug).select_option("learning")
    box = problem(page)
    expect(box).to_contain_text("Progress cannot be saved in this browser")
    expect(box).to_contain_text("storage for this site is full")
    expect(page.locator(".atlas-progress-panel .atlas-progress-message")).to_contain_text(
        "Not saved"
    )
    expect(status(page, SECOND.slug)).to_have_value("learning")
    expect(page.locator("#atlas-overall-label")).to_have_text(f"Overall: 0 of {len(PROJECTS)} done")
    document = exported(page, box.get_by_role("button", name="Export progress"))
    assert document["projects"][SECOND.slug]["status"] == "learning"
    assert raw(page) is None
