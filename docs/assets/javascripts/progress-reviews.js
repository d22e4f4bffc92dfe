/* Review questions: a done project's three questions (the `.atlas-review[data-project]`
 * block on its page, rendered from its course.yaml) come back 1, 7 and 30 days after the
 * day it was done. This file holds the schedule (no DOM) and its view: the state of the
 * review block on a project page, and the list of reviews due on the overview.
 * The rounds reviewed are kept in the progress store ("reviewed", progress-model.js).
 * Exposes window.AtlasProgress.reviews.
 */
(function (root) {
  "use strict";
  var ns = root.AtlasProgress = root.AtlasProgress || {};
  if (ns.reviews) return;

  function addDays(day, days) {
    var date = new Date(day + "T00:00:00Z");
    date.setUTCDate(date.getUTCDate() + days);
    return date.toISOString().slice(0, 10);
  }

  /* Where a project's reviews stand on local date `today` (YYYY-MM-DD):
   *   {kind: "none"}       not done (or done in an old version without a day)
   *   {kind: "due", rounds: ["1", "7"], round: "7", since: "2026-11-30"}  rounds due, not reviewed
   *   {kind: "waiting", round: "7", on: "2026-11-30"}  the next round and its day
   *   {kind: "complete"}   every round reviewed */
  function schedule(entry, today) {
    if (!entry || entry.status !== "done" || !entry.done) return { kind: "none" };
    var reviewed = entry.reviewed || {};
    var due = [];
    var next = null;
    ns.model.ROUNDS.forEach(function (round) {
      var on = addDays(entry.done.on, Number(round));
      if (reviewed[round]) return;
      if (on <= today) {
        due.push(round);
      } else if (!next) {
        next = { kind: "waiting", round: round, on: on };
      }
    });
    if (due.length) {
      var last = due[due.length - 1];
      return { kind: "due", rounds: due, round: last, since: addDays(entry.done.on, Number(last)) };
    }
    return next || { kind: "complete" };
  }

  function plural(n) {
    return n + (n === "1" ? " day" : " days");
  }

  /* The sentence a review block shows. */
  function describe(found, entry) {
    if (found.kind === "due") {
      return "Review due: it is " + plural(found.round) + " since you finished this project on " +
        entry.done.on + ". Answer each question from memory before you open its answer.";
    }
    if (found.kind === "waiting") {
      return "Next review on " + found.on + ", " + plural(found.round) + " after you finished this project.";
    }
    if (found.kind === "complete") return "All three reviews are done.";
    if (entry && entry.status === "done") return "This project was marked done without a date, so no reviews are scheduled.";
    return "Once this project is done (marked by hand or with its completion code), these " +
      "questions come back for review 1, 7 and 30 days later.";
  }

  /* Fill or refresh the review block `holder` from snapshot `snap`. */
  function showBlock(holder, snap) {
    var ui = ns.ui;
    var slug = holder.getAttribute("data-project");
    var box = holder.querySelector(".atlas-review__status");
    if (!box) {
      box = ui.el("div", { "class": "atlas-review__status" });
      box.appendChild(ui.el("p", { "class": "atlas-review__state", role: "status", "aria-live": "polite" }));
      box.appendChild(ui.button("Mark reviewed", function () {
        var result = ui.store.review(slug);
        ui.refresh();
        if (!result.ok && result.reason !== "not-due") {
          box.querySelector(".atlas-review__state").textContent = ui.refusalText(result.reason);
        }
      }, "atlas-review__done"));
      holder.insertBefore(box, holder.firstChild);
    }
    var entry = snap.state ? snap.state.projects[slug] : null;
    var found = snap.state ? schedule(entry, snap.today) : { kind: "locked" };
    var text = found.kind === "locked" ? "Your progress cannot be read here (see the box above), " +
      "so reviews are not tracked." : describe(found, entry);
    var state = box.querySelector(".atlas-review__state");
    if (state.textContent !== text) state.textContent = text;
    box.querySelector(".atlas-review__done").hidden = found.kind !== "due";
    holder.classList.toggle("atlas-review--due", found.kind === "due");
  }

  /* The overview's list of reviews due, from the projects listed on the page. */
  function showDue(holder, snap) {
    var due = [];
    var spots = document.querySelectorAll("span.atlas-progress[data-project]");
    for (var i = 0; i < spots.length && snap.state; i++) {
      var slug = spots[i].getAttribute("data-project");
      var found = schedule(snap.state.projects[slug], snap.today);
      var link = spots[i].parentNode.querySelector("a[href]");
      if (found.kind === "due") {
        due.push({ title: spots[i].getAttribute("data-title") || slug, round: found.round,
          href: link ? link.getAttribute("href").split("#")[0] + "#review" : "" });
      }
    }
    var names = JSON.stringify(due);
    if (holder.getAttribute("data-showing") === names) return;
    holder.setAttribute("data-showing", names);
    holder.textContent = "";
    holder.hidden = !due.length;
    if (!due.length) return;
    holder.appendChild(ns.ui.el("p", {}, "Reviews due:"));
    var list = ns.ui.el("ul", {});
    due.forEach(function (item) {
      var row = ns.ui.el("li", {});
      row.appendChild(item.href ? ns.ui.el("a", { href: item.href }, item.title) : ns.ui.el("span", {}, item.title));
      row.appendChild(document.createTextNode(" (the " + item.round + "\u2011day review)"));
      list.appendChild(row);
    });
    holder.appendChild(list);
  }

  ns.reviews = { addDays: addDays, schedule: schedule, showBlock: showBlock, showDue: showDue };
})(window);
