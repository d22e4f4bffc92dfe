/* Roadmap progress, the store: reads and writes localStorage through the model
 * (progress-model.js) without ever overwriting what it cannot read. No DOM here.
 * Exposes window.AtlasProgress.createStore.
 *
 * The rules:
 * - A store the model cannot read (not JSON, the wrong shape, or a format version it does
 *   not know, such as one written by a newer site) is never written over. It stays
 *   byte for byte as it was until the reader chooses to set it aside (setAside copies it
 *   to a dated backup key first).
 * - Every write reads the store again and applies only this tab's changes to it, so a
 *   change saved by another tab is never discarded.
 * - A write the browser refuses (storage blocked or full) is kept in memory as pending and
 *   tried again with the next write; snapshot() reports it so the page can say so.
 * - Tabs in other processes see a write a moment later, so another tab may write on top
 *   of a store that does not hold this tab's latest change yet. This tab keeps what it
 *   wrote in the last RECENT_MS, and when another tab's write has dropped a change whose
 *   project that tab did not change later, reconcile() writes it again.
 */
(function (root) {
  "use strict";
  var ns = root.AtlasProgress = root.AtlasProgress || {};
  if (ns.createStore) return;

  function isQuotaError(error) {
    return !!error && (error.name === "QuotaExceededError" || error.code === 22 ||
      error.name === "NS_ERROR_DOM_QUOTA_REACHED");
  }

  var RECENT_MS = 5000;  // longer than another tab takes to see a write, even on a busy machine

  function localDate(date) {
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate());
  }

  /* A store on a Storage-like object.
   * options.storage: a function returning the storage (default window.localStorage; it may
   *   throw, as it does where storage is blocked). options.now: returns an ISO time.
   * options.today: returns the local date, YYYY-MM-DD. options.migrations: see interpret(). */
  function createStore(options) {
    options = options || {};
    var M = ns.model;
    var KEY = M.KEY;
    var storage = options.storage || function () { return root.localStorage; };
    var now = options.now || function () { return new Date().toISOString(); };
    var today = options.today || function () { return localDate(new Date()); };
    var pending = [];   // [{slug, changes, at, today}]: changes not yet written, in order
    var recent = [];    // the same, written in the last RECENT_MS: {slug, changes, at, today, written}
    var refusal = "";   // why the last write failed: "full" or "blocked"

    function withPending(state) {
      return pending.reduce(function (next, p) {
        return M.applyChange(next, p.slug, p.changes, p.at, p.today);
      }, state);
    }

    /* What is stored and what the page should show.
     * kind: "empty", "ok", "future", "unreadable" or "blocked" (storage cannot be read).
     * locked: true for "future" and "unreadable": nothing may be written.
     * state: the progress to show (stored plus pending), null when locked.
     * raw: the stored text, exactly. unsaved: "", "full" or "blocked". today: local date. */
    function snapshot() {
      var raw = null;
      var blocked = false;
      try {
        raw = storage().getItem(KEY);
      } catch (error) {
        blocked = true;
      }
      var found = blocked ? { kind: "blocked", state: M.emptyState() } : M.parse(raw, options);
      var locked = found.kind === "future" || found.kind === "unreadable";
      return {
        kind: found.kind,
        locked: locked,
        raw: raw,
        problem: found.problem || "",
        version: found.version,
        migratedFrom: found.migratedFrom,
        state: locked ? null : withPending(found.state),
        unsaved: pending.length ? (blocked ? "blocked" : refusal || "full") : "",
        today: today()
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
      if (!pending.length) return { ok: true, snapshot: snap };
      try {
        var place = storage();
        if (snap.migratedFrom !== undefined) backupText(place, snap.raw);
        place.setItem(KEY, JSON.stringify(snap.state));
        var written = Date.now();
        recent = recent.concat(pending.filter(function (p) { return !("entry" in p.changes); })
          .map(function (p) { return Object.assign({ written: written }, p); }));
        pending = [];
        refusal = "";
        return { ok: true, snapshot: snapshot() };
      } catch (error) {
        refusal = isQuotaError(error) ? "full" : "blocked";
        return { ok: false, reason: refusal, snapshot: snapshot() };
      }
    }

    function queue(slug, changes, at) {
      var last = pending[pending.length - 1];
      var simple = function (c) { return !c.code && !c.reviewed && !("entry" in c); };
      if (last && last.slug === slug && simple(last.changes) && simple(changes)) {
        last.changes = Object.assign({}, last.changes, changes);  // typing: one entry, not many
        last.at = at;
        last.today = today();
      } else {
        pending.push({ slug: slug, changes: changes, at: at, today: today() });
      }
    }

    /* Another tab wrote the store: write again this tab's recent changes that its write
     * dropped (it read the store before they reached it). A project that tab changed later
     * keeps its change; a store emptied on purpose (reset) stays empty. */
    function reconcile() {
      var cutoff = Date.now() - RECENT_MS;
      recent = recent.filter(function (r) { return r.written >= cutoff; });
      var snap = snapshot();
      if (snap.locked || snap.kind === "blocked" || !recent.length) return { ok: true, snapshot: snap };
      var projects = snap.state.projects;
      if (!Object.keys(projects).length) {
        recent = [];
        return { ok: true, snapshot: snap };
      }
      var dropped = recent.filter(function (r) {
        var entry = projects[r.slug];
        var later = entry && entry.updated && Date.parse(entry.updated) > Date.parse(r.at);
        if (later) return false;
        var again = M.applyChange(snap.state, r.slug, r.changes, r.at, r.today).projects[r.slug];
        return JSON.stringify(again) !== JSON.stringify(entry);
      });
      recent = recent.filter(function (r) { return dropped.indexOf(r) === -1; });
      if (!dropped.length) return { ok: true, snapshot: snap };
      dropped.forEach(function (r) { pending.push({ slug: r.slug, changes: r.changes, at: r.at, today: r.today }); });
      return flush();
    }

    /* Change a project: {status}, {note} or both. */
    function change(slug, changes) {
      if (!M.SLUG.test(slug)) return { ok: false, reason: "invalid" };
      if ("status" in changes && M.STATUS_VALUES.indexOf(changes.status) === -1) {
        return { ok: false, reason: "invalid" };
      }
      if ("note" in changes && (typeof changes.note !== "string" || changes.note.length > M.MAX_NOTE_CHARS)) {
        return { ok: false, reason: "invalid" };
      }
      if (snapshot().locked) return { ok: false, reason: "locked", snapshot: snapshot() };
      var picked = {};
      if ("status" in changes) picked.status = changes.status;
      if ("note" in changes) picked.note = changes.note;
      queue(slug, picked, now());
      return flush();
    }

    /* Record a pasted completion code for `slug`. Returns {ok, problem, code, reason};
     * nothing changes when problem is set. */
    function acceptCode(slug, text) {
      var read = ns.codes.read(text, slug, today());
      if (!read.ok) return { ok: false, problem: read.problem };
      if (snapshot().locked) return { ok: false, reason: "locked", code: read };
      queue(slug, { code: { code: read.code, on: read.on } }, now());
      var result = flush();
      return { ok: result.ok, reason: result.reason, code: read };
    }

    /* Record that the reader went through the review rounds of `slug` that are due. */
    function review(slug) {
      var snap = snapshot();
      if (snap.locked) return { ok: false, reason: "locked" };
      var due = ns.reviews.schedule(snap.state.projects[slug], snap.today);
      if (due.kind !== "due") return { ok: false, reason: "not-due" };
      queue(slug, { reviewed: due.rounds }, now());
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
      var found = M.interpret(data, "This file", options);
      if (found.kind !== "ok") return { ok: false, problem: found.problem };
      var snap = snapshot();
      if (snap.locked) return { ok: false, reason: "locked", problem: "The progress stored in this browser cannot be read." };
      var merged = M.merge(snap.state, found.state);
      var projects = found.state.projects;
      for (var slug in projects) {
        if (!Object.prototype.hasOwnProperty.call(projects, slug) || merged.kept.indexOf(slug) !== -1) continue;
        pending.push({ slug: slug, changes: { entry: projects[slug] }, at: projects[slug].updated || "" });
      }
      var result = flush();
      return { ok: result.ok, reason: result.reason, count: Object.keys(projects).length,
        kept: merged.kept };
    }

    /* Delete every status, note and set-aside copy. */
    function reset() {
      if (snapshot().locked) return { ok: false, reason: "locked" };
      pending = [];
      recent = [];
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
        place.setItem(KEY, JSON.stringify(M.emptyState()));
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
      var key = M.BACKUP_PREFIX + now();
      for (var n = 2; place.getItem(key) !== null; n++) key = M.BACKUP_PREFIX + now() + "-" + n;
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
          if (key && key.indexOf(M.BACKUP_PREFIX) === 0) found.push({ key: key, raw: place.getItem(key) });
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
      return { format: M.FORMAT, version: M.VERSION, exported: now(), projects: snap.state.projects };
    }

    return {
      snapshot: snapshot,
      change: change,
      acceptCode: acceptCode,
      review: review,
      flush: flush,
      reconcile: reconcile,
      importText: importText,
      reset: reset,
      setAside: setAside,
      backups: backups,
      exportDocument: exportDocument
    };
  }

  ns.createStore = createStore;
})(window);
