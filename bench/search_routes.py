"""The two search routes of issue 18, measured side by side on this site.

    .venv/bin/python -m bench.search_routes [--before main]

Builds, in a scratch folder, a default Material site, this site at ``--before`` (Material's
search, the whole index fetched on every first load), the same with the index cut to
page-level entries (route A), and this working tree (route B: Pagefind behind Material's
dialog, atlas/site/search.py). Serves each gzip-compressed as GitHub Pages does and prints
for each: the home page's first load (gzip bytes, requests), what a query then fetches,
what a few queries from different pages return, and the time indexing adds to a build.
Asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
import time
from pathlib import Path

from atlas.site import harness, search
from bench import measure, project

ROOT = harness.ROOT
# (words, the page they come from, what kind of text they are)
QUERIES = [
    ("stitching", "map/circles/", "prose inside a section"),
    ("retraining schedule", "scenarios/scaling/", "a heading"),
    ("hallucination", "glossary/", "a glossary term"),
    ("Medium", "sources/", "a word only the sources page has"),
    ("ModelUnreachable", "scenarios/use-a-real-model/", "inline code"),
]


def kb(n: int) -> str:
    return f"{n / 1000:.1f} KB"


def snapshot_of(ref: str, target: Path) -> Path:
    """The project at git ``ref``, as a repository of its own (the dates plugin reads git)."""
    target.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "archive", "--format=tar", ref], cwd=ROOT, check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    git = ["git", "-c", "user.name=atlas", "-c", "user.email=atlas@example.invalid"]
    subprocess.run([*git, "init", "-q", "-b", "main"], cwd=target, check=True)
    subprocess.run([*git, "add", "-A"], cwd=target, check=True)
    subprocess.run([*git, "commit", "-q", "-m", ref], cwd=target, check=True)
    return target


def page_level_only(site_dir: Path) -> None:
    """Route A: keep only the index's page entries (the text before a page's first heading)."""
    path = site_dir / "search" / "search_index.json"
    data = json.loads(path.read_text())
    data["docs"] = [d for d in data["docs"] if "#" not in d["location"]]
    path.write_text(json.dumps(data, separators=(",", ":")))


def build(source: Path, site_dir: Path, url: str) -> float:
    start = time.perf_counter()
    result = harness.build(source, site_dir, site_url=url)
    if result.returncode != 0:
        raise SystemExit(f"build of {source} failed:\n{result.stdout[-3000:]}")
    return time.perf_counter() - start


def query_load(browser, base: str, words: str) -> tuple[measure.Load, list[str]]:
    """Open the home page, wait, search ``words`` with the theme's shortcut: what the query
    fetched (after the first load) and the first result links."""
    context = browser.new_context()
    finished, third_party = measure._record(context)
    page = context.new_page()
    page.goto(base, wait_until="networkidle")
    page.wait_for_timeout(500)
    page.wait_for_load_state("networkidle")
    finished.clear()
    page.keyboard.press("/")
    page.locator("input.md-search__input").press_sequentially(words, delay=150)  # a quick typist
    page.wait_for_timeout(2000)
    page.wait_for_load_state("networkidle")
    links = [
        item.locator("a").first.get_attribute("href").replace(base, "").split("?")[0]
        for item in page.locator(".md-search-result__item").all()
    ]
    meta = page.locator(".md-search-result__meta").inner_text()
    load = measure.Load(measure._sizes(finished), list(third_party))
    context.close()
    return load, [meta, *links]


def report(name: str, browser, base: str, default_total: int) -> None:
    load = measure.first_load(browser, base)
    total = load.transferred()
    index = load.transferred() - load.transferred(without="search/search_index.json")
    print(f"\n{name}")
    print(
        f"  home first load: {kb(total)} ({total / default_total:.2f}x default), "
        f"{load.requests} requests, search index {kb(index)}"
    )
    for words, target, kind in QUERIES:
        fetched, results = query_load(browser, base, words)
        found = "found" if target in results[1:4] else "NOT in the first 3"
        print(
            f"  {words!r} ({kind}, /{target}): {found}; {results[0]}; the query fetched "
            f"{kb(fetched.transferred())} in {fetched.requests} requests; "
            f"first: {', '.join(results[1:4]) or '-'}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", default="main", help="git ref with Material's search")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with (
        tempfile.TemporaryDirectory(prefix="atlas-search-") as scratch,
        sync_playwright() as playwright,
    ):
        scratch = Path(scratch)
        sites = {k: scratch / k for k in ("default", "material", "route-a", "route-b")}
        for folder in sites.values():
            folder.mkdir()
        before = snapshot_of(args.before, scratch / "before")
        default_src = project.default_material(scratch / "default-src")
        with (
            harness.serve(sites["default"]) as default_base,
            harness.serve(sites["material"]) as material_base,
            harness.serve(sites["route-a"]) as a_base,
            harness.serve(sites["route-b"]) as b_base,
        ):
            build(default_src, sites["default"], default_base)
            t_material = build(before, sites["material"], material_base)
            build(before, sites["route-a"], a_base)
            page_level_only(sites["route-a"])
            t_b = build(ROOT, sites["route-b"], b_base)
            copy = scratch / "index-timing"
            subprocess.run(["cp", "-r", str(sites["route-b"]), str(copy)], check=True)
            start = time.perf_counter()
            search.index(copy)
            t_index = time.perf_counter() - start
            browser = harness.launch(playwright, harness.chromium_path())
            default_load = measure.first_load(browser, default_base)
            d_total = default_load.transferred()
            print(
                f"default Material home first load: {kb(d_total)}, {default_load.requests} requests"
            )
            print(f"goal: at most 1.25x = {kb(int(d_total * 1.25))}")
            report(f"Material's search as at {args.before}", browser, material_base, d_total)
            report("route A: Material's index, page-level entries only", browser, a_base, d_total)
            report("route B: Pagefind behind Material's dialog", browser, b_base, d_total)
            browser.close()
        print(
            f"\nbuild (one clean strict build, cold notebook cache): {args.before} "
            f"{t_material:.1f} s, route B {t_b:.1f} s; Pagefind's indexing alone {t_index:.2f} s"
        )


if __name__ == "__main__":
    main()
