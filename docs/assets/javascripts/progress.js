/* Roadmap progress, the view: statuses and notes per project, kept in this browser only.
 * Storage, validation, migration and merging live in progress-store.js (loaded first).
 *
 * Pages hold empty placeholders that this script fills (without JavaScript they stay
 * empty and the page reads as plain text):
 *   <span class="atlas-progress" data-project="slug" data-stage="id" data-title="..."> a status control
 *   <div class="atlas-progress" data-project="slug" data-notes> status control and a notes box
 *   <div class="atlas-stage-progress" data-stage="id" data-stage-title="...">  a progress bar for a stage
 *   <div class="atlas-progress-panel">  overall bar, export, import and reset
 * Notes are saved as the reader types (after a pause of NOTE_DELAY ms) and whenever the
 * page is left: a link followed by instant navigation, a reload, a closed tab.
 * When the stored progress cannot be read, or cannot be saved, the page says so in a box
 * of its own (class atlas-progress-problem) and offers to download what is there.
 * Every text the reader typed is shown with textContent, never as HTML.
 */
(function boot() {
  "use strict";

  var model = window.AtlasProgressStore;
  if (!model) {
    // Instant navigation inserts a page's scripts without waiting for each to load, so
    // this file can run before progress-store.js: wait for it (up to 5 s; if it never
    // loads, the placeholders keep their text).
    boot.tries = (boot.tries || 0) + 1;
    if (boot.tries < 100) setTimeout(boot, 50);
    return;
  }
  // Loaded only on pages with a progress placeholder (overrides/main.html), and loaded
  // again by instant navigation on each such page: set up once per page life.
  if (window.AtlasProgressView) return;
  window.AtlasProgressView = true;
  var store = model.createStore();
  var MAX_IMPORT_BYTES = 100 * 1024;
  var NOTE_DELAY = 500;
  var STATUSES = [
    ["not-started", "Not started"],
    ["learning", "Learning"],
    ["done", "Done"],
    ["skip", "Skip"]
  ];
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

  function announce(message) {
    var regions = document.querySelectorAll(".atlas-progress-message");
    for (var i = 0; i < regions.length; i++) regions[i].textContent = message;
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

  function update(slug, changes) {
    var result = store.change(slug, changes);
    refresh();
    return result;
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
    var states = document.querySelectorAll(".atlas-progress__note-state[data-project='" + slug + "']");
    for (var i = 0; i < states.length; i++) states[i].textContent = text;
  }

  /* A status <select>; the label names the project so each control is distinct. */
  function statusControl(holder) {
    var slug = holder.getAttribute("data-project");
    var title = holder.getAttribute("data-title") || slug;
    var id = "atlas-status-" + slug + "-" + (++counter);
    var wrapper = el("span", { "class": "atlas-progress__status" });
    var label = el("label", { "for": id }, "Status");
    var hidden = el("span", { "class": "atlas-visually-hidden" }, " of " + title);
    label.appendChild(hidden);
    var select = el("select", { id: id, "data-project": slug });
    STATUSES.forEach(function (pair) {
      select.appendChild(el("option", { value: pair[0] }, pair[1]));
    });
    select.addEventListener("change", function () {
      var result = update(slug, { status: select.value });
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
    var save = button("Save note", function () {
      drafts[slug] = area.value;
      flushDrafts();
      var snap = store.snapshot();
      if (!snap.locked && !snap.unsaved) {
        announce(area.value ? "Note saved." : "Note cleared.");
      } else {
        announce(refusalText(snap.locked ? "locked" : snap.unsaved));
      }
    }, "atlas-progress__save");
    box.appendChild(save);
    box.appendChild(el("span", { "class": "atlas-progress__note-state", "data-project": slug,
      style: "margin-left: 0.8em" }));
    box.appendChild(el("p", { "class": "atlas-progress__saved-heading" }, "Saved note:"));
    box.appendChild(el("p", { "class": "atlas-progress__saved", "data-project": slug }));
    box.appendChild(el("p", { "class": "atlas-progress-message", role: "status", "aria-live": "polite" }));
    return box;
  }

  function progressBar(id, text) {
    var wrapper = el("div", { "class": "atlas-progress__bar" });
    var label = el("label", { "for": id, id: id + "-label" }, text);
    var bar = el("progress", { id: id, max: "1", value: "0", "aria-labelledby": id + "-label" });
    wrapper.appendChild(label);
    wrapper.appendChild(bar);
    return wrapper;
  }

  function panel(holder) {
    holder.textContent = "";
    holder.appendChild(el("div", { "class": "atlas-progress-problem", hidden: "" }));
    holder.appendChild(progressBar("atlas-overall", "Overall"));
    var actions = el("div", { "class": "atlas-progress__actions" });
    actions.appendChild(button("Export progress", exportState, "atlas-progress__export"));
    var importId = "atlas-import-" + (++counter);
    var importLabel = el("label", { "for": importId, "class": "md-button" }, "Import progress");
    var importInput = el("input", { type: "file", id: importId, accept: ".json,application/json",
      "class": "atlas-progress__file" });
    importInput.addEventListener("change", function () {
      if (importInput.files && importInput.files[0]) importFile(importInput.files[0]);
      importInput.value = "";
    });
    actions.appendChild(importInput);  // before its label so CSS can show the focus on it
    actions.appendChild(importLabel);
    var reset = el("button", { type: "button", "class": "md-button atlas-progress__reset" }, "Reset progress…");
    actions.appendChild(reset);
    holder.appendChild(actions);

    var confirmBox = el("div", { "class": "atlas-progress__confirm", role: "group",
      "aria-label": "Confirm reset", hidden: "" });
    confirmBox.appendChild(el("p", {}, "This deletes every status and note saved in this browser, " +
      "and any set-aside copies. Export first if you want a copy."));
    var yes = button("Yes, delete everything", function () {
      drafts = {};
      var result = store.reset();
      announce(result.ok ? "All progress and notes were deleted." : refusalText(result.reason));
      confirmBox.hidden = true;
      refresh();
      reset.focus();
    }, "md-button--primary");
    var no = button("Cancel", function () {
      confirmBox.hidden = true;
      announce("Nothing was deleted.");
      reset.focus();
    });
    confirmBox.appendChild(yes);
    confirmBox.appendChild(no);
    holder.appendChild(confirmBox);
    reset.addEventListener("click", function () {
      confirmBox.hidden = false;
      no.focus();
    });
    holder.appendChild(el("div", { "class": "atlas-progress__backups", hidden: "" }));
    holder.appendChild(el("p", { "class": "atlas-progress-message", role: "status", "aria-live": "polite" }));
  }

  function download(text, name, type) {
    var blob = new Blob([text], { type: type });
    var link = el("a", { href: URL.createObjectURL(blob), download: name });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
  }

  function looksLikeJson(text) {
    try {
      JSON.parse(text);
      return true;
    } catch (error) {
      return false;
    }
  }

  /* The stored text exactly as it is, whatever it holds. */
  function downloadRaw(raw, name) {
    name = name || "atlas-roadmap-progress-as-stored";
    var json = looksLikeJson(raw);
    download(raw, name + (json ? ".json" : ".txt"), json ? "application/json" : "text/plain");
    return name + (json ? ".json" : ".txt");
  }

  function exportState() {
    flushDrafts();
    var snap = store.snapshot();
    if (snap.locked) {
      announce("The stored text was downloaded as it is, to " + downloadRaw(snap.raw) + ".");
      return;
    }
    download(JSON.stringify(store.exportDocument(), null, 2) + "\n", "atlas-roadmap-progress.json",
      "application/json");
    announce("Progress exported to atlas-roadmap-progress.json.");
  }

  function importFile(file) {
    if (file.size > MAX_IMPORT_BYTES) {
      announce("Import refused: the file is " + Math.ceil(file.size / 1024) +
        " KB; the limit is 100 KB. Your saved progress is unchanged.");
      return;
    }
    var reader = new FileReader();
    reader.onload = function () {
      flushDrafts();
      var result = store.importText(String(reader.result));
      if (result.problem) {
        announce("Import refused: " + result.problem + " Your saved progress is unchanged.");
        return;
      }
      refresh();
      var text = "Imported progress for " + result.count + " projects.";
      if (result.kept.length) {
        text += " " + result.kept.length + " of them changed more recently in this browser, so " +
          "those were kept as they are here (" + result.kept.join(", ") + ").";
      }
      if (!result.ok) text += " " + refusalText(result.reason);
      announce(text);
    };
    reader.onerror = function () {
      announce("Import refused: the file could not be read. Your saved progress is unchanged.");
    };
    reader.readAsText(file);
  }

  /* The box that says what is wrong with the stored progress, with what the reader can do.
   * Rebuilt only when what it says changes, so that focus is not lost on every refresh. */
  function showProblem(holder, snap) {
    var what = snap.locked ? snap.kind + ":" + snap.problem
      : snap.kind === "blocked" ? "blocked" : snap.unsaved ? "unsaved:" + snap.unsaved : "";
    if (holder.getAttribute("data-showing") === what) return;
    holder.setAttribute("data-showing", what);
    holder.textContent = "";
    holder.hidden = !what;
    holder.className = "atlas-progress-problem" + (what ? " admonition warning" : "");
    if (!what) return;
    var title;
    var lines;
    var actions = el("div", { "class": "atlas-progress__actions" });
    if (snap.locked) {
      title = snap.kind === "future" ? "Progress saved by a newer version of this site"
        : "The progress saved in this browser cannot be read";
      lines = [
        snap.kind === "future"
          ? "This browser holds roadmap progress in format version " + snap.version +
            ", written by a newer version of this site. This page reads version " + model.VERSION +
            " only, so it cannot show it."
          : "This browser holds roadmap progress that this page cannot read. " + snap.problem,
        "Nothing was changed: the stored text is kept exactly as it was, and the controls " +
          "are read-only so that nothing overwrites it.",
        "Download it to keep a copy" + (snap.kind === "future"
          ? " (the newer site can import it)." : " (you can mend it by hand and import it).") +
          " To track progress here again, set it aside: it stays in this browser as a backup, " +
          "listed on the roadmap overview, and tracking starts afresh."
      ];
      actions.appendChild(button("Download the stored text", function () {
        var now = store.snapshot();
        if (now.raw === null) return;
        announce("The stored text was downloaded as it is, to " + downloadRaw(now.raw) + ".");
      }));
      actions.appendChild(button("Set it aside and start afresh", function () {
        var result = store.setAside();
        if (result.ok) {
          flushDrafts();  // a note typed while the store could not be read
          announce("The stored text was set aside under the name \u201c" + result.key +
            "\u201d; it is listed under Set-aside copies on the roadmap overview. Progress is saved again.");
        } else if (result.reason === "changed") {
          announce("Another tab changed the stored progress just now; look again before you choose.");
        } else {
          announce("It could not be set aside (" + refusalText(result.reason).replace(/^Not saved: /, "")
            .replace(/\.$/, "") + "). Nothing was changed; download the stored text to keep it.");
        }
        refresh();
      }));
    } else {
      title = "Progress cannot be saved in this browser";
      lines = [
        snap.kind === "blocked" || snap.unsaved === "blocked"
          ? "This browser does not let the site keep data (its storage is blocked, as in some private windows)."
          : "The browser refused to save your latest change: its storage for this site is full.",
        "Statuses and notes you set now are kept only until this tab is closed or reloaded. " +
          "Export them to a file to keep them; you can import the file later."
      ];
      actions.appendChild(button("Export progress", exportState));
    }
    holder.appendChild(el("p", { "class": "admonition-title" }, title));
    lines.forEach(function (line) { holder.appendChild(el("p", {}, line)); });
    holder.appendChild(actions);
  }

  function showBackups(holder) {
    var backups = store.backups();
    var names = backups.map(function (b) { return b.key; }).join("\n");
    if (holder.getAttribute("data-showing") === names) return;
    holder.setAttribute("data-showing", names);
    holder.textContent = "";
    holder.hidden = !backups.length;
    if (!backups.length) return;
    holder.appendChild(el("p", {}, "Set-aside copies kept in this browser (stored text this site " +
      "could not read; Reset progress deletes them):"));
    var list = el("ul", {});
    backups.forEach(function (backup) {
      var item = el("li", {});
      item.appendChild(el("code", {}, backup.key));
      item.appendChild(document.createTextNode(" "));
      item.appendChild(button("Download", function () {
        announce("Downloaded to " + downloadRaw(backup.raw, backup.key) + ".");
      }, "atlas-progress__backup-download"));
      list.appendChild(item);
    });
    holder.appendChild(list);
  }

  /* Show the stored state in every control and bar on the page. */
  function refresh() {
    var snap = store.snapshot();
    var state = snap.state;
    var problems = document.querySelectorAll(".atlas-progress-problem");
    for (var p = 0; p < problems.length; p++) showProblem(problems[p], snap);
    var backups = document.querySelectorAll(".atlas-progress__backups");
    for (var q = 0; q < backups.length; q++) showBackups(backups[q]);
    var controls = document.querySelectorAll(
      "select[data-project], textarea[data-project], .atlas-progress__save, .atlas-progress__reset, " +
      ".atlas-progress__file");
    for (var c = 0; c < controls.length; c++) controls[c].disabled = snap.locked;
    // Buttons and the import label look the same disabled or not in the theme: dim them.
    var looks = document.querySelectorAll(".atlas-progress__save, .atlas-progress__reset, " +
      ".atlas-progress__file + label");
    for (var d = 0; d < looks.length; d++) looks[d].style.opacity = snap.locked ? "0.5" : "";
    var selects = document.querySelectorAll("select[data-project]");
    for (var i = 0; i < selects.length; i++) {
      var entry = entryOf(state, selects[i].getAttribute("data-project"));
      selects[i].value = entry.status || "not-started";
    }
    var notes = document.querySelectorAll("textarea[data-project]");
    for (var j = 0; j < notes.length; j++) {
      var slug = notes[j].getAttribute("data-project");
      var note = entryOf(state, slug).note || "";
      if (document.activeElement !== notes[j] && !(slug in drafts)) notes[j].value = note;
    }
    var headings = document.querySelectorAll(".atlas-progress__saved-heading");
    for (var h = 0; h < headings.length; h++) {
      headings[h].textContent = snap.unsaved ? "Note kept on this page only (not saved):" : "Saved note:";
    }
    var saved = document.querySelectorAll(".atlas-progress__saved");
    for (var k = 0; k < saved.length; k++) {
      var text = entryOf(state, saved[k].getAttribute("data-project")).note || "";
      saved[k].textContent = snap.locked ? "(cannot be read)" : text || "(none yet)";
    }
    var holders = document.querySelectorAll(".atlas-progress[data-stage]");
    var stages = {};
    var overall = { done: 0, counted: 0, skipped: 0 };
    for (var m = 0; m < holders.length; m++) {
      var stage = holders[m].getAttribute("data-stage");
      var status = entryOf(state, holders[m].getAttribute("data-project")).status || "not-started";
      var tally = stages[stage] || (stages[stage] = { done: 0, counted: 0, skipped: 0 });
      [tally, overall].forEach(function (t) {
        if (status === "skip") { t.skipped++; } else { t.counted++; }
        if (status === "done") t.done++;
      });
    }
    var bars = document.querySelectorAll(".atlas-stage-progress");
    for (var n = 0; n < bars.length; n++) {
      var id = bars[n].getAttribute("data-stage");
      showTally(bars[n], bars[n].getAttribute("data-stage-title") || id, stages[id]);
    }
    var all = document.querySelector(".atlas-progress-panel .atlas-progress__bar");
    if (all) showTally(all, "Overall", overall);
  }

  function showTally(holder, name, tally) {
    tally = tally || { done: 0, counted: 0, skipped: 0 };
    var label = holder.querySelector("label");
    var bar = holder.querySelector("progress");
    if (!label || !bar) return;
    var text = name + ": " + tally.done + " of " + tally.counted + " done";
    if (tally.skipped) text += " (" + tally.skipped + " skipped)";
    label.textContent = text;
    bar.max = Math.max(tally.counted, 1);
    bar.value = tally.done;
  }

  function render() {
    var stageBars = document.querySelectorAll(".atlas-stage-progress[data-stage]");
    for (var i = 0; i < stageBars.length; i++) {
      var holder = stageBars[i];
      if (holder.firstChild) continue;
      var bar = progressBar("atlas-stage-" + holder.getAttribute("data-stage"), "");
      holder.appendChild(bar.firstChild);
      holder.appendChild(bar.firstChild);
      holder.classList.add("atlas-progress__bar");
    }
    var holders = document.querySelectorAll(".atlas-progress[data-project]");
    for (var j = 0; j < holders.length; j++) {
      var spot = holders[j];
      if (spot.getAttribute("data-ready")) continue;
      spot.setAttribute("data-ready", "1");
      if (spot.hasAttribute("data-notes")) {
        spot.appendChild(el("div", { "class": "atlas-progress-problem", hidden: "" }));
      }
      spot.appendChild(statusControl(spot));
      if (spot.hasAttribute("data-notes")) spot.appendChild(notesControl(spot));
    }
    var panels = document.querySelectorAll(".atlas-progress-panel");
    for (var k = 0; k < panels.length; k++) {
      if (!panels[k].getAttribute("data-ready")) {
        panels[k].setAttribute("data-ready", "1");
        panel(panels[k]);
      }
    }
    refresh();
  }

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

  /* Another tab saved: show what it saved (a note being typed here is left alone). */
  window.addEventListener("storage", function (event) {
    if (event.key === null || event.key === model.KEY || event.key.indexOf(model.BACKUP_PREFIX) === 0) {
      refresh();
    }
  });
})();
