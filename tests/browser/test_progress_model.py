"""The progress model and store (docs/assets/javascripts/progress-model.js and
progress-store.js: validation, migration, merge, the store), run in the page with a fake
storage object."""

from __future__ import annotations

import json

from tests.browser.progress_helpers import KEY, MODEL, STORE, document, model


def v1(projects: dict) -> str:
    return document(projects, version=1)


v2 = document
HAND = {"on": "2026-11-23", "by": "hand"}
# A code whose checksum does not match: its project was changed by hand.
FORGED = {
    "on": "2026-11-23",
    "by": "check",
    "code": "atlas1.first-call.2026-11-23.own.1a2b3c4d.00000000",
}


def test_model_validation_names_what_is_wrong(page):
    cases = {
        "ok": v1(
            {"first-call": {"status": "done", "note": "n", "updated": "2026-11-23T10:04:00Z"}}
        ),
        "ok v2": v2(
            {
                "first-call": {
                    "status": "done",
                    "done": {"on": "2026-11-23", "by": "hand"},
                    "reviewed": {"1": "2026-11-24T09:00:00Z"},
                }
            }
        ),
        "cleared": v2({"first-call": {"updated": "2026-11-23T10:00:00.000Z"}}),
        "not json": "{",
        "foreign": '{"hello": "world"}',
        "no version": json.dumps({"format": KEY, "projects": {}}),
        "version 0": json.dumps({"format": KEY, "version": 0, "projects": {}}),
        "future": json.dumps({"format": KEY, "version": 9, "anything": []}),
        "projects list": json.dumps({"format": KEY, "version": 2, "projects": []}),
        "bad slug": v2({"First Call": {}}),
        "extra field": v2({"first-call": {"stars": 5}}),
        "bad status": v2({"first-call": {"status": "finished"}}),
        "long note": v2({"first-call": {"note": "x" * 10001}}),
        "bad time": v2({"first-call": {"updated": "yesterday"}}),
        "done not done": v2({"first-call": {"status": "learning", "done": HAND}}),
        "bad day": v2(
            {"first-call": {"status": "done", "done": {"on": "2026-02-30", "by": "hand"}}}
        ),
        "forged code": v2({"first-call": {"status": "done", "done": FORGED}}),
        "bad round": v2(
            {
                "first-call": {
                    "status": "done",
                    "done": HAND,
                    "reviewed": {"2": "2026-11-24T00:00:00Z"},
                }
            }
        ),
    }
    found = model(
        page,
        f"const cases = {json.dumps(cases)};"
        "return Object.fromEntries(Object.entries(cases).map(([n, raw]) => {"
        "  const r = M.parse(raw); return [n, [r.kind, r.problem || '']]; }));",
    )
    expected = {
        "ok": ("ok", ""),
        "ok v2": ("ok", ""),
        "cleared": ("ok", ""),
        "not json": ("unreadable", "not valid JSON"),
        "foreign": ("unreadable", "is not Atlas progress"),
        "no version": ("unreadable", "no valid format version"),
        "version 0": ("unreadable", "format version 0, which this site cannot read"),
        "future": ("future", "format version 9"),
        "projects list": ("unreadable", '"projects" must be an object'),
        "bad slug": ("unreadable", "is not a project name"),
        "extra field": ("unreadable", 'unknown field "stars"'),
        "bad status": ("unreadable", "unknown status"),
        "long note": ("unreadable", "at most 10000 characters"),
        "bad time": ("unreadable", '"updated" of "first-call"'),
        "done not done": ("unreadable", "its status is not done"),
        "bad day": ("unreadable", '"done" of "first-call" must be'),
        "forged code": ("unreadable", 'completion code of "first-call" is refused'),
        "bad round": ("unreadable", '"reviewed" of "first-call"'),
    }
    for name, (kind, words) in expected.items():
        got_kind, got_problem = found[name]
        assert got_kind == kind and words in got_problem, (
            f"{MODEL}: parse({name!r}) gave {found[name]}, expected {kind} mentioning {words!r}"
        )
    assert model(page, "return M.parse(null).kind") == "empty"


