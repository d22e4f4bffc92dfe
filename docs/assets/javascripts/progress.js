/* Roadmap progress: statuses and notes per project, kept in this browser only.
 *
 * Pages hold empty placeholders that this script fills (without JavaScript they stay
 * empty and the page reads as plain text):
 *   <span class="atlas-progress" data-project="slug" data-stage="id" data-title="..."> a status control
 *   <div class="atlas-progress" data-project="slug" data-notes> status control and a notes box
 *   <div class="atlas-stage-progress" data-stage="id" data-stage-title="...">  a progress bar for a stage
 *   <div class="atlas-progress-panel">  overall bar, export, import and reset
 * State lives in localStorage under STORAGE_KEY as
 *   {"format": "atlas-roadmap-progress", "version": 1,
 *    "projects": {"slug": {"status": "done", "note": "text"}}}
 * Every text the reader typed is shown with textContent, never as HTML.
 */
(function () {
  "use strict";

  var STORAGE_KEY = "atlas-roadmap-progress";
  var FORMAT = "atlas-roadmap-progress";
  var VERSION = 1;
  var MAX_IMPORT_BYTES = 100 * 1024;
  var MAX_NOTE_CHARS = 10000;
  var SLUG = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
  var STATUSES = [
    ["not-started", "Not started"],
    ["learning", "Learning"],
    ["done", "Done"],
    ["skip", "Skip"]
  ];
  var STATUS_VALUES = STATUSES.map(function (s) { return s[0]; });
  var counter = 0;

  function emptyState() {
    return { format: FORMAT, version: VERSION, projects: {} };
  }

  /* Check a parsed document; return an error message, or "" when it is valid. */
  function problemWith(data) {
    if (data === null || typeof data !== "object" || Array.isArray(data) ||
        data.format !== FORMAT) {
      return "This is not an Atlas progress file (it lacks \"format\": \"" + FORMAT + "\").";
    }
    if (data.version !== VERSION) {
      return "This file has format version " + JSON.stringify(data.version) +
        "; this site reads version " + VERSION + " only.";
    }
    var projects = data.projects;
    if (projects === null || typeof projects !== "object" || Array.isArray(projects)) {
      return "This file has the wrong shape: \"projects\" must be an object.";
    }
    var allowed = { format: 1, version: 1, projects: 1, exported: 1 };
    for (var key in data) {
      if (Object.prototype.hasOwnProperty.call(data, key) && !allowed[key]) {
        return "This file has the wrong shape: unknown field \"" + key + "\".";
      }
    }
    for (var slug in projects) {
      if (!Object.prototype.hasOwnProperty.call(projects, slug)) continue;
      var entry = projects[slug];
      if (!SLUG.test(slug)) {
        return "This file has the wrong shape: \"" + slug.slice(0, 40) + "\" is not a project name.";
      }
      if (entry === null || typeof entry !== "object" || Array.isArray(entry)) {
        return "This file has the wrong shape: project \"" + slug + "\" must be an object.";
      }
      for (var field in entry) {
        if (field !== "status" && field !== "note") {
          return "This file has the wrong shape: unknown field \"" + field + "\" in \"" + slug + "\".";
        }
      }
      if ("status" in entry && STATUS_VALUES.indexOf(entry.status) === -1) {
        return "This file has the wrong shape: project \"" + slug + "\" has an unknown status.";
      }
      if ("note" in entry && (typeof entry.note !== "string" || entry.note.length > MAX_NOTE_CHARS)) {
        return "This file has the wrong shape: the note of \"" + slug + "\" must be text of at most " +
          MAX_NOTE_CHARS + " characters.";
      }
    }
    return "";
  }

  function load() {
    var raw = null;
    try {
      raw = window.localStorage.getItem(STORAGE_KEY);
    } catch (error) {
      return emptyState();
    }
    if (!raw) return emptyState();
    try {
      var data = JSON.parse(raw);
      return problemWith(data) ? emptyState() : data;
    } catch (error) {
      return emptyState();
    }
  }

  function save(state) {
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
      return true;
    } catch (error) {
      announce("This browser does not let the page save progress (storage is blocked or full).");
      return false;
    }
  }

  function entryOf(state, slug) {
    return state.projects[slug] || {};
  }

  function update(slug, changes) {
    var state = load();
    var entry = Object.assign({}, entryOf(state, slug), changes);
    if (entry.status === "not-started") delete entry.status;
    if (entry.note === "") delete entry.note;
    if (Object.keys(entry).length) {
      state.projects[slug] = entry;
    } else {
      delete state.projects[slug];
    }
    save(state);
    refresh();
  }

  function el(tag, attributes, text) {
    var node = document.createElement(tag);
    for (var name in attributes) node.setAttribute(name, attributes[name]);
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function announce(message) {
    var regions = document.querySelectorAll(".atlas-progress-message");
    for (var i = 0; i < regions.length; i++) regions[i].textContent = message;
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
      update(slug, { status: select.value });
    });
    wrapper.appendChild(label);
    wrapper.appendChild(select);
    return wrapper;
  }

  function notesControl(holder) {
    var slug = holder.getAttribute("data-project");
    var id = "atlas-note-" + slug + "-" + (++counter);
    var box = el("div", { "class": "atlas-progress__notes" });
    box.appendChild(el("label", { "for": id }, "Your notes (plain text, kept in this browser only)"));
    var area = el("textarea", { id: id, rows: "4", maxlength: String(MAX_NOTE_CHARS), "data-project": slug });
    box.appendChild(area);
    var save = el("button", { type: "button", "class": "md-button atlas-progress__save" }, "Save note");
    save.addEventListener("click", function () {
      update(slug, { note: area.value });
      announce(area.value ? "Note saved." : "Note cleared.");
    });
    box.appendChild(save);
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
    holder.appendChild(progressBar("atlas-overall", "Overall"));
    var actions = el("div", { "class": "atlas-progress__actions" });
    var exportButton = el("button", { type: "button", "class": "md-button" }, "Export progress");
    exportButton.addEventListener("click", exportState);
    actions.appendChild(exportButton);
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
    confirmBox.appendChild(el("p", {}, "This deletes every status and note saved in this browser. " +
      "Export first if you want a copy."));
    var yes = el("button", { type: "button", "class": "md-button md-button--primary" }, "Yes, delete everything");
    var no = el("button", { type: "button", "class": "md-button" }, "Cancel");
    confirmBox.appendChild(yes);
    confirmBox.appendChild(no);
    holder.appendChild(confirmBox);
    reset.addEventListener("click", function () {
      confirmBox.hidden = false;
      no.focus();
    });
    no.addEventListener("click", function () {
      confirmBox.hidden = true;
      announce("Nothing was deleted.");
      reset.focus();
    });
    yes.addEventListener("click", function () {
      if (save(emptyState())) announce("All progress and notes were deleted.");
      confirmBox.hidden = true;
      refresh();
      reset.focus();
    });
    holder.appendChild(el("p", { "class": "atlas-progress-message", role: "status", "aria-live": "polite" }));
  }

  function exportState() {
    var state = load();
    state.exported = new Date().toISOString();
    var blob = new Blob([JSON.stringify(state, null, 2) + "\n"], { type: "application/json" });
    var link = el("a", { href: URL.createObjectURL(blob), download: "atlas-roadmap-progress.json" });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
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
      var data;
      try {
        data = JSON.parse(String(reader.result));
      } catch (error) {
        announce("Import refused: the file is not valid JSON. Your saved progress is unchanged.");
        return;
      }
      var problem = problemWith(data);
      if (problem) {
        announce("Import refused: " + problem + " Your saved progress is unchanged.");
        return;
      }
      var state = { format: FORMAT, version: VERSION, projects: data.projects };
      if (save(state)) {
        refresh();
        announce("Imported progress for " + Object.keys(data.projects).length + " projects.");
      }
    };
    reader.onerror = function () {
      announce("Import refused: the file could not be read. Your saved progress is unchanged.");
    };
    reader.readAsText(file);
  }

  /* Show the stored state in every control and bar on the page. */
  function refresh() {
    var state = load();
    var selects = document.querySelectorAll("select[data-project]");
    for (var i = 0; i < selects.length; i++) {
      var entry = entryOf(state, selects[i].getAttribute("data-project"));
      selects[i].value = entry.status || "not-started";
    }
    var notes = document.querySelectorAll("textarea[data-project]");
    for (var j = 0; j < notes.length; j++) {
      var note = entryOf(state, notes[j].getAttribute("data-project")).note || "";
      if (document.activeElement !== notes[j]) notes[j].value = note;
    }
    var saved = document.querySelectorAll(".atlas-progress__saved");
    for (var k = 0; k < saved.length; k++) {
      var text = entryOf(state, saved[k].getAttribute("data-project")).note || "";
      saved[k].textContent = text || "(none yet)";
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

  /* Material's instant navigation swaps the page without reloading scripts. */
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(render);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", render);
  } else {
    render();
  }

  window.addEventListener("storage", function (event) {
    if (event.key === STORAGE_KEY) refresh();
  });
})();
