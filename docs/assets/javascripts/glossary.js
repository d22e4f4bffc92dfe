// Glossary tooltips for keyboard users (owned by the map section).
// Material shows an abbreviation's tooltip on hover and on focus, but an <abbr> cannot
// take focus by itself. Make the first use of each term on a page focusable, so every
// definition is reachable with Tab without adding a tab stop for every repeated word.
// document$ fires on the first load and after every instant navigation.
document$.subscribe(function () {
  var seen = new Set();
  document.querySelectorAll(".md-content abbr").forEach(function (abbr) {
    var term = abbr.textContent.trim();
    if (seen.has(term) || abbr.hasAttribute("tabindex")) return;
    seen.add(term);
    abbr.setAttribute("tabindex", "0");
  });
});
