"""The roadmap's progress store never loses what a reader saved (issue 16), and notes are
saved as the reader types (issue 12).

The first part drives the real pages: stores this site cannot read (a newer version,
damaged JSON), storage that throws, two tabs, notes left without pressing "Save note".
The second part checks the model (docs/assets/javascripts/progress-store.js: validation,
migration, merge, the store) directly in the page, with a fake storage object.
"""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from atlas.roadmap.catalogue import load
from atlas.site import harness
from tests.browser.instant import assert_no_full_reload, mark_live

STAGES, PROJECTS = load()
FIRST, SECOND = PROJECTS[0], PROJECTS[1]
KEY = "atlas-roadmap-progress"
MODEL = "docs/assets/javascripts/progress-store.js"
VIEW = "docs/assets/javascripts/progress.js"

# What a later site could write: version 2, a note, unusual spacing and characters, so that
# "byte for byte" means something.
FUTURE = (
    '{"format":"atlas-roadmap-progress", "version":2,\n'
    '  "projects":{"first-call":{"state":"done","notes":[{"text":"Keep me: \\u00e9 — ✓ ñ"}]}},'
    '"synced":"2027-01-01"}'
)
DAMAGED = {
    # A save cut off half-way.
    "truncated": (
        '{"format": "atlas-roadmap-progress", "version": 1, "projects": '
        '{"first-call": {"status": "done", "note": "Half a no',
        "not valid JSON",
    ),
    # Edited by hand: a status this site does not know.
    "hand-edited": (
        '{"format": "atlas-roadmap-progress", "version": 1, '
        '"projects": {"first-call": {"status": "finished", "note": "mine"}}}',
        "unknown status",
    ),
    # Something else under our key.
    "foreign": ('["done", "learning"]', "not Atlas progress"),
}


def status(page, slug):
    return page.locator(f"select[data-project='{slug}']")


def notes(page, slug):
    return page.locator(f"textarea[data-project='{slug}']")


def raw(page) -> str | None:
    return page.evaluate("k => window.localStorage.getItem(k)", KEY)


def stored(page) -> dict:
    return json.loads(raw(page))


def problem(page):
    """The box that says the stored progress cannot be read or saved (one per page)."""
    return page.locator(".atlas-progress-problem")


def seed(page, text: str) -> None:
    """Put `text` in the store before this tab's first page runs; once per tab, so that a
    reload shows what the page itself left there."""
    page.add_init_script(
        f"""if (!sessionStorage.getItem("seeded")) {{
          localStorage.setItem({json.dumps(KEY)}, {json.dumps(text)});
          sessionStorage.setItem("seeded", "1");
        }}"""
    )


def settle(page) -> None:
    """Let the page finish loading (the favicon comes after the load event) before a
    reload, so that an aborted request is not reported as a failure."""
    page.wait_for_load_state("networkidle")


def downloaded(page, click) -> tuple[str, bytes]:
    with page.expect_download() as info:
        click()
    download = info.value
    return download.suggested_filename, open(download.path(), "rb").read()


# --- stores this site cannot read ----------------------------------------------------


def test_a_store_from_a_newer_site_survives_a_visit_a_change_and_a_reload(page):
    seed(page, FUTURE)
    page.goto(f"roadmap/{FIRST.slug}/")
    select = status(page, FIRST.slug)
    # The controls are read-only (checked below); even a change event that reaches one (a
    # script, a handler in an old tab) must not write.
    select.evaluate("s => { s.value = 'done'; s.dispatchEvent(new Event('change')); }")
    assert raw(page) == FUTURE, f"{VIEW}: a status change overwrote a store of version 2"
    settle(page)
    page.reload()
    assert raw(page) == FUTURE, f"{VIEW}: a reload changed a store of version 2"
    expect(select).to_be_disabled()
    expect(notes(page, FIRST.slug)).to_be_disabled()

    box = problem(page)
    expect(box).to_contain_text("newer version of this site")
    expect(box).to_contain_text("format version 2")
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
    expect(problem(page)).to_contain_text("format version 2")
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
def test_a_damaged_store_is_kept_and_the_page_says_what_was_found(page, name, palette):
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
    assert harness.axe_violations(page) == [], f"{VIEW}: the message box in the {palette} palette"
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
    assert harness.axe_violations(page) == []
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


# --- two tabs ------------------------------------------------------------------------


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
    two.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, FUTURE])
    box.blur()
    expect(problem(one)).to_contain_text("format version 2")
    assert raw(one) == FUTURE
    expect(box).to_have_value("Typed before and after")  # still there, read-only
    problem(one).get_by_role("button", name="Set it aside and start afresh").click()
    expect(box).to_be_enabled()
    assert stored(one)["projects"][FIRST.slug]["note"] == "Typed before and after"


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


# --- the model, run in the page --------------------------------------------------------

