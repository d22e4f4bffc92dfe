"""axe-core in the browser tests: run it on a page as it is now, and read its results.

axe is injected into a page only when a test asks (once per page load), from the copy that
axe-playwright-python ships; the site itself never loads it.
"""

from __future__ import annotations

# One evaluation: wait for running animations, then run axe. A colour mid-transition (the
# theme fades its tabs out on scroll) is no real colour. (Settled, not fulfilled: a
# cancelled animation rejects; at most 1 s: some never end. No animation: no wait.)
_AXE_RUN = """async ([within, options]) => {
  if (typeof window.axe === "undefined") return null;
  await Promise.race([Promise.allSettled(document.getAnimations().map((a) => a.finished)),
                      new Promise((done) => setTimeout(done, 1000))]);
  const results = await window.axe.run(within ? {include: [[within]]} : document, options);
  const rules = [results.passes, results.violations, results.incomplete, results.inapplicable]
    .flat().map((r) => ({id: r.id, tags: r.tags}));
  return {rules, violations: results.violations.map((v) => ({id: v.id, impact: v.impact,
    help: v.help, nodes: v.nodes.slice(0, 5).map((n) => ({target: n.target}))}))};
}"""


def results(
    page, rules: list[str] | tuple[str, ...] | None = None, within: str | None = None
) -> dict:
    """Run axe-core on the page as it is now: the rules axe runs by default, or only
    ``rules`` (ids); on the whole page, or only on the elements that match the CSS
    selector ``within`` (axe fails if none does). axe is injected once per page load.
    Returns ``{"rules": [{id, tags}] of every rule that ran, "violations": [{id, impact,
    help, nodes: [{target}] (at most 5)}]}``."""
    from axe_playwright_python.base import AXE_SCRIPT

    options: dict = {"resultTypes": ["violations"]}
    if rules is not None:
        options["runOnly"] = {"type": "rule", "values": list(rules)}
    response = page.evaluate(_AXE_RUN, [within, options])
    if response is None:  # not injected into this document yet
        page.evaluate(AXE_SCRIPT)
        response = page.evaluate(_AXE_RUN, [within, options])
    return response


def describe(results: dict, impacts=("serious", "critical")) -> list[str]:
    """The violations of the given impacts in :func:`results`, one readable line each."""
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at "
        + ", ".join(str(node["target"]) for node in v["nodes"][:5])
        for v in results["violations"]
        if v["impact"] in impacts
    ]


def colour_rules(results: dict) -> list[str]:
    """The rules of a run whose outcome depends on colours (axe's own tag ``cat.color``:
    color-contrast and link-in-text-block in axe 4.12's default set)."""
    return sorted({r["id"] for r in results["rules"] if "cat.color" in r["tags"]})


def violations(page, impacts=("serious", "critical"), rules=None, within=None) -> list[str]:
    """axe-core's violations of the given impacts, one readable line each (only ``rules``,
    and only ``within`` a CSS selector, if given). A test that checks what it changed on a
    page passes ``within``: every page as built is checked whole by test_every_page."""
    return describe(results(page, rules, within), impacts)
