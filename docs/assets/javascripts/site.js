/* The site-wide script: the small behaviours every page needs. The build inlines it,
 * minified, at the end of every page (atlas/site/scripts.py: one request fewer), so it
 * runs before the deferred theme bundle and starts at DOMContentLoaded, when the bundle
 * has defined document$; document$ fires on the first load and after every instant
 * navigation. Widgets with more code load their own file only on the pages that hold
 * them (progress.min.js, roles.min.js: see overrides/main.html). */
(function () {
  "use strict";
  if (window.AtlasSite) return;  // loaded once per page life, whatever happens
  window.AtlasSite = true;

  /* Land on the #anchor of a link to another page.
   *
   * With instant navigation, Material 9.8 swaps in the new page but keeps the old scroll
   * position when a link to another page carries a #fragment (a citation to
   * sources.md#entry, say), and navigation.tracking then rewrites the fragment to whatever
   * heading happens to be on screen. So remember where a clicked link points, and once the
   * theme has swapped that page in (document$), scroll its target into view. */
  var pending = null;

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href*='#']") : null;
    pending = null;
    if (link && link.origin === location.origin && link.pathname !== location.pathname) {
      pending = { path: link.pathname, id: decodeURIComponent(link.hash.slice(1)) };
    }
  }, true);

  function landOnAnchor() {
    var wanted = pending;
    pending = null;
    if (!wanted || !wanted.id || location.pathname !== wanted.path) {
      return;
    }
    var target = document.getElementById(wanted.id);
    if (target) {
      requestAnimationFrame(function () {  // after the theme's own scroll handling
        target.scrollIntoView();
        history.replaceState(history.state, "", "#" + encodeURIComponent(wanted.id));
      });
    }
  }

  /* Glossary tooltips for keyboard users (owned by the map section).
   * Material shows an abbreviation's tooltip on hover and on focus, but an <abbr> cannot
   * take focus by itself. Make the first use of each term on a page focusable, so every
   * definition is reachable with Tab without adding a tab stop for every repeated word. */
  function focusableTerms() {
    var seen = new Set();
    document.querySelectorAll(".md-content abbr").forEach(function (abbr) {
      var term = abbr.textContent.trim();
      if (seen.has(term) || abbr.hasAttribute("tabindex")) return;
      seen.add(term);
      abbr.setAttribute("tabindex", "0");
    });
  }

  function run() {
    landOnAnchor();
    focusableTerms();
  }

  function start() {
    if (window.document$ && window.document$.subscribe) {
      window.document$.subscribe(run);
    } else {
      run();  // the theme's bundle did not load: the first page still gets its behaviours
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