# A Storage-like object the tests control: `fail` makes setItem throw, `writes` counts.
FAKE = """
function fake(initial) {
  const data = new Map(Object.entries(initial || {}));
  const s = {
    fail: "", writes: 0,
    get length() { return data.size; },
    key(i) { return [...data.keys()][i] ?? null; },
    getItem(k) { return data.has(k) ? data.get(k) : null; },
    setItem(k, v) {
      if (s.fail) throw new DOMException("test", s.fail);
      s.writes++; data.set(k, String(v));
    },
    removeItem(k) { data.delete(k); },
    dump() { return Object.fromEntries(data); },
  };
  return s;
}
function clock() {
  let t = Date.parse("2026-11-23T10:00:00Z");
  return () => new Date(t += 1000).toISOString();
}
const M = window.AtlasProgressStore;
"""


def model(page, body: str):
    """Run `body` (a function body that returns JSON-able data) with the model loaded."""
    if not page.url.startswith("http"):
        page.goto("roadmap/")  # the model loads only on pages with progress widgets
    return page.evaluate(f"() => {{ {FAKE}\n{body} }}")


def v1(projects: dict) -> str:
    return json.dumps({"format": KEY, "version": 1, "projects": projects})


def test_model_validation_names_what_is_wrong(page):
    cases = {
        "ok": v1(
            {"first-call": {"status": "done", "note": "n", "updated": "2026-11-23T10:04:00Z"}}
        ),
        "cleared": v1({"first-call": {"updated": "2026-11-23T10:00:00.000Z"}}),
        "not json": "{",
        "foreign": '{"hello": "world"}',
        "no version": json.dumps({"format": KEY, "projects": {}}),
        "version 0": json.dumps({"format": KEY, "version": 0, "projects": {}}),
        "future": json.dumps({"format": KEY, "version": 3, "anything": []}),
        "projects list": json.dumps({"format": KEY, "version": 1, "projects": []}),
        "bad slug": v1({"First Call": {}}),
        "extra field": v1({"first-call": {"stars": 5}}),
        "bad status": v1({"first-call": {"status": "finished"}}),
        "long note": v1({"first-call": {"note": "x" * 10001}}),
        "bad time": v1({"first-call": {"updated": "yesterday"}}),
    }
    found = model(
        page,
        f"const cases = {json.dumps(cases)};"
        "return Object.fromEntries(Object.entries(cases).map(([n, raw]) => {"
        "  const r = M.parse(raw); return [n, [r.kind, r.problem || '']]; }));",
    )
    expected = {
        "ok": ("ok", ""),
        "cleared": ("ok", ""),
        "not json": ("unreadable", "not valid JSON"),
        "foreign": ("unreadable", "is not Atlas progress"),
        "no version": ("unreadable", "no valid format version"),
        "version 0": ("unreadable", "format version 0, which this site cannot read"),
        "future": ("future", "format version 3"),
        "projects list": ("unreadable", '"projects" must be an object'),
        "bad slug": ("unreadable", "is not a project name"),
        "extra field": ("unreadable", 'unknown field "stars"'),
        "bad status": ("unreadable", "unknown status"),
        "long note": ("unreadable", "at most 10000 characters"),
        "bad time": ("unreadable", '"updated" of "first-call"'),
    }
    for name, (kind, words) in expected.items():
        got_kind, got_problem = found[name]
        assert got_kind == kind and words in got_problem, (
            f"{MODEL}: parse({name!r}) gave {found[name]}, expected {kind} mentioning {words!r}"
        )
    assert model(page, "return M.parse(null).kind") == "empty"


def test_model_migrates_an_older_version_in_one_entry(page):
    """No version before 1 exists; a made-up version 0 shows that a migration is one entry
    in MIGRATIONS and that a store of that version is read through it, and backed up
    before the first write."""
    result = model(
        page,
        """
        const old = JSON.stringify({format: "atlas-roadmap-progress", version: 0,
          done: ["first-call"], notes: {"first-call": "from v0"}});
        const migrations = {0: doc => {
          const projects = {};
          for (const slug of doc.done) projects[slug] = {status: "done"};
          for (const [slug, note] of Object.entries(doc.notes))
            projects[slug] = Object.assign(projects[slug] || {}, {note});
          return {format: doc.format, version: 1, projects};
        }};
        const read = M.parse(old, {migrations});
        const storage = fake({"atlas-roadmap-progress": old});
        const store = M.createStore({storage: () => storage, now: clock(), migrations});
        const shown = store.snapshot().state;
        store.change("prompt-evals", {status: "learning"});
        return {read, withoutMigration: M.parse(old).kind, shown, after: storage.dump(),
                registered: Object.keys(M.MIGRATIONS), version: M.VERSION};
        """,
    )
    assert result["read"]["kind"] == "ok" and result["read"]["migratedFrom"] == 0
    assert result["read"]["state"]["projects"] == {
        "first-call": {"status": "done", "note": "from v0"}
    }
    assert result["withoutMigration"] == "unreadable"
    assert result["shown"]["projects"]["first-call"]["note"] == "from v0"
    after = result["after"]
    backups = [k for k in after if k.startswith(KEY + "-backup-")]
    assert len(backups) == 1 and json.loads(after[backups[0]])["version"] == 0
    written = json.loads(after[KEY])
    assert written["version"] == 1
    assert written["projects"]["first-call"] == {"status": "done", "note": "from v0"}
    assert written["projects"]["prompt-evals"]["status"] == "learning"
    # Today version 1 is the only format: no migration is registered.
    assert result["registered"] == [] and result["version"] == 1


