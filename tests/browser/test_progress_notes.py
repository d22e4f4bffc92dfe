"""Notes are saved as the reader types (issue 12), and two tabs never discard each
other's changes (issue 16)."""

from __future__ import annotations

import json
import re

from playwright.sync_api import expect

from tests.browser.instant import assert_no_full_reload, mark_live
from tests.browser.progress_helpers import (
    FIRST,
    FUTURE,
    KEY,
    SECOND,
    VIEW,
    document,
    notes,
    problem,
    raw,
    status,
    stored,
    write_store,
)

# --- two tabs ------------------------------------------------------------------------

STORED_STATUS = "([k, slug]) => (JSON.parse(localStorage.getItem(k)).projects[slug] || {}).status"


def test_two_tabs_see_each_other_and_never_discard_each_other(context):
    one = context.new_page()
    two = context.new_page()
    one.goto(f"roadmap/{FIRST.slug}/")
    two.goto("roadmap/")
    notes(one, FIRST.slug).press_sequentially("Typed in tab one", delay=5)
    expect(one.locator(f".atlas-progress__note-state[data-project='{FIRST.slug}']")).to_have_text(
        "Saved"
    )
    status(two, FIRST.slug).select_option("done")
    status(two, SECOND.slug).select_option("skip")

    expect(status(one, FIRST.slug)).to_have_value("done")  # tab two's change shows in tab one
    expect(notes(one, FIRST.slug)).to_have_value("Typed in tab one")
    entry = stored(two)["projects"][FIRST.slug]
    assert (entry["status"], entry["note"]) == ("done", "Typed in tab one"), entry

    # Tab one writes again (more typing): tab two's statuses stay.
    notes(one, FIRST.slug).press_sequentially(", and more", delay=5)
    notes(one, FIRST.slug).blur()
    # Tab one may write before tab two's "skip" reaches it; tab two then writes it again.
    one.wait_for_function(
        f"a => ({STORED_STATUS})(a) === 'skip'", arg=[KEY, SECOND.slug], timeout=5000
    )
    projects = stored(one)["projects"]
    assert projects[FIRST.slug]["note"] == "Typed in tab one, and more"
    assert projects[FIRST.slug]["status"] == "done"
    assert projects[SECOND.slug]["status"] == "skip"

    # Tab two shows tab one's note on the project page it opens by instant navigation.
    mark_live(two)
    two.locator("article table a", has_text=FIRST.title).click()
    expect(two).to_have_url(
        re.compile(rf"/roadmap/{FIRST.slug}/(#.*)?$")
    )  # tracking may carry a fragment
    assert_no_full_reload(two)
    expect(notes(two, FIRST.slug)).to_have_value("Typed in tab one, and more")
    # and follows tab one's next change without a reload.
    notes(one, FIRST.slug).fill("Rewritten in tab one")
    notes(one, FIRST.slug).blur()
    expect(two.locator(f".atlas-progress__saved[data-project='{FIRST.slug}']")).to_have_text(
        "Rewritten in tab one"
    )


# Another tab's write made on top of a store that did not hold this tab's change yet (tabs
# in other processes see a write a moment later): what this tab must do about it.


def test_a_change_another_tab_wrote_over_before_seeing_it_is_written_again(context):
    one = context.new_page()
    one.goto("roadmap/")
    status(one, SECOND.slug).select_option("skip")
    assert stored(one)["projects"][SECOND.slug]["status"] == "skip"
    two = context.new_page()
    two.goto("")
    other = {FIRST.slug: {"note": "From tab two", "updated": "2026-01-01T00:00:00.000Z"}}
    write_store(two, document(other))  # read before tab one's skip arrived
    two.wait_for_function(
        f"a => ({STORED_STATUS})(a) === 'skip'", arg=[KEY, SECOND.slug], timeout=5000
    )
    projects = stored(two)["projects"]
    assert projects[FIRST.slug]["note"] == "From tab two", "tab two's own change is kept"
    expect(status(one, SECOND.slug)).to_have_value("skip")


def test_a_later_change_or_a_reset_in_another_tab_is_not_undone(context):
    one = context.new_page()
    one.goto("roadmap/")
    status(one, SECOND.slug).select_option("skip")
    two = context.new_page()
    two.goto("")
    later = {SECOND.slug: {"status": "learning", "updated": "2099-01-01T00:00:00.000Z"}}
    write_store(two, document(later))  # tab two changed the same project later
    expect(status(one, SECOND.slug)).to_have_value("learning")  # tab one has seen it
    assert stored(two)["projects"] == later
    write_store(two, document({}))  # tab two's reset
    expect(status(one, SECOND.slug)).to_have_value("not-started")
    assert stored(two)["projects"] == {}


