/* The search worker: Material's search dialog, Pagefind's index (issue 18).

   Material's theme runs its search in a web worker named in the page's __config
   ("search"); atlas/site/search.py points that at this file (minified as
   search-worker.min.js). The theme keeps everything the reader sees and uses: the
   shortcut (/, s, f), the result list, the keyboard (arrows, Enter, Escape) and the
   highlighting of the words on the page a result leads to (?h=...). This file only
   answers the theme's messages:

     SETUP (0)  the theme sends search/search_index.json, which here holds only its
                config (no documents); we answer READY at once and fetch nothing.
     QUERY (2)  the words typed; on the first one we import Pagefind's pagefind.js,
                which fetches its WebAssembly and the index chunks for those words.
     RESULT (3) what we send back: a list per page, the page first (its location
                without #) and then its sections, as Material's own worker does.

   Pagefind runs here on the worker's thread (it starts no worker of its own outside a
   window). A query runs once the reader pauses typing, and each result page costs a
   fetch of its fragment (excerpt and text), so only the first PAGES are fetched. Only
   the answer to the latest query is sent: an older one that finishes later is dropped,
   so results never go back to words the reader has replaced. */
(function () {
  "use strict";

  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;
  var PAGES = 10; /* pages whose excerpts we fetch for one query */
  var SECTIONS = 3; /* sections shown per page; the rest fold under "more on this page" */
  var PAUSE = 250; /* ms without a key press before a query runs: no fetches for "s", "st"... */

  /* The worker is <site>/assets/javascripts/search-worker.min.js. */
  var root = new URL("../../", self.location.href);
  var loading = null;
  var latest = 0;

  function pagefind() {
    if (!loading) {
      loading = import(new URL("pagefind/pagefind.js", root).href).then(function (pf) {
        return pf.options({ baseUrl: root.pathname }).then(function () {
          return pf;
        });
      });
    }
    return loading;
  }

  function escape(text) {
    return String(text)
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;");
  }

  /* A Pagefind URL (/base/map/circles/#x) as Material's index names it (map/circles/#x). */
  function location(url) {
    return url.indexOf(root.pathname) === 0 ? url.slice(root.pathname.length) : url;
  }

  /* Which typed words the page's text holds, or a word of the same stem ("stitched" for
     "stitching"), which is how Pagefind matched it: Material strikes out the missing
     ones and puts the found ones in ?h= for the page to highlight. */
  function stem(word) {
    return word.length > 5 ? word.replace(/(ing|ed|es|s|ly)$/, "") : word;
  }

  function terms(words, data) {
    var text = (data.meta.title + " " + data.content).toLowerCase();
    var found = {};
    words.forEach(function (word) {
      found[word] = text.indexOf(stem(word)) !== -1;
    });
    return found;
  }

  /* A page that holds none of the words (Pagefind also returns near misses) is left out,
     as Material's own search leaves it out. */
  function group(words, data, score) {
    var found = terms(words, data);
    if (!words.some(function (word) { return found[word]; })) return null;
    var page = {
      location: location(data.url),
      title: escape(data.meta.title || data.url),
      text: "<p>" + data.excerpt + "</p>",
      score: score,
      terms: found,
    };
    var sections = (data.sub_results || [])
      .filter(function (sub) {
        /* The page's title (its h1) is the page's own entry, not a section. */
        return sub.url.indexOf("#") !== -1 && sub.title !== data.meta.title;
      })
      .map(function (sub, i) {
        return {
          location: location(sub.url),
          title: escape(sub.title),
          text: "<p>" + sub.excerpt + "</p>",
          /* Material shows the sections that score as high as the page and folds the rest. */
          score: i < SECTIONS ? score : score / 2,
          terms: found,
        };
      });
    /* Material renders the page's own excerpt only when no section matched. */
    return [page].concat(sections);
  }

  function answer(id, items) {
    if (id === latest) self.postMessage({ type: RESULT, data: { items: items } });
  }

  function query(id, value) {
    var words = value.toLowerCase().split(/[\s\-]+/).filter(Boolean);
    if (!words.length) return answer(id, []);
    pagefind()
      .then(function (pf) {
        return pf.debouncedSearch(value, {}, PAUSE); /* null once a newer query came */
      })
      .then(function (search) {
        if (id !== latest || !search) return null;
        return Promise.all(
          search.results.slice(0, PAGES).map(function (result) {
            return result.data().then(function (data) {
              /* Material prints the score: keep it on a 0-100 scale. */
              return group(words, data, Math.round(result.score * 1000) / 10);
            });
          })
        );
      })
      .then(function (items) {
        if (items) answer(id, items.filter(Boolean));
      })
      .catch(function (error) {
        console.error("search: " + error);
        answer(id, []);
      });
  }

  self.addEventListener("message", function (event) {
    var message = event.data;
    if (message.type === SETUP) {
      self.postMessage({ type: READY });
    } else if (message.type === QUERY) {
      latest += 1;
      query(latest, String(message.data || "").trim());
    }
  });
})();