def test_model_merge_newest_wins_per_project_and_keeps_notes_whole(page):
    long_note = "é" * 10000
    result = model(
        page,
        f"""
        const base = {{format: "atlas-roadmap-progress", version: 1, projects: {{
          "first-call": {{status: "done", note: {json.dumps(long_note)},
                          updated: "2026-11-23T12:00:00Z"}},
          "retrieval": {{status: "learning", updated: "2026-11-23T09:00:00Z"}},
          "tool-calling": {{status: "skip"}},
          "shipping": {{note: "only here"}}}}}};
        const incoming = {{format: "atlas-roadmap-progress", version: 1, projects: {{
          "first-call": {{status: "learning", updated: "2026-11-23T11:00:00Z"}},
          "retrieval": {{updated: "2026-11-23T10:00:00Z"}},
          "tool-calling": {{status: "done"}},
          "agent-loop": {{note: "only there"}}}}}};
        return M.merge(base, incoming);
        """,
    )
    projects = result["state"]["projects"]
    assert projects["first-call"]["note"] == long_note, "the newer entry lost its note"
    assert projects["first-call"]["status"] == "done"
    assert projects["retrieval"] == {"updated": "2026-11-23T10:00:00Z"}, "a newer clear was lost"
    assert projects["tool-calling"]["status"] == "done", "on a tie the incoming entry wins"
    assert projects["shipping"]["note"] == "only here"
    assert projects["agent-loop"]["note"] == "only there"
    assert result["kept"] == ["first-call"]


def test_model_store_rereads_before_writing_and_never_writes_what_it_cannot_read(page):
    result = model(
        page,
        """
        const storage = fake();
        const store = M.createStore({storage: () => storage, now: clock()});
        store.change("first-call", {note: "tab one"});
        // another tab writes in between
        const other = M.createStore({storage: () => storage, now: clock()});
        other.change("retrieval", {status: "done"});
        store.change("first-call", {status: "learning"});
        const merged = JSON.parse(storage.getItem("atlas-roadmap-progress")).projects;

        const future = '{"format":"atlas-roadmap-progress","version":9}';
        storage.setItem("atlas-roadmap-progress", future);
        const writes = storage.writes;
        const refused = [store.change("first-call", {status: "done"}).reason,
                         store.importText(JSON.stringify({format: "atlas-roadmap-progress",
                           version: 1, projects: {}})).reason,
                         store.reset().reason];
        const untouched = storage.getItem("atlas-roadmap-progress") === future &&
                          storage.writes === writes;
        const aside = store.setAside();
        const copy = storage.getItem(aside.key);
        return {merged, refused, untouched, aside: aside.ok, copy,
                after: storage.getItem("atlas-roadmap-progress")};
        """,
    )
    assert result["merged"]["first-call"]["note"] == "tab one"
    assert result["merged"]["first-call"]["status"] == "learning"
    assert result["merged"]["retrieval"]["status"] == "done", "the other tab's write was lost"
    assert result["refused"] == ["locked", "locked", "locked"]
    assert result["untouched"], f"{MODEL}: an unreadable store was written to"
    assert result["aside"] and result["copy"] == '{"format":"atlas-roadmap-progress","version":9}'
    assert result["after"] is None


def test_model_store_keeps_a_refused_write_pending_and_writes_it_later(page):
    result = model(
        page,
        """
        const storage = fake();
        const store = M.createStore({storage: () => storage, now: clock()});
        storage.fail = "QuotaExceededError";
        const first = store.change("first-call", {status: "done"});
        const shown = store.snapshot();
        storage.fail = "";
        const second = store.change("retrieval", {note: "later"});
        return {first: first.reason, unsaved: shown.unsaved,
                shownStatus: shown.state.projects["first-call"].status,
                second: second.ok, after: store.snapshot().unsaved,
                stored: JSON.parse(storage.getItem("atlas-roadmap-progress")).projects};
        """,
    )
    assert result["first"] == "full" and result["unsaved"] == "full"
    assert result["shownStatus"] == "done"
    assert result["second"] and result["after"] == ""
    assert result["stored"]["first-call"]["status"] == "done", "the refused change was dropped"
    assert result["stored"]["retrieval"]["note"] == "later"
