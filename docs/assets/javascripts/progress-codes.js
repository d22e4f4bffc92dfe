/* Completion codes, as `make check` prints them (atlas/roadmap/completion.py writes the
 * same format; tests/browser/test_progress_codes.py checks that the two agree):
 *
 *   atlas1.first-call.2026-11-23.own.1a2b3c4d.9f8e7d6c
 *
 * format, project, the date the check passed, "own" or "ref" (the reference solution was
 * checked), 8 hex digits of the checked file's SHA-256, and a checksum (FNV-1a, 32 bits, of
 * the rest) that catches a mistyped or changed character. There is no server: anyone can
 * compute a code, so it shows only that a check printed it, not who ran the check.
 * Exposes window.AtlasProgress.codes.
 */
(function (root) {
  "use strict";
  var ns = root.AtlasProgress = root.AtlasProgress || {};
  if (ns.codes) return;

  var PATTERN = /^atlas1\.([a-z][a-z0-9]*(?:-[a-z0-9]+)*)\.(\d{4}-\d{2}-\d{2})\.(own|ref)\.([0-9a-f]{8})\.([0-9a-f]{8})$/;
  var EXAMPLE = "atlas1.first-call.2026-11-23.own.1a2b3c4d.432e5c3b";

  /* FNV-1a (32 bits) of an ASCII text, as 8 hex digits. */
  function checksum(body) {
    var value = 0x811c9dc5;
    for (var i = 0; i < body.length; i++) {
      value = Math.imul(value ^ body.charCodeAt(i), 0x01000193) >>> 0;
    }
    return ("0000000" + value.toString(16)).slice(-8);
  }

  /* Read a pasted code for project `slug`, on local date `today` (YYYY-MM-DD; a code dated
   * after it is refused). Returns {ok: true, code, project, on, reference, digest} or
   * {ok: false, problem}: a sentence saying what is wrong. */
  function read(text, slug, today) {
    var code = String(text || "").trim().toLowerCase();
    if (!code) return { ok: false, problem: "Paste the code that make check printed." };
    var match = PATTERN.exec(code);
    if (!match) {
      return { ok: false, problem: "This is not a completion code: one looks like " + EXAMPLE +
        " (a passing make check prints it)." };
    }
    if (checksum(code.slice(0, code.lastIndexOf("."))) !== match[5]) {
      return { ok: false, problem: "The code does not add up: its last part does not match the " +
        "rest, so a character was mistyped or changed. Copy it again from the terminal." };
    }
    if (!ns.model.isDate(match[2])) {
      return { ok: false, problem: "The code's date, " + match[2] + ", is not a real date." };
    }
    if (today && match[2] > today) {
      return { ok: false, problem: "The code's date, " + match[2] + ", is after today." };
    }
    if (slug && match[1] !== slug) {
      return { ok: false, problem: "This code is for the project \u201c" + match[1] +
        "\u201d, not this one (\u201c" + slug + "\u201d)." };
    }
    return { ok: true, code: code, project: match[1], on: match[2], reference: match[3] === "ref",
      digest: match[4] };
  }

  /* How a done project was done, in words ("" when it is not done). */
  function doneText(entry) {
    if (!entry || entry.status !== "done") return "";
    var done = entry.done;
    if (done && done.by === "check") {
      return "Check passed on " + done.on + (done.code.split(".")[3] === "ref"
        ? " (on the reference solution)." : ".");
    }
    return "Marked done by hand" + (done ? " on " + done.on : "") + ".";
  }

  /* The completion code field of a project's progress control. */
  function field(slug, counter) {
    var ui = ns.ui;
    var id = "atlas-code-" + slug + "-" + counter;
    var box = ui.el("div", { "class": "atlas-progress__code" });
    box.appendChild(ui.el("p", { "class": "atlas-progress__done", "data-project": slug }));
    var label = ui.el("label", { "for": id }, "Completion code from ");
    label.appendChild(ui.el("code", {}, "make check P=" + slug));
    box.appendChild(label);
    var row = ui.el("div", { "class": "atlas-progress__actions" });
    var input = ui.el("input", { type: "text", id: id, "data-project": slug, spellcheck: "false",
      autocomplete: "off", "class": "atlas-progress__code-input" });
    var message = ui.el("p", { "class": "atlas-progress__code-message", role: "status", "aria-live": "polite" });
    var add = ui.button("Add code", function () {
      var result = ui.store.acceptCode(slug, input.value);
      if (result.problem) {
        message.textContent = "Code refused: " + result.problem + " Your saved progress is unchanged.";
        message.setAttribute("data-verdict", "refused");
      } else if (!result.ok) {
        message.textContent = "Code read, but " + ui.refusalText(result.reason).replace(/^N/, "n");
        message.setAttribute("data-verdict", "unsaved");
      } else {
        input.value = "";
        message.textContent = "Code accepted: the check passed on " + result.code.on + ".";
        message.setAttribute("data-verdict", "accepted");
      }
      ui.refresh();
    }, "atlas-progress__code-add");
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") add.click();
    });
    row.appendChild(input);
    row.appendChild(add);
    box.appendChild(row);
    box.appendChild(message);
    box.appendChild(ui.el("p", { "class": "atlas-progress__code-note" }, "A code shows that a check " +
      "printed it, not who ran it: with no server, anyone could work one out."));
    return box;
  }

  ns.codes = { PATTERN: PATTERN, checksum: checksum, read: read, doneText: doneText, field: field };
})(window);
