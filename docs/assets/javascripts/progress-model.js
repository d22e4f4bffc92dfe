/* Roadmap progress, the model: the stored format, its validation, the migrations from
 * older versions, merging and changes. No DOM and no storage here (progress-store.js);
 * CONTRIBUTING.md ("The progress store") describes the format. Exposes
 * window.AtlasProgress.model.
 *
 * Version 2, stored under KEY and written by an export (which adds "exported"):
 *   {"format": "atlas-roadmap-progress", "version": 2,
 *    "projects": {"slug": {"status": "done", "note": "text",
 *                          "updated": "2026-11-23T10:04:00.000Z",
 *                          "done": {"on": "2026-11-23", "by": "check", "code": "atlas1..."},
 *                          "reviewed": {"1": "2026-11-24T08:00:00.000Z"}}}}
 * Every field of an entry is optional. "done" says when and how a project was done: "by"
 * is "check" (a completion code, progress-codes.js, whose date is "on") or "hand" (the
 * status set to done on that day). "reviewed" holds when each review round (1, 7 and 30
 * days after "on", progress-reviews.js) was done. An entry with only "updated" records that
 * the reader cleared that project, so that a merge does not bring old values back.
 */
(function (root) {
  "use strict";
  var ns = root.AtlasProgress = root.AtlasProgress || {};
  // Instant navigation runs a page's scripts again on every page it swaps in: keep the first.
  if (ns.model) return;

  var KEY = "atlas-roadmap-progress";
  var FORMAT = KEY;
  var VERSION = 2;
  var MAX_NOTE_CHARS = 10000;
  var SLUG = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
  var STATUS_VALUES = ["not-started", "learning", "done", "skip"];
  var TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;
  var ROUNDS = ["1", "7", "30"];
  var has = Object.prototype.hasOwnProperty;

  /* MIGRATIONS[n] turns a document of format version n into one of version n + 1. A store
   * or file of an older version is read through them (and the first write after that backs
   * the old text up); one of a version above VERSION is left alone (a newer site wrote it).
   * To add version 3: add MIGRATIONS[2], set VERSION = 3, make problemWith check it. */
  var MIGRATIONS = {
    // Version 2 added "done" and "reviewed". A project done in version 1 was marked by hand;
    // the day it was last changed is the best known day it was done.
    1: function (doc) {
      var projects = {};
      var old = isObject(doc.projects) ? doc.projects : {};
      for (var slug in old) {
        if (!has.call(old, slug)) continue;
        var entry = copy(old[slug]);
        if (isObject(entry) && entry.status === "done" && typeof entry.updated === "string" &&
            isDate(entry.updated.slice(0, 10))) {
          entry.done = { on: entry.updated.slice(0, 10), by: "hand" };
        }
        projects[slug] = entry;
      }
      var next = copy(doc);
      next.version = 2;
      next.projects = isObject(doc.projects) ? projects : doc.projects;
      return next;
    }
  };

  function isObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  function copy(value) {
    return value === undefined ? value : JSON.parse(JSON.stringify(value));
  }

  function isDate(text) {
    return typeof text === "string" && /^\d{4}-\d{2}-\d{2}$/.test(text) &&
      !isNaN(Date.parse(text)) && new Date(text + "T00:00:00Z").toISOString().slice(0, 10) === text;
  }

  function isTime(text) {
    return typeof text === "string" && TIMESTAMP.test(text) && !isNaN(Date.parse(text));
  }

  function emptyState() {
    return { format: FORMAT, version: VERSION, projects: {} };
  }

  /* What is wrong with one entry of the current version, or "". */
  function entryProblem(slug, entry) {
    var fields = { status: 1, note: 1, updated: 1, done: 1, reviewed: 1 };
    for (var field in entry) {
      if (!fields[field]) return "unknown field \"" + field.slice(0, 40) + "\" in \"" + slug + "\".";
    }
    if ("status" in entry && STATUS_VALUES.indexOf(entry.status) === -1) {
      return "project \"" + slug + "\" has an unknown status.";
    }
    if ("note" in entry && (typeof entry.note !== "string" || entry.note.length > MAX_NOTE_CHARS)) {
      return "the note of \"" + slug + "\" must be text of at most " + MAX_NOTE_CHARS + " characters.";
    }
    if ("updated" in entry && !isTime(entry.updated)) {
      return "\"updated\" of \"" + slug + "\" must be a time such as 2026-11-23T10:04:00Z.";
    }
    var done = entry.done;
    if ("done" in entry) {
      if (entry.status !== "done") return "\"" + slug + "\" has \"done\" but its status is not done.";
      if (!isObject(done) || !isDate(done.on) || (done.by !== "check" && done.by !== "hand") ||
          Object.keys(done).some(function (k) { return k !== "on" && k !== "by" && k !== "code"; })) {
        return "\"done\" of \"" + slug + "\" must be {\"on\": a date such as 2026-11-23, " +
          "\"by\": \"check\" or \"hand\"}.";
      }
      if (done.by === "hand" && "code" in done) return "\"" + slug + "\" was done by hand but has a code.";
      if (done.by === "check") {
        var read = ns.codes.read(done.code, slug);
        if (!read.ok) return "the completion code of \"" + slug + "\" is refused: " + read.problem;
        if (read.on !== done.on) return "the completion code of \"" + slug + "\" is for another day.";
      }
    }
    if ("reviewed" in entry) {
      var reviewed = entry.reviewed;
      if (!isObject(done) || !isObject(reviewed) || Object.keys(reviewed).some(function (k) {
        return ROUNDS.indexOf(k) === -1 || !isTime(reviewed[k]);
      })) {
        return "\"reviewed\" of \"" + slug + "\" must map review rounds (1, 7, 30) of a done " +
          "project to times.";
      }
    }
    return "";
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
    if (!isObject(projects)) return what + " has the wrong shape: \"projects\" must be an object.";
    for (var key in data) {
      if (has.call(data, key) && ["format", "version", "projects", "exported"].indexOf(key) === -1) {
        return what + " has the wrong shape: unknown field \"" + key.slice(0, 40) + "\".";
      }
    }
    for (var slug in projects) {
      if (!has.call(projects, slug)) continue;
      if (!SLUG.test(slug)) {
        return what + " has the wrong shape: \"" + slug.slice(0, 40) + "\" is not a project name.";
      }
      if (!isObject(projects[slug])) {
        return what + " has the wrong shape: project \"" + slug + "\" must be an object.";
      }
      var problem = entryProblem(slug, projects[slug]);
      if (problem) return what + " has the wrong shape: " + problem;
    }
    return "";
  }

  /* Read a parsed document of any version.
   * Returns {kind: "ok", state, migratedFrom} (migratedFrom only when a migration ran),
   * {kind: "future", version, problem} for a version above the current one, or
   * {kind: "unreadable", problem}. `options.migrations` stands in for MIGRATIONS (the tests
   * use it to try a migration from a made-up older shape). */
  function interpret(data, what, options) {
    var migrations = (options && options.migrations) || MIGRATIONS;
    what = what || "This file";
    if (!isObject(data) || data.format !== FORMAT) {
      return { kind: "unreadable", problem: problemWith(data, what) };
    }
    var version = data.version;
    if (typeof version !== "number" || Math.floor(version) !== version || version < 0) {
      return { kind: "unreadable",
        problem: what + " has no valid format version (found " + JSON.stringify(version) + ")." };
    }
    if (version > VERSION) {
      return { kind: "future", version: version,
        problem: what + " has format version " + version + "; this site reads version " + VERSION + " only." };
    }
    var doc = copy(data);
    while (doc.version < VERSION) {
      var step = migrations[doc.version];
      if (typeof step !== "function") {
        return { kind: "unreadable",
          problem: what + " has format version " + doc.version + ", which this site cannot read." };
      }
      var before = doc.version;
      doc = step(copy(doc));
      if (!isObject(doc) || doc.version !== before + 1) {
        return { kind: "unreadable", problem: "The migration from version " + before + " failed." };
      }
    }
    var problem = problemWith(doc, what);
    if (problem) return { kind: "unreadable", problem: problem };
    var result = { kind: "ok", state: { format: FORMAT, version: doc.version, projects: doc.projects } };
    if (version !== doc.version) result.migratedFrom = version;
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

  /* Apply one change to one project, stamped `at` (unstamped when `at` is empty) on the
   * local date `today`. A change holds any of: status; note; code ({code, on}, already
   * verified: the project is done by check); reviewed (a list of rounds, done now); entry
   * (a whole entry that replaces this one: an import). Returns a new state. */
  function applyChange(state, slug, changes, at, today) {
    var next = copy(state);
    var entry = "entry" in changes ? copy(changes.entry) : Object.assign({}, next.projects[slug] || {});
    var wasDone = entry.status === "done";
    if ("status" in changes) entry.status = changes.status;
    if (changes.code) {
      entry.status = "done";
      if (!entry.done || entry.done.on !== changes.code.on) delete entry.reviewed;
      entry.done = { on: changes.code.on, by: "check", code: changes.code.code };
    } else if (entry.status === "done" && !wasDone && today) {
      entry.done = { on: today, by: "hand" };
      delete entry.reviewed;
    }
    if (entry.status !== "done") {
      delete entry.done;
      delete entry.reviewed;
    }
    (changes.reviewed || []).forEach(function (round) {
      if (entry.done) (entry.reviewed = entry.reviewed || {})[round] = at;
    });
    if ("note" in changes) entry.note = changes.note;
    if (entry.status === "not-started") delete entry.status;
    if (entry.note === "") delete entry.note;
    if ("entry" in changes) {
      // an imported entry keeps its own time
    } else if (at) {
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

  ns.model = {
    KEY: KEY,
    BACKUP_PREFIX: KEY + "-backup-",
    FORMAT: FORMAT,
    VERSION: VERSION,
    MAX_NOTE_CHARS: MAX_NOTE_CHARS,
    SLUG: SLUG,
    STATUS_VALUES: STATUS_VALUES,
    ROUNDS: ROUNDS,
    MIGRATIONS: MIGRATIONS,
    isDate: isDate,
    emptyState: emptyState,
    problemWith: problemWith,
    interpret: interpret,
    parse: parse,
    merge: merge,
    applyChange: applyChange
  };
})(window);