def test_a_note_typed_while_another_tab_leaves_an_unreadable_store_is_not_lost(context):
    one = context.new_page()
    one.goto(f"roadmap/{FIRST.slug}/")
    box = notes(one, FIRST.slug)
    box.press_sequentially("Typed before", delay=5)
    expect(one.locator(f".atlas-progress__saved[data-project='{FIRST.slug}']")).to_have_text(
        "Typed before"
    )
    box.press_sequentially(" and after", delay=5)
    two = context.new_page()  # a newer version of the site, say, writes its own format
    two.goto("")
    write_store(two, FUTURE)
    box.blur()
    expect(problem(one)).to_contain_text("format version 3")
    assert raw(one) == FUTURE
    expect(box).to_have_value("Typed before and after")  # still there, read-only
    problem(one).get_by_role("button", name="Set it aside and start afresh").click()
    expect(box).to_be_enabled()
    assert stored(one)["projects"][FIRST.slug]["note"] == "Typed before and after"


def test_a_saved_note_stays_in_its_box_when_another_tab_leaves_an_unreadable_store(context):
    """The order the test above can also meet: the note is saved, then the store is
    overwritten; the box keeps it (seen blank once) and the fresh store gets it."""
    one = context.new_page()
    one.goto(f"roadmap/{FIRST.slug}/")
    box = notes(one, FIRST.slug)
    box.press_sequentially("Saved, then overwritten", delay=5)
    expect(one.locator(f".atlas-progress__saved[data-project='{FIRST.slug}']")).to_have_text(
        "Saved, then overwritten"
    )
    box.blur()
    two = context.new_page()
    two.goto("")
    write_store(two, FUTURE)
    expect(problem(one)).to_contain_text("format version 3")
    expect(box).to_be_disabled()
    expect(box).to_have_value("Saved, then overwritten")
    assert raw(one) == FUTURE
    problem(one).get_by_role("button", name="Set it aside and start afresh").click()
    expect(box).to_be_enabled()
    assert stored(one)["projects"][FIRST.slug]["note"] == "Saved, then overwritten"


# --- notes saved as the reader types ---------------------------------------------------


def test_a_typed_note_survives_instant_navigation_without_pressing_save(page):
    page.goto(f"roadmap/{FIRST.slug}/")
    mark_live(page)
    notes(page, FIRST.slug).press_sequentially("Typed, never saved by hand", delay=5)
    page.locator("article a", has_text="All projects").click()  # at once: no pause to save
    expect(page).to_have_url(re.compile(r"/roadmap/$"))
    expect(page.locator(".atlas-progress-panel[data-ready]")).to_be_attached()
    assert_no_full_reload(page)
    # Handed over when the link was followed, not only by the timer a moment later.
    saved = json.loads(raw(page) or '{"projects": {}}')["projects"].get(FIRST.slug, {})
    assert saved.get("note") == "Typed, never saved by hand", (
        f"{VIEW}: the note was not saved before instant navigation swapped the page"
    )
    page.locator("article table a", has_text=FIRST.title).click()
    expect(page).to_have_url(
        re.compile(rf"/roadmap/{FIRST.slug}/(#.*)?$")
    )  # tracking may carry a fragment
    assert_no_full_reload(page)
    expect(notes(page, FIRST.slug)).to_have_value("Typed, never saved by hand")
    expect(page.locator(f".atlas-progress__saved[data-project='{FIRST.slug}']")).to_have_text(
        "Typed, never saved by hand"
    )


def test_a_typed_note_survives_an_immediate_reload(page):
    page.goto(f"roadmap/{FIRST.slug}/")
    notes(page, FIRST.slug).press_sequentially("Typed, then reloaded", delay=5)
    page.reload()  # well inside the typing pause: only the save on leaving can keep it
    expect(notes(page, FIRST.slug)).to_have_value("Typed, then reloaded")


def test_a_note_is_saved_after_a_pause_in_typing(page):
    page.goto(f"roadmap/{FIRST.slug}/")
    notes(page, FIRST.slug).press_sequentially("Paused here", delay=5)
    state = page.locator(f".atlas-progress__note-state[data-project='{FIRST.slug}']")
    expect(state).to_have_text("Saved")
    assert stored(page)["projects"][FIRST.slug]["note"] == "Paused here"
    expect(notes(page, FIRST.slug)).to_be_focused()  # saving did not take the focus away
