"""Review questions come back 1, 7 and 30 days after a project is done (either kind): the
project page marks the review due, the reader records it, the overview lists what is due,
and the rounds travel with export and import. Time is a test clock for the page's Date
(progress_helpers.start_clock), never a real wait. The review block is the course
contract's HTML (atlas/site/project_page.py)."""

from __future__ import annotations

import datetime as dt
import json
import re

from playwright.sync_api import expect

from atlas.roadmap import completion
from tests.browser.instant import follow, no_full_reload
from tests.browser.progress_helpers import (
    FIRST,
    KEY,
    SECOND,
    document,
    downloaded,
    raw,
    seed,
    set_clock,
    start_clock,
    status,
    stored,
)

REVIEWS = "docs/assets/javascripts/progress-reviews.js"


def noon(day: str) -> str:
    return f"{day}T12:00:00Z"


def block(page, slug=FIRST.slug):
    return page.locator(f".atlas-review[data-project='{slug}']")


def state(page, slug=FIRST.slug):
    return block(page, slug).locator(".atlas-review__state")


def reviewed_button(page, slug=FIRST.slug):
    return block(page, slug).get_by_role("button", name="Mark reviewed")


def test_reviews_come_due_after_1_7_and_30_days_and_are_recorded(page):
    start_clock(page, noon("2026-11-23"))
    page.goto(f"roadmap/{FIRST.slug}/")
    expect(block(page).locator("li[data-question]")).to_have_count(3)
    expect(state(page)).to_contain_text("come back for review 1, 7 and 30 days later")
    expect(reviewed_button(page)).to_be_hidden()
    status(page, FIRST.slug).select_option("done")
    expect(state(page)).to_have_text(
        "Next review on 2026-11-24, 1 day after you finished this project."
    )

    set_clock(page, noon("2026-11-24"))
    page.reload()
    expect(state(page)).to_contain_text("Review due: it is 1 day since you finished this project")
    expect(block(page)).to_have_class(re.compile(r"\batlas-review--due\b"))
    reviewed_button(page).click()
    expect(state(page)).to_have_text(
        "Next review on 2026-11-30, 7 days after you finished this project."
    )
    expect(block(page)).not_to_have_class(re.compile(r"\batlas-review--due\b"))
    reviewed = stored(page)["projects"][FIRST.slug]["reviewed"]
    assert list(reviewed) == ["1"] and reviewed["1"].startswith("2026-11-24T12:0"), reviewed

    set_clock(page, noon("2026-11-29"))
    page.reload()
    expect(reviewed_button(page)).to_be_hidden()  # day 6: not yet

    # A month and more later: the 7-day and the 30-day rounds are both due; one review
    # does for both.
    set_clock(page, noon("2026-12-28"))
    page.reload()
    expect(state(page)).to_contain_text("it is 30 days since")
    reviewed_button(page).click()
    expect(state(page)).to_have_text("All three reviews are done.")
    reviewed = stored(page)["projects"][FIRST.slug]["reviewed"]
    assert sorted(reviewed, key=int) == ["1", "7", "30"]
    assert reviewed["30"].startswith("2026-12-28T12:0"), reviewed

    # Not done any more: the schedule goes with it.
    status(page, FIRST.slug).select_option("learning")
    assert "reviewed" not in stored(page)["projects"][FIRST.slug]
    expect(state(page)).to_contain_text("come back for review")


def seeded_done() -> dict:
    """First project done by check a week ago, second done by hand yesterday."""
    code = completion.make_code(
        FIRST.slug, dt.date(2026, 11, 16), reference=False, digest="12345678"
    )
    return {
        FIRST.slug: {
            "status": "done",
            "updated": "2026-11-16T10:00:00Z",
            "done": {"on": "2026-11-16", "by": "check", "code": code},
            "reviewed": {"1": "2026-11-17T10:00:00Z"},
        },
        SECOND.slug: {
            "status": "done",
            "note": "Done by hand.",
            "updated": "2026-11-22T10:00:00Z",
            "done": {"on": "2026-11-22", "by": "hand"},
        },
    }


