/* Roles self-check: turns the rule table on roles/self-check/ into a short form.
 *
 * The page holds the rules once, as a table inside <div class="roles-selfcheck">:
 *   | question 1 | question 2 | suggested role | roadmap entry path | why |
 * Without JavaScript the reader uses the table as it is. This script reads the table,
 * builds one group of radio buttons per question column (the options are the distinct
 * answers in that column, in table order) and, once every question is answered, shows
 * the matching row's last three cells. It adds nothing the table does not say.
 *
 * Material's instant navigation swaps pages without reloading, so the script runs on
 * every page through the theme's `document$` observable; a container it has already
 * set up is marked and skipped, which keeps repeated runs harmless.
 */
(function () {
  "use strict";

  var QUESTION_COLUMNS = 2;
  var counter = 0;

  function cellText(cell) {
    return cell.textContent.replace(/\s+/g, " ").trim();
  }

  function readRules(table) {
    var head = table.tHead && table.tHead.rows[0];
    var body = table.tBodies[0];
    if (!head || !body) {
      return null;
    }
    var headers = Array.prototype.map.call(head.cells, cellText);
    var rows = Array.prototype.map.call(body.rows, function (row) {
      return { answers: Array.prototype.slice.call(row.cells, 0, QUESTION_COLUMNS).map(cellText),
               cells: row.cells };
    });
    var options = [];
    for (var q = 0; q < QUESTION_COLUMNS; q++) {
      options.push([]);
      rows.forEach(function (rule) {
        if (options[q].indexOf(rule.answers[q]) === -1) {
          options[q].push(rule.answers[q]);
        }
      });
    }
    return { headers: headers, rows: rows, options: options };
  }

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  function showResult(form, rules, result) {
    var chosen = [];
    for (var q = 0; q < QUESTION_COLUMNS; q++) {
      var checked = form.querySelector("input[data-question='" + q + "']:checked");
      if (!checked) {
        return;
      }
      chosen.push(checked.value);
    }
    var match = rules.rows.filter(function (rule) {
      return rule.answers.every(function (answer, q) { return answer === chosen[q]; });
    })[0];
    result.textContent = "";
    if (!match) {
      result.appendChild(element("p", {}, "No rule covers this combination yet."));
      result.removeAttribute("data-role");
    } else {
      for (var c = QUESTION_COLUMNS; c < match.cells.length; c++) {
        var line = element("p", {});
        line.appendChild(element("strong", {}, rules.headers[c] + ": "));
        Array.prototype.forEach.call(match.cells[c].childNodes, function (child) {
          line.appendChild(child.cloneNode(true));
        });
        result.appendChild(line);
      }
      result.setAttribute("data-role", cellText(match.cells[QUESTION_COLUMNS]));
    }
    result.hidden = false;
  }

  function setUp(container) {
    if (container.getAttribute("data-roles-ready") === "1") {
      return;
    }
    var table = container.querySelector("table");
    var rules = table && readRules(table);
    if (!rules || rules.rows.length === 0) {
      return;
    }
    counter += 1;
    var form = element("form", { "class": "roles-selfcheck-form",
                                 "aria-label": "Which role fits me?" });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    rules.options.forEach(function (answers, q) {
      var group = element("fieldset", {});
      group.appendChild(element("legend", {}, rules.headers[q]));
      answers.forEach(function (answer, a) {
        var id = "roles-q" + counter + "-" + q + "-" + a;
        var label = element("label", { "for": id });
        var input = element("input", { type: "radio", id: id,
                                       name: "roles-q" + counter + "-" + q,
                                       value: answer, "data-question": String(q) });
        label.appendChild(input);
        label.appendChild(document.createTextNode(answer));
        group.appendChild(label);
      });
      form.appendChild(group);
    });
    var result = element("div", { "class": "roles-selfcheck-result", role: "status",
                                  "aria-live": "polite" });
    result.hidden = true;
    form.addEventListener("change", function () { showResult(form, rules, result); });
    container.insertBefore(result, container.firstChild);
    container.insertBefore(form, result);
    container.setAttribute("data-roles-ready", "1");
  }

  function run() {
    Array.prototype.forEach.call(document.querySelectorAll(".roles-selfcheck"), setUp);
  }

  // Loaded only on the self-check page (overrides/main.html), and again each time
  // instant navigation swaps that page in: subscribe once per page life.
  if (window.AtlasRolesCheck) return;
  window.AtlasRolesCheck = true;

  function start() {
    if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
      window.document$.subscribe(run);
    } else {
      run();  // the theme's bundle did not load: still make the form on this page
    }
  }
  // On a first load this deferred file runs before the theme's (later, deferred) bundle,
  // which defines document$; deferred scripts all run before DOMContentLoaded.
  if (window.document$ || document.readyState === "complete") {
    start();
  } else {
    document.addEventListener("DOMContentLoaded", start);
  }
})();
