/* Roadmap progress, the widget view: statuses, notes and completion codes per project,
 * kept in this browser only. It starts once every part has loaded:
 *   progress-model.js    format, validation, migrations, merging (no DOM)
 *   progress-store.js    localStorage, never overwriting what it cannot read (no DOM)
 *   progress-codes.js    completion codes: their format and the field to paste one
 *   progress-reviews.js  the review schedule, the review block and the reviews due
 *   progress-panel.js    export, import, reset, set-aside copies, the problem box
 * Pages hold empty placeholders that these fill (without JavaScript they stay empty and
 * the page reads as plain text):
 *   <span class="atlas-progress" data-project="slug" data-stage="id" data-title="..."> a status control
 *   <div class="atlas-progress" data-project="slug" data-notes> status, completion code and notes
 *   <div class="atlas-stage-progress" data-stage="id" data-stage-title="...">  a stage's bar
 *   <div class="atlas-progress-panel">  overall bar, reviews due, export, import and reset
 *   <div class="atlas-review" data-project="slug">  review questions: due or not
 * Notes are saved as the reader types (after NOTE_DELAY ms) and whenever the page is left:
 * a link followed by instant navigation, a reload, a closed tab. Every text the reader
 * typed is shown with textContent, never as HTML.
 */
(function boot() {
  "use strict";
  var ns = window.AtlasProgress || {};
  if (!(ns.model && ns.createStore && ns.codes && ns.reviews && ns.panel)) {
    // Instant navigation inserts a page's scripts without waiting for each to load, so
    // this file can run before the others: wait for them (up to 5 s; if one never loads,
    // the placeholders keep their text).
    boot.tries = (boot.tries || 0) + 1;
    if (boot.tries < 100) setTimeout(boot, 50);
    return;
  }
  // Loaded only on pages with a progress placeholder (overrides/main.html), and loaded
  // again by instant navigation on each such page: set up once per page life.
  if (ns.ui) return;
  var model = ns.model;
  var store = ns.createStore();
  var NOTE_DELAY = 500;
  var STATUSES = [["not-started", "Not started"], ["learning", "Learning"], ["done", "Done"], ["skip", "Skip"]];
  var counter = 0;
  var drafts = {};   // slug -> note text typed but not yet handed to the store
  var timers = {};

  function el(tag, attributes, text) {
    var node = document.createElement(tag);
    for (var name in attributes) node.setAttribute(name, attributes[name]);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function button(text, onClick, extraClass) {
    var node = el("button", { type: "button", "class": "md-button" + (extraClass ? " " + extraClass : "") }, text);
    node.addEventListener("click", onClick);
    return node;
  }

  function all(selector) {
    return Array.prototype.slice.call(document.querySelectorAll(selector));
  }

  function announce(message) {
    all(".atlas-progress-message").forEach(function (region) { region.textContent = message; });
  }

  function entryOf(state, slug) {
    return (state && state.projects[slug]) || {};
  }

  /* Say what a refused write means for the reader. */
  function refusalText(reason) {
    if (reason === "locked") return "Nothing was saved: the progress stored in this browser cannot be read (see above).";
    if (reason === "full") return "Not saved: this browser's storage for the site is full.";
    if (reason === "blocked") return "Not saved: this browser does not let the site keep data.";
    return "Not saved.";
  }

  /* Hand every typed note to the store now (before the page is left or swapped). */
  function flushDrafts() {
    for (var slug in drafts) {
      if (!Object.prototype.hasOwnProperty.call(drafts, slug)) continue;
      clearTimeout(timers[slug]);
      var result = store.change(slug, { note: drafts[slug] });
      // A store that became unreadable meanwhile (another tab) takes nothing: the typed
      // text stays in its box and is saved once the reader sets that store aside.
      if (result.reason !== "locked") delete drafts[slug];
      showNoteState(slug, result.ok ? "Saved" : refusalText(result.reason));
    }
    refresh();
  }

  function showNoteState(slug, text) {
    all(".atlas-progress__note-state[data-project='" + slug + "']").forEach(function (node) {
      node.textContent = text;
    });
  }

  /* A status <select>; the label names the project so each control is distinct. */
  function statusControl(holder) {
    var slug = holder.getAttribute("data-project");
    var id = "atlas-status-" + slug + "-" + (++counter);
    var wrapper = el("span", { "class": "atlas-progress__status" });
    var label = el("label", { "for": id }, "Status");
    label.appendChild(el("span", { "class": "atlas-visually-hidden" }, " of " + (holder.getAttribute("data-title") || slug)));
    var select = el("select", { id: id, "data-project": slug });
    STATUSES.forEach(function (pair) { select.appendChild(el("option", { value: pair[0] }, pair[1])); });
    select.addEventListener("change", function () {
      var result = store.change(slug, { status: select.value });
      refresh();
      if (!result.ok) announce(refusalText(result.reason));
    });
    wrapper.appendChild(label);
    wrapper.appendChild(select);
    return wrapper;
  }

  function notesControl(holder) {
    var slug = holder.getAttribute("data-project");
    var id = "atlas-note-" + slug + "-" + (++counter);
    var box = el("div", { "class": "atlas-progress__notes" });
    box.appendChild(el("label", { "for": id },
      "Your notes (plain text, kept in this browser only, saved as you type)"));
    var area = el("textarea", { id: id, rows: "4", maxlength: String(model.MAX_NOTE_CHARS), "data-project": slug });
    box.appendChild(area);
    area.addEventListener("input", function () {
      drafts[slug] = area.value;
      clearTimeout(timers[slug]);
      timers[slug] = setTimeout(flushDrafts, NOTE_DELAY);
      showNoteState(slug, "Saving…");
    });
    area.addEventListener("blur", flushDrafts);
    box.appendChild(button("Save note", function () {
      drafts[slug] = area.value;
      flushDrafts();
      var snap = store.snapshot();
      if (!snap.locked && !snap.unsaved) {
        announce(area.value ? "Note saved." : "Note cleared.");
      } else {
        announce(refusalText(snap.locked ? "locked" : snap.unsaved));
      }
    }, "atlas-progress__save"));
    box.appendChild(el("span", { "class": "atlas-progress__note-state", "data-project": slug,
      style: "margin-left: 0.8em" }));
    box.appendChild(el("p", { "class": "atlas-progress__saved-heading" }, "Saved note:"));
    box.appendChild(el("p", { "class": "atlas-progress__saved", "data-project": slug }));
    box.appendChild(el("p", { "class": "atlas-progress-message", role: "status", "aria-live": "polite" }));
    return box;
  }

  function progressBar(id, text) {
    var wrapper = el("div", { "class": "atlas-progress__bar" });
    wrapper.appendChild(el("label", { "for": id, id: id + "-label" }, text));
    wrapper.appendChild(el("progress", { id: id, max: "1", value: "0", "aria-labelledby": id + "-label" }));
    return wrapper;
  }

  /* Show the stored state in every control, bar and review block on the page. */
  function refresh() {
    var snap = store.snapshot();
    var state = snap.state;
    all(".atlas-progress-problem").forEach(function (box) { ns.panel.showProblem(box, snap); });
    all(".atlas-progress__backups").forEach(function (box) { ns.panel.showBackups(box); });
    all(".atlas-progress__reviews").forEach(function (box) { ns.reviews.showDue(box, snap); });
    all(".atlas-review[data-project]").forEach(function (box) { ns.reviews.showBlock(box, snap); });
    all("select[data-project], textarea[data-project], input[data-project], .atlas-progress__save, " +
      ".atlas-progress__reset, .atlas-progress__file, .atlas-progress__code-add, .atlas-review__done")
      .forEach(function (control) { control.disabled = snap.locked; });
    // Buttons and the import label look the same disabled or not in the theme: dim them.
    all(".atlas-progress__save, .atlas-progress__reset, .atlas-progress__file + label, .atlas-progress__code-add")
      .forEach(function (node) { node.style.opacity = snap.locked ? "0.5" : ""; });
    all("select[data-project]").forEach(function (select) {
      select.value = entryOf(state, select.getAttribute("data-project")).status || "not-started";
    });
    all("textarea[data-project]").forEach(function (area) {
      var slug = area.getAttribute("data-project");
      if (snap.locked) {
        // The store cannot be read (another tab wrote a newer format, say): the box keeps
        // the text it shows, saved or not, and hands it over once the store is set aside.
        if (area.value) drafts[slug] = area.value;
      } else if (document.activeElement !== area && !(slug in drafts)) {
        area.value = entryOf(state, slug).note || "";
      }
    });
    all(".atlas-progress__saved-heading").forEach(function (node) {
      node.textContent = snap.unsaved ? "Note kept on this page only (not saved):" : "Saved note:";
    });
    all(".atlas-progress__saved").forEach(function (node) {
      var text = entryOf(state, node.getAttribute("data-project")).note || "";
      node.textContent = snap.locked ? "(cannot be read)" : text || "(none yet)";
    });
    all(".atlas-progress__done").forEach(function (node) {
      node.textContent = ns.codes.doneText(entryOf(state, node.getAttribute("data-project")));
    });
    var stages = {};
    var overall = {};
    all(".atlas-progress[data-stage]").forEach(function (holder) {
      var entry = entryOf(state, holder.getAttribute("data-project"));
      var stage = holder.getAttribute("data-stage");
      [stages[stage] = stages[stage] || {}, overall].forEach(function (t) {
        var key = entry.status === "done" ? (entry.done && entry.done.by === "check" ? "checked" : "hand")
          : entry.status === "skip" ? "skipped" : "open";
        t[key] = (t[key] || 0) + 1;
      });
    });
    all(".atlas-stage-progress").forEach(function (bar) {
      var id = bar.getAttribute("data-stage");
      showTally(bar, bar.getAttribute("data-stage-title") || id, stages[id]);
    });
    var whole = document.querySelector(".atlas-progress-panel .atlas-progress__bar");
    if (whole) showTally(whole, "Overall", overall);
  }

  /* "Overall: 3 of 10 done (2 by check, 1 by hand) (1 skipped)": skipped ones not counted. */
  function showTally(holder, name, tally) {
    tally = tally || {};
    var label = holder.querySelector("label");
    var bar = holder.querySelector("progress");
    if (!label || !bar) return;
    var checked = tally.checked || 0;
    var hand = tally.hand || 0;
    var done = checked + hand;
    var counted = done + (tally.open || 0);
    var text = name + ": " + done + " of " + counted + " done";
    if (checked) text += " (" + checked + " by check, " + hand + " by hand)";
    if (tally.skipped) text += " (" + tally.skipped + " skipped)";
    label.textContent = text;
    bar.max = Math.max(counted, 1);
    bar.value = done;
  }

  function render() {
    all(".atlas-stage-progress[data-stage]").forEach(function (holder) {
      if (holder.firstChild) return;
      var bar = progressBar("atlas-stage-" + holder.getAttribute("data-stage"), "");
      holder.appendChild(bar.firstChild);
      holder.appendChild(bar.firstChild);
      holder.classList.add("atlas-progress__bar");
    });
    all(".atlas-progress[data-project]").forEach(function (spot) {
      if (spot.getAttribute("data-ready")) return;
      spot.setAttribute("data-ready", "1");
      var full = spot.hasAttribute("data-notes");
      if (full) spot.appendChild(el("div", { "class": "atlas-progress-problem", hidden: "" }));
      spot.appendChild(statusControl(spot));
      if (full) spot.appendChild(notesControl(spot));
      if (full) spot.appendChild(ns.codes.field(spot.getAttribute("data-project"), ++counter));
    });
    all(".atlas-progress-panel").forEach(function (holder) {
      if (holder.getAttribute("data-ready")) return;
      holder.setAttribute("data-ready", "1");
      ns.panel.panel(holder);
    });
    refresh();
  }

  ns.ui = {
    store: store, el: el, button: button, announce: announce, refusalText: refusalText,
    progressBar: progressBar, refresh: refresh, flushDrafts: flushDrafts,
    dropDrafts: function () { drafts = {}; },
    next: function () { return ++counter; }
  };

  /* Material's instant navigation swaps the page without reloading scripts: document$
   * emits each new page, and location$ emits as soon as a link is followed, before the
   * swap, which is when typed notes must be handed over. */
  function start() {
    if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
      window.document$.subscribe(render);
    } else {
      render();  // the theme's bundle did not load: still draw this page
    }
    if (typeof window.location$ !== "undefined" && window.location$.subscribe) {
      window.location$.subscribe(flushDrafts);
    }
  }
  // On a first load this deferred file runs before the theme's (later, deferred) bundle,
  // which defines document$; deferred scripts all run before DOMContentLoaded.
  if (window.document$ || document.readyState === "complete") {
    start();
  } else {
    document.addEventListener("DOMContentLoaded", start);
  }
  window.addEventListener("pagehide", flushDrafts);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") flushDrafts();
  });

  /* Another tab saved: write again what its write dropped of ours (store.reconcile), then
   * show what is stored (a note being typed here is left alone). */
  window.addEventListener("storage", function (event) {
    if (event.key === model.KEY) store.reconcile();
    if (event.key === null || event.key === model.KEY || event.key.indexOf(model.BACKUP_PREFIX) === 0) {
      refresh();
    }
  });
})();
