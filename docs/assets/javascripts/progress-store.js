/* Roadmap progress, the model: the stored format, its validation and migrations, and a
 * store that reads and writes localStorage without ever overwriting what it cannot read.
 * No DOM here: progress.js draws the page. This file loads first and exposes
 * window.AtlasProgressStore. CONTRIBUTING.md ("The progress store") describes the format.
 *
 * Stored under KEY as
 *   {"format": "atlas-roadmap-progress", "version": 1,
 *    "projects": {"slug": {"status": "done", "note": "text",
 *                          "updated": "2026-11-23T10:04:00.000Z"}}}
 * "status", "note" and "updated" are each optional; an entry with only "updated" records
 * that the reader cleared that project, so that a merge does not bring old values back.
 *
 * The rules:
 * - A store this code cannot read (not JSON, the wrong shape, or a format version it does
 *   not know, such as one written by a newer site) is never written over. It stays
 *   byte for byte as it was until the reader chooses to set it aside (setAside copies it
 *   to a dated backup key first).
 * - Every write reads the store again and applies only this tab's changes to it, so a
 *   change saved by another tab is never discarded.
 * - A write the browser refuses (storage blocked or full) is kept in memory as pending and
 *   tried again with the next write; snapshot() reports it so the page can say so.
 */
(function (root) {
  "use strict";
  // Instant navigation runs a page's scripts again on every roadmap page it swaps in:
  // keep the first model, which progress.js's store already uses.
  if (root.AtlasProgressStore) return;

  var KEY = "atlas-roadmap-progress";
  var BACKUP_PREFIX = KEY + "-backup-";
  var FORMAT = "atlas-roadmap-progress";
  var VERSION = 1;
  var MAX_NOTE_CHARS = 10000;
  var SLUG = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
  var STATUS_VALUES = ["not-started", "learning", "done", "skip"];
  var TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
  var has = Object.prototype.hasOwnProperty;

  /* MIGRATIONS[n] turns a document of format version n into one of version n + 1.
   * Version 1 is the first format, so there is none yet. To introduce version 2, add
   *     1: function (doc) { return { format: FORMAT, version: 2, projects: ... }; }
   * set VERSION = 2 and make problemWith check the version 2 shape. A store or file of
   * version 1 is then read through the migration; one of a version above VERSION is left
   * alone (a newer site wrote it). */
  var MIGRATIONS = {};

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function emptyState() {
    return { format: FORMAT, version: VERSION, projects: {} };
  }

  function copy(value) {
    return JSON.parse(JSON.stringify(value));
  }

  /* Check a document of the current version; return what is wrong, or "" when it is valid.
   * `what` starts the sentence: "This file" or "The stored text". */
  function problemWith(data, what) {
    what = what || "This file";
    if (!isObject(data) || data.format !== FORMAT) {
      return (what === "This file" ? "This is not an Atlas progress file" : what + " is not Atlas progress") +
        " (it lacks \"format\": \"" + FORMAT + "\").";
    }
    if (data.version !== VERSION) {
      return what + " has format version " + JSON.stringify(data.version) +
        "; this site reads version " + VERSION + " only.";
    }
    var projects = data.projects;
    if (!isObject(projects)) {
      return what + " has the wrong shape: \"projects\" must be an object.";
    }
    var allowed = { format: 1, version: 1, projects: 1, exported: 1 };
    for (var key in data) {
      if (has.call(data, key) && !allowed[key]) {
        return what + " has the wrong shape: unknown field \"" + key.slice(0, 40) + "\".";
      }
    }
    for (var slug in projects) {
      if (!has.call(projects, slug)) continue;
      var entry = projects[slug];
      if (!SLUG.test(slug)) {
        return what + " has the wrong shape: \"" + slug.slice(0, 40) + "\" is not a project name.";
      }
      if (!isObject(entry)) {
        return what + " has the wrong shape: project \"" + slug + "\" must be an object.";
      }
      for (var field in entry) {
        if (field !== "status" && field !== "note" && field !== "updated") {
          return what + " has the wrong shape: unknown field \"" + field.slice(0, 40) + "\" in \"" + slug + "\".";
        }
      }
      if ("status" in entry && STATUS_VALUES.indexOf(entry.status) === -1) {
        return what + " has the wrong shape: project \"" + slug + "\" has an unknown status.";
      }
      if ("note" in entry && (typeof entry.note !== "string" || entry.note.length > MAX_NOTE_CHARS)) {
        return what + " has the wrong shape: the note of \"" + slug + "\" must be text of at most " +
          MAX_NOTE_CHARS + " characters.";
      }
      if ("updated" in entry && !(typeof entry.updated === "string" && TIMESTAMP.test(entry.updated) &&
          !isNaN(Date.parse(entry.updated)))) {
        return what + " has the wrong shape: \"updated\" of \"" + slug + "\" must be a time such as " +
          "2026-11-23T10:04:00Z.";
      }
    }
    return "";
  }

  /* Read a parsed document of any version.
   * Returns {kind: "ok", state, migratedFrom} (migratedFrom only when a migration ran),
   * {kind: "future", version, problem} for a version above the current one, or
   * {kind: "unreadable", problem}. `options.migrations` stands in for MIGRATIONS (the tests
   * use it to try a migration from a made-up older shape). */
  function interpret(data, what, options) {
    options = options || {};
    var migrations = options.migrations || MIGRATIONS;
    var target = VERSION;
    what = what || "This file";
    if (!isObject(data) || data.format !== FORMAT) {
      return { kind: "unreadable", problem: problemWith(data, what) };
    }
    var version = data.version;
    if (typeof version !== "number" || Math.floor(version) !== version || version < 0) {
      return { kind: "unreadable",
        problem: what + " has no valid format version (found " + JSON.stringify(version) + ")." };
    }
    if (version > target) {
      return { kind: "future", version: version,
        problem: what + " has format version " + version + "; this site reads version " + target +
          " only." };
    }
    var doc = copy(data);
    var from = version;
    while (doc.version < target) {
      var step = migrations[doc.version];
      if (typeof step !== "function") {
        return { kind: "unreadable",
          problem: what + " has format version " + doc.version + ", which this site cannot read." };
      }
      var before = doc.version;
      doc = step(doc);
      if (!isObject(doc) || doc.version !== before + 1) {
        return { kind: "unreadable", problem: "The migration from version " + before + " failed." };
      }
    }
    var problem = problemWith(doc, what);
    if (problem) return { kind: "unreadable", problem: problem };
    var result = { kind: "ok", state: { format: FORMAT, version: doc.version, projects: doc.projects } };
    if (from !== doc.version) result.migratedFrom = from;
    return result;
  }

  /* Read the stored text: null means nothing is stored yet. */
  function parse(raw, options) {
    if (raw === null || raw === undefined) return { kind: "empty", state: emptyState() };
    var data;
    try {
      data = JSON.parse(raw);
    } catch (error) {
      return { kind: "unreadable", problem: "The stored text is not valid JSON." };
    }
    return interpret(data, "The stored text", options);
  }

  function time(entry) {
    var t = entry && entry.updated ? Date.parse(entry.updated) : NaN;
    return isNaN(t) ? -Infinity : t;
  }

  /* Merge two states project by project: the entry changed last wins; on a tie, or when
   * neither has a time, `incoming` wins. Returns {state, kept}: kept lists the projects
   * where `base` was newer. Entries are taken whole, so a note is never cut or mixed. */
  function merge(base, incoming) {
    var state = copy(base);
    var kept = [];
    for (var slug in incoming.projects) {
      if (!has.call(incoming.projects, slug)) continue;
      var mine = state.projects[slug];
      var theirs = incoming.projects[slug];
      if (mine && time(mine) > time(theirs)) {
        kept.push(slug);
      } else {
        state.projects[slug] = copy(theirs);
      }
    }
    return { state: state, kept: kept };
  }

  /* Apply a change ({status}, {note} or both) to one project, stamped `at` (or unstamped
   * when `at` is empty). Returns a new state; the one given is not changed. */
  function applyChange(state, slug, changes, at) {
    var next = copy(state);
    var entry = Object.assign({}, next.projects[slug] || {});
    if ("status" in changes) entry.status = changes.status;
    if ("note" in changes) entry.note = changes.note;
    if (entry.status === "not-started") delete entry.status;
    if (entry.note === "") delete entry.note;
    if (at) {
      entry.updated = at;
    } else {
      delete entry.updated;
    }
    if (Object.keys(entry).length) {
      next.projects[slug] = entry;
    } else {
      delete next.projects[slug];
    }
    return next;
  }

  function isQuotaError(error) {
    return !!error && (error.name === "QuotaExceededError" || error.code === 22 ||
      error.name === "NS_ERROR_DOM_QUOTA_REACHED");
  }

  /* A store on a Storage-like object.
   * options.storage: a function returning the storage (default window.localStorage; it may
   *   throw, as it does where storage is blocked). options.now: returns an ISO time.
   * options.migrations as for interpret(). */
  function createStore(options) {
    options = options || {};
    var storage = options.storage || function () { return root.localStorage; };
    var now = options.now || function () { return new Date().toISOString(); };
    var pending = {};   // slug -> {status?, note?, at}: changes not yet written
    var refusal = "";   // why the last write failed: "full" or "blocked"

    function pendingCount() {
      return Object.keys(pending).length;
    }

    function withPending(state) {
      var next = state;
      for (var slug in pending) {
        if (has.call(pending, slug)) next = applyChange(next, slug, pending[slug], pending[slug].at);
      }
      return next;
    }

    /* What is stored and what the page should show.
     * kind: "empty", "ok", "future", "unreadable" or "blocked" (storage cannot be read).
     * locked: true for "future" and "unreadable": nothing may be written.
     * state: the progress to show (stored plus pending), null when locked.
     * raw: the stored text, exactly. unsaved: "", "full" or "blocked". */
    function snapshot() {
      var raw = null;
      var blocked = false;
      try {
        raw = storage().getItem(KEY);
      } catch (error) {
        blocked = true;
      }
      var found = blocked ? { kind: "blocked", state: emptyState() } : parse(raw, options);
      var locked = found.kind === "future" || found.kind === "unreadable";
      return {
        kind: found.kind,
        locked: locked,
        raw: raw,
        problem: found.problem || "",
        version: found.version,
        migratedFrom: found.migratedFrom,
        state: locked ? null : withPending(found.state),
        unsaved: pendingCount() ? (blocked ? "blocked" : refusal || "full") : ""
      };
    }

    /* Write the pending changes onto a fresh read of the store. */
    function flush() {
      var snap = snapshot();
      if (snap.locked) return { ok: false, reason: "locked", snapshot: snap };
      if (snap.kind === "blocked") {
        refusal = "blocked";
        return { ok: false, reason: "blocked", snapshot: snapshot() };
      }
      if (!pendingCount()) return { ok: true, snapshot: snap };
      try {
        var place = storage();
        if (snap.migratedFrom !== undefined) backupText(place, snap.raw);
        place.setItem(KEY, JSON.stringify(snap.state));
        pending = {};
        refusal = "";
        return { ok: true, snapshot: snapshot() };
      } catch (error) {
        refusal = isQuotaError(error) ? "full" : "blocked";
        return { ok: false, reason: refusal, snapshot: snapshot() };
      }
    }

    function change(slug, changes) {
      if (!SLUG.test(slug)) return { ok: false, reason: "invalid" };
      if ("status" in changes && STATUS_VALUES.indexOf(changes.status) === -1) {
        return { ok: false, reason: "invalid" };
      }
      if ("note" in changes && (typeof changes.note !== "string" || changes.note.length > MAX_NOTE_CHARS)) {
        return { ok: false, reason: "invalid" };
      }
      if (snapshot().locked) return { ok: false, reason: "locked", snapshot: snapshot() };
      var entry = Object.assign({}, pending[slug] || {}, changes);
      entry.at = now();
      pending[slug] = entry;
      return flush();
    }

    /* Import the text of an exported file, merged project by project (newest wins).
     * Returns {ok, problem, count, kept, reason}. Nothing changes when problem is set. */
    function importText(text) {
      var data;
      try {
        data = JSON.parse(text);
      } catch (error) {
        return { ok: false, problem: "The file is not valid JSON." };
      }
      var found = interpret(data, "This file", options);
      if (found.kind !== "ok") return { ok: false, problem: found.problem };
      var snap = snapshot();
      if (snap.locked) return { ok: false, reason: "locked", problem: "The progress stored in this browser cannot be read." };
      var merged = merge(snap.state, found.state);
      var projects = found.state.projects;
      for (var slug in projects) {
        if (!has.call(projects, slug) || merged.kept.indexOf(slug) !== -1) continue;
        pending[slug] = {
          status: projects[slug].status || "not-started",
          note: projects[slug].note || "",
          at: projects[slug].updated || ""
        };
      }
      var result = flush();
      return { ok: result.ok, reason: result.reason, count: Object.keys(projects).length,
        kept: merged.kept };
    }

    /* Delete every status, note and set-aside copy. */
    function reset() {
      if (snapshot().locked) return { ok: false, reason: "locked" };
      pending = {};
      refusal = "";
      var place;
      try {
        place = storage();
        place.getItem(KEY);
      } catch (error) {
        return { ok: true };  // nothing can be stored, and nothing is pending any more
      }
      backups().forEach(function (backup) {
        try { place.removeItem(backup.key); } catch (error) { /* kept */ }
      });
      try {
        place.setItem(KEY, JSON.stringify(emptyState()));
        return { ok: true };
      } catch (error) {
        try {
          place.removeItem(KEY);
          return { ok: true };
        } catch (again) {
          return { ok: false, reason: isQuotaError(error) ? "full" : "blocked" };
        }
      }
    }

    function backupText(place, raw) {
      var key = BACKUP_PREFIX + now();
      for (var n = 2; place.getItem(key) !== null; n++) key = BACKUP_PREFIX + now() + "-" + n;
      place.setItem(key, raw);
      if (place.getItem(key) !== raw) throw new Error("the copy could not be verified");
      return key;
    }

    /* Move an unreadable store to a dated backup key, leaving the main key empty.
     * The copy is written and read back before the original is removed. */
    function setAside() {
      var snap = snapshot();
      if (!snap.locked) return { ok: false, reason: "readable" };
      var place;
      var key;
      try {
        place = storage();
        key = backupText(place, snap.raw);
      } catch (error) {
        try { if (key) place.removeItem(key); } catch (again) { /* nothing more to do */ }
        return { ok: false, reason: isQuotaError(error) ? "full" : "blocked" };
      }
      if (place.getItem(KEY) !== snap.raw) {
        place.removeItem(key);  // another tab wrote meanwhile: start over from what it wrote
        return { ok: false, reason: "changed" };
      }
      place.removeItem(KEY);
      return { ok: true, key: key, flushed: flush() };
    }

    /* Set-aside copies, oldest first: [{key, raw}]. */
    function backups() {
      var found = [];
      try {
        var place = storage();
        for (var i = 0; i < place.length; i++) {
          var key = place.key(i);
          if (key && key.indexOf(BACKUP_PREFIX) === 0) found.push({ key: key, raw: place.getItem(key) });
        }
      } catch (error) {
        return [];
      }
      return found.sort(function (a, b) { return a.key < b.key ? -1 : 1; });
    }

    /* The document an export writes: the progress shown, stamped with the time. */
    function exportDocument() {
      var snap = snapshot();
      if (snap.locked) return null;
      var doc = { format: FORMAT, version: VERSION, exported: now(), projects: snap.state.projects };
      return doc;
    }

    return {
      snapshot: snapshot,
      change: change,
      flush: flush,
      importText: importText,
      reset: reset,
      setAside: setAside,
      backups: backups,
      exportDocument: exportDocument
    };
  }

  root.AtlasProgressStore = {
    KEY: KEY,
    BACKUP_PREFIX: BACKUP_PREFIX,
    FORMAT: FORMAT,
    VERSION: VERSION,
    MAX_NOTE_CHARS: MAX_NOTE_CHARS,
    STATUS_VALUES: STATUS_VALUES,
    MIGRATIONS: MIGRATIONS,
    emptyState: emptyState,
    problemWith: problemWith,
    interpret: interpret,
    parse: parse,
    merge: merge,
    applyChange: applyChange,
    createStore: createStore
  };
})(window);
