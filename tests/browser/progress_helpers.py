"""What the progress tests share: the pages' controls, the store, and the model run in the
page with a fake storage object (docs/assets/javascripts/progress-*.js)."""

from __future__ import annotations

import json

from atlas.roadmap.catalogue import load

STAGES, PROJECTS = load()
FIRST, SECOND = PROJECTS[0], PROJECTS[1]
KEY = "atlas-roadmap-progress"
MODEL = "docs/assets/javascripts/progress-model.js"
STORE = "docs/assets/javascripts/progress-store.js"
VIEW = "docs/assets/javascripts/progress.js"

# What a later site could write: version 3, a note, unusual spacing and characters, so that
# "byte for byte" means something.
FUTURE = (
    '{"format":"atlas-roadmap-progress", "version":3,\n'
    '  "projects":{"first-call":{"state":"done","notes":[{"text":"Keep me: \\u00e9 — ✓ ñ"}]}},'
    '"synced":"2027-01-01"}'
)


def status(page, slug):
    return page.locator(f"select[data-project='{slug}']")


def notes(page, slug):
    return page.locator(f"textarea[data-project='{slug}']")


def raw(page) -> str | None:
    return page.evaluate("k => window.localStorage.getItem(k)", KEY)


def stored(page) -> dict:
    return json.loads(raw(page))


def write_store(page, text: str) -> None:
    """Another tab's write: ``text`` in the store, from ``page``, as a page's script would."""
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, text])


# The box that says the stored progress cannot be read or saved (one per page).
PROBLEM = ".atlas-progress-problem"


def problem(page):
    """The :data:`PROBLEM` box."""
    return page.locator(PROBLEM)


def seed(page, text: str) -> None:
    """Put `text` in the store before this tab's first page runs; once per tab, so that a
    reload shows what the page itself left there."""
    page.add_init_script(
        f"""if (!sessionStorage.getItem("seeded")) {{
          localStorage.setItem({json.dumps(KEY)}, {json.dumps(text)});
          sessionStorage.setItem("seeded", "1");
        }}"""
    )


def downloaded(page, click) -> tuple[str, bytes]:
    with page.expect_download() as info:
        click()
    download = info.value
    return download.suggested_filename, open(download.path(), "rb").read()


def document(projects: dict, version: int = 2) -> str:
    return json.dumps({"format": KEY, "version": version, "projects": projects})


# A Storage-like object the tests control: `fail` makes setItem throw, `writes` counts.
FAKE = """
function fake(initial) {
  const data = new Map(Object.entries(initial || {}));
  const s = {
    fail: "", writes: 0,
    get length() { return data.size; },
    key(i) { return [...data.keys()][i] ?? null; },
    getItem(k) { return data.has(k) ? data.get(k) : null; },
    setItem(k, v) {
      if (s.fail) throw new DOMException("test", s.fail);
      s.writes++; data.set(k, String(v));
    },
    removeItem(k) { data.delete(k); },
    dump() { return Object.fromEntries(data); },
  };
  return s;
}
function clock() {
  let t = Date.parse("2026-11-23T10:00:00Z");
  return () => new Date(t += 1000).toISOString();
}
const A = window.AtlasProgress;
const M = Object.assign({}, A.model, {createStore: A.createStore});
"""


def model(page, body: str):
    """Run `body` (a function body that returns JSON-able data) with the model loaded."""
    if not page.url.startswith("http"):
        page.goto("roadmap/")  # the model loads only on pages with progress widgets
        page.wait_for_function("window.AtlasProgress && window.AtlasProgress.ui")
    return page.evaluate(f"() => {{ {FAKE}\n{body} }}")


# A clock for the page's Date (Playwright's page.clock also fakes the timers the theme's
# instant navigation waits on, which then never starts): `new Date()` and `Date.now()` read
# the time set by the test, running on from there in real time; the setting lives in
# sessionStorage so that it survives reloads and instant navigation.
CLOCK = """(() => {
  const Real = Date, KEY = "atlas-test-clock";
  if (!sessionStorage.getItem(KEY)) sessionStorage.setItem(KEY, JSON.stringify(START));
  const now = () => { const c = JSON.parse(sessionStorage.getItem(KEY));
                      return Real.parse(c.at) + (Real.now() - c.real); };
  class Clock extends Real {
    constructor(...args) { if (args.length) { super(...args); } else { super(now()); } }
    static now() { return now(); }
  }
  window.Date = Clock;
})();"""


def start_clock(page, at: str) -> None:
    """Make the page's clock read `at` (an ISO time) from its first load on."""
    start = {"at": at, "real": 0}
    page.add_init_script(
        CLOCK.replace("START", json.dumps(start)).replace('"real": 0', '"real": Real.now()')
    )


def set_clock(page, at: str) -> None:
    """Move the page's clock to `at` (takes effect at once, and after reloads)."""
    page.evaluate(
        "at => sessionStorage.setItem('atlas-test-clock', "
        "JSON.stringify({at, real: performance.timeOrigin + performance.now()}))",
        at,
    )
