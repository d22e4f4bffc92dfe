/* Land on the #anchor of a link to another page.
 *
 * With instant navigation, Material 9.8 swaps in the new page but keeps the old scroll
 * position when a link to another page carries a #fragment (a citation to
 * sources.md#entry, say), and navigation.tracking then rewrites the fragment to whatever
 * heading happens to be on screen. So remember where a clicked link points, and once the
 * theme has swapped that page in (document$), scroll its target into view.
 */
(function () {
  "use strict";
  var pending = null;

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[href*='#']") : null;
    pending = null;
    if (link && link.origin === location.origin && link.pathname !== location.pathname) {
      pending = { path: link.pathname, id: decodeURIComponent(link.hash.slice(1)) };
    }
  }, true);

  document$.subscribe(function () {
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
  });
})();
