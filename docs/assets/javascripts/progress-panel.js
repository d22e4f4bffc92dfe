/* Roadmap progress, the overview's panel and the box that says what is wrong: export,
 * import, reset, set-aside copies, and the warning shown when the stored progress cannot
 * be read or saved (on every page with a progress control). Uses the helpers and store
 * of progress.js (window.AtlasProgress.ui). Exposes window.AtlasProgress.panel.
 */
(function (root) {
  "use strict";
  var ns = root.AtlasProgress = root.AtlasProgress || {};
  if (ns.panel) return;
  var MAX_IMPORT_BYTES = 100 * 1024;
  var ui, store, el, button, announce, refusalText;

  function bind() {
    ui = ns.ui;
    store = ui.store;
    el = ui.el;
    button = ui.button;
    announce = ui.announce;
    refusalText = ui.refusalText;
  }

  function panel(holder) {
    holder.textContent = "";
    holder.appendChild(el("div", { "class": "atlas-progress-problem", hidden: "" }));
    holder.appendChild(ui.progressBar("atlas-overall", "Overall"));
    holder.appendChild(el("div", { "class": "atlas-progress__reviews", hidden: "" }));
    var actions = el("div", { "class": "atlas-progress__actions" });
    actions.appendChild(button("Export progress", exportState, "atlas-progress__export"));
    var importId = "atlas-import-" + ui.next();
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
    confirmBox.appendChild(el("p", {}, "This deletes every status, note, completion code and review saved in this browser, " +
      "and any set-aside copies. Export first if you want a copy."));
    var yes = button("Yes, delete everything", function () {
      ui.dropDrafts();
      var result = store.reset();
      announce(result.ok ? "All progress and notes were deleted." : refusalText(result.reason));
      confirmBox.hidden = true;
      ui.refresh();
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
    ui.flushDrafts();
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
      ui.flushDrafts();
      var result = store.importText(String(reader.result));
      if (result.problem) {
        announce("Import refused: " + result.problem + " Your saved progress is unchanged.");
        return;
      }
      ui.refresh();
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
            ", written by a newer version of this site. This page reads version " + ns.model.VERSION +
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
          ui.flushDrafts();  // a note typed while the store could not be read
          announce("The stored text was set aside under the name \u201c" + result.key +
            "\u201d; it is listed under Set-aside copies on the roadmap overview. Progress is saved again.");
        } else if (result.reason === "changed") {
          announce("Another tab changed the stored progress just now; look again before you choose.");
        } else {
          announce("It could not be set aside (" + refusalText(result.reason).replace(/^Not saved: /, "")
            .replace(/\.$/, "") + "). Nothing was changed; download the stored text to keep it.");
        }
        ui.refresh();
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

  ns.panel = {
    panel: function (holder) { bind(); panel(holder); },
    showProblem: function (holder, snap) { bind(); showProblem(holder, snap); },
    showBackups: function (holder) { bind(); showBackups(holder); }
  };
})(window);