def test_the_overview_lists_reviews_due_and_they_work_after_instant_navigation(page):
    seed(page, document(seeded_done()))
    start_clock(page, noon("2026-11-23"))
    page.goto("")  # a page that does not load the progress scripts
    follow(page, "roadmap/")
    due = page.locator(".atlas-progress__reviews")
    expect(due).to_contain_text("Reviews due:")
    expect(due.locator("li")).to_have_text(
        [f"{FIRST.title} (the 7\u2011day review)", f"{SECOND.title} (the 1\u2011day review)"]
    )
    with no_full_reload(page, "the click on a review due"):
        due.get_by_role("link", name=FIRST.title).click()
        expect(page).to_have_url(re.compile(rf"/roadmap/{FIRST.slug}/#review$"))
        expect(state(page)).to_contain_text("Review due: it is 7 days since")
        reviewed_button(page).click()
        expect(state(page)).to_have_text(
            "Next review on 2026-12-16, 30 days after you finished this project."
        )
        page.locator("article a", has_text="All projects").click()
        expect(page).to_have_url(re.compile(r"/roadmap/$"))
        expect(due.locator("li")).to_have_text([f"{SECOND.title} (the 1\u2011day review)"])


def import_file(page, content: bytes) -> None:
    page.locator(".atlas-progress-panel input[type=file]").set_input_files(
        {"name": "progress.json", "mimeType": "application/json", "buffer": content}
    )


def test_codes_and_reviews_round_trip_through_export_and_import(page):
    projects = seeded_done()
    seed(page, document(projects))
    start_clock(page, noon("2026-11-23"))
    page.goto("roadmap/")
    message = page.locator(".atlas-progress-panel .atlas-progress-message")
    _, body = downloaded(page, lambda: page.get_by_role("button", name="Export progress").click())
    exported = json.loads(body)
    assert exported["version"] == 2 and exported["projects"] == projects

    page.get_by_role("button", name="Reset progress…").click()
    page.get_by_role("button", name="Yes, delete everything").click()
    assert stored(page)["projects"] == {}
    expect(page.locator(".atlas-progress__reviews")).to_be_hidden()

    # Refused, and nothing written: a forged code, a newer format, damaged JSON.
    forged = json.loads(body)
    forged["projects"][FIRST.slug]["done"]["code"] = forged["projects"][FIRST.slug]["done"][
        "code"
    ].replace("2026-11-16", "2026-11-15")
    newer = dict(exported, version=3)
    for bad, words in [
        (json.dumps(forged).encode(), "completion code"),
        (json.dumps(newer).encode(), "format version 3"),
        (body[: len(body) // 2], "not valid JSON"),
    ]:
        before = raw(page)
        import_file(page, bad)
        expect(message).to_contain_text(words)
        expect(message).to_contain_text("Your saved progress is unchanged.")
        assert raw(page) == before, f"a refused import ({words}) changed the store"

    import_file(page, body)
    expect(message).to_have_text("Imported progress for 2 projects.")
    assert stored(page)["projects"] == projects, "the import lost codes or reviews"
    expect(page.locator(".atlas-progress__reviews li")).to_have_count(2)


def test_a_version_1_export_imports_through_the_migration(page):
    old = {
        "format": KEY,
        "version": 1,
        "exported": "2026-11-20T10:00:00Z",
        "projects": {
            SECOND.slug: {"status": "done", "note": "v1", "updated": "2026-11-20T09:00:00Z"}
        },
    }
    start_clock(page, noon("2026-11-23"))
    page.goto("roadmap/")
    import_file(page, json.dumps(old).encode())
    expect(page.locator(".atlas-progress-panel .atlas-progress-message")).to_have_text(
        "Imported progress for 1 projects."
    )
    entry = stored(page)["projects"][SECOND.slug]
    assert entry == {
        "status": "done",
        "note": "v1",
        "updated": "2026-11-20T09:00:00Z",
        "done": {"on": "2026-11-20", "by": "hand"},
    }, f"{REVIEWS}: a version 1 file lost data or was not migrated"
    expect(page.locator(".atlas-progress__reviews li")).to_have_text(
        [f"{SECOND.title} (the 1\u2011day review)"]
    )