def test_model_migrates_an_older_version_in_one_entry(page):
    """No version before 1 exists; a made-up version 0 shows that a migration is one entry
    in MIGRATIONS, that migrations chain (0 to 1 to 2), and that a store of that version is
    read through them, and backed up before the first write."""
    result = model(
        page,
        """
        const old = JSON.stringify({format: "atlas-roadmap-progress", version: 0,
          done: ["first-call"], notes: {"first-call": "from v0"}});
        const migrations = Object.assign({}, M.MIGRATIONS, {0: doc => {
          const projects = {};
          for (const slug of doc.done) projects[slug] = {status: "done"};
          for (const [slug, note] of Object.entries(doc.notes))
            projects[slug] = Object.assign(projects[slug] || {}, {note});
          return {format: doc.format, version: 1, projects};
        }});
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
    assert written["version"] == 2
    assert written["projects"]["first-call"] == {"status": "done", "note": "from v0"}
    assert written["projects"]["prompt-evals"]["status"] == "learning"
    # Version 2 is the current format; one migration (from version 1) is registered.
    assert result["registered"] == ["1"] and result["version"] == 2


def test_model_migrates_a_version_1_store_keeping_everything_and_a_backup(page):
    """A store written before completion codes and reviews existed: every status, note and
    time survives, a project done then counts as done by hand on the day it last changed,
    and the version 1 text is kept byte for byte under a backup key before the first write."""
    old = v1(
        {
            "first-call": {"status": "done", "note": "é ✓ mine", "updated": "2026-11-20T23:30:00Z"},
            "prompt-evals": {"status": "learning", "updated": "2026-11-21T08:00:00Z"},
            "retrieval": {"status": "done"},
            "tool-calling": {"updated": "2026-11-22T08:00:00Z"},
        }
    )
    result = model(
        page,
        f"""
        const old = {json.dumps(old)};
        const storage = fake({{"atlas-roadmap-progress": old}});
        const store = M.createStore({{storage: () => storage, now: clock(),
                                      today: () => "2026-11-23"}});
        const snap = store.snapshot();
        const untouched = storage.writes === 0;
        store.change("agent-loop", {{status: "skip"}});
        return {{snap, untouched, after: storage.dump()}};
        """,
    )
    assert result["untouched"], f"{STORE}: reading a version 1 store wrote to it"
    assert result["snap"]["migratedFrom"] == 1
    projects = result["snap"]["state"]["projects"]
    assert projects["first-call"] == {
        "status": "done",
        "note": "é ✓ mine",
        "updated": "2026-11-20T23:30:00Z",
        "done": {"on": "2026-11-20", "by": "hand"},
    }
    assert projects["prompt-evals"] == {"status": "learning", "updated": "2026-11-21T08:00:00Z"}
    assert projects["retrieval"] == {"status": "done"}, "done with no day: no review schedule"
    assert projects["tool-calling"] == {"updated": "2026-11-22T08:00:00Z"}
    after = result["after"]
    backups = [k for k in after if k.startswith(KEY + "-backup-")]
    assert len(backups) == 1 and after[backups[0]] == old, f"{MODEL}: no exact backup of v1"
    written = json.loads(after[KEY])
    assert written["version"] == 2
    assert {k: v for k, v in written["projects"].items() if k != "agent-loop"} == projects
    assert written["projects"]["agent-loop"]["status"] == "skip"


def test_model_merge_newest_wins_per_project_and_keeps_notes_whole(page):
    long_note = "é" * 10000
    result = model(
        page,
        f"""
        const base = {{format: "atlas-roadmap-progress", version: 2, projects: {{
          "first-call": {{status: "done", note: {json.dumps(long_note)},
                          updated: "2026-11-23T12:00:00Z"}},
          "retrieval": {{status: "learning", updated: "2026-11-23T09:00:00Z"}},
          "tool-calling": {{status: "skip"}},
          "shipping": {{note: "only here"}}}}}};
        const incoming = {{format: "atlas-roadmap-progress", version: 2, projects: {{
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
                           version: 2, projects: {}})).reason,
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
