"""Print the site's speed and size figures beside a default Material site's, and each goal
of issue 18 as met or missed.

Usage: python -m bench [--quick] [--runs N] [--no-test]   (``make bench`` sets up first)

The default site (`mkdocs new` + `theme: material`, the same pinned Material) is built
and measured in the same run, on the same server (gzip, as GitHub Pages serves), so that
ratios survive a busy machine better than absolute figures. Lighthouse figures are medians
of ``--runs`` mobile runs (5 unless told). It measures and prints; it asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from atlas.site import harness, notebook_cache
from bench import measure, project, search_routes

ROOT = harness.ROOT
KB = 1000
NOTEBOOK_PAGE = "scenarios/support-chatbot-notebook/"


def timed_build(
    source: Path, folder: Path, runs: int, url: str | None = None, clean: bool = True
) -> float:
    """Median wall time of ``runs`` strict builds of ``source`` into ``folder``.

    Clean: without the notebook cache (atlas/site/notebook_cache.py), so the notebook runs.
    """
    times = []
    for _ in range(runs):
        if clean:
            shutil.rmtree(source / notebook_cache.CACHE, ignore_errors=True)
        start = time.perf_counter()
        result = harness.build(source, folder, site_url=url)
        times.append(time.perf_counter() - start)
        if result.returncode != 0:
            raise SystemExit(f"the build of {source} failed:\n{result.stdout}")
    return statistics.median(times)


def build_profile(source: Path, folder: Path, url: str) -> dict:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "ATLAS_SITE_URL": url}
    env.setdefault("ATLAS_EDIT_URI", "https://example.invalid/atlas/edit/main/docs/")
    out = subprocess.run(
        [sys.executable, "-m", "bench.buildprofile", str(source), str(folder)],
        cwd=ROOT,
        env={**env, "PYTHONPATH": f"{ROOT}{os.pathsep}{source}"},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def pages_of(folder: Path) -> list[str]:
    """Every page's path from the site root ("" for the home page)."""
    found = []
    for p in folder.rglob("index.html"):
        rel = p.parent.relative_to(folder).as_posix()
        found.append("" if rel == "." else rel + "/")
    return sorted(found)


def kb(n: float) -> str:
    return f"{n / KB:.1f} KB"


def row(label: str, ours: str, default: str = "", ratio: str = "") -> None:
    print(f"  {label:<50} {ours:>14} {default:>14} {ratio:>8}")


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "-"


def timings(s: dict) -> str:
    return (
        f"TBT {s['tbt']:.0f} ms, CLS {s['cls']:.3f}, FCP {s['fcp']:.0f} ms, LCP {s['lcp']:.0f} ms"
    )


class Goals:
    def __init__(self) -> None:
        self.rows: list[tuple[str, str, str, bool | None]] = []

    def add(self, goal: str, value: str, target: str, met: bool | None) -> None:
        self.rows.append((goal, value, target, met))

    def print(self) -> None:
        print("\nGoals (issue 18)")
        for goal, value, target, met in self.rows:
            verdict = {True: "met", False: "MISSED", None: "not measured"}[met]
            print(f"  {verdict:<12} {goal:<46} {value:<22} target {target}")


def main() -> None:  # noqa: C901, PLR0915 - one report, read top to bottom
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick", action="store_true", help="skip Lighthouse, 10x build, serve, Zensical, tests"
    )
    parser.add_argument("--no-test", action="store_true", help="skip timing `make test`")
    parser.add_argument("--runs", type=int, default=5, help="Lighthouse runs per page (5)")
    args = parser.parse_args()
    goals = Goals()
    print(f"  {'figure':<50} {'atlas':>14} {'default':>14} {'ratio':>8}")

    from playwright.sync_api import sync_playwright

    with (
        tempfile.TemporaryDirectory(prefix="atlas-bench-") as scratch,
        sync_playwright() as playwright,
    ):
        scratch = Path(scratch)
        ours_dir, default_dir = scratch / "site", scratch / "default-site"
        ours_dir.mkdir()
        default_dir.mkdir()
        default_src = project.default_material(scratch / "default")
        with harness.serve(ours_dir) as base, harness.serve(default_dir) as default_base:
            # --- build ---------------------------------------------------------------
            default_time = timed_build(default_src, default_dir, 3)
            ours_time = timed_build(ROOT, ours_dir, 3, url=base)
            row("strict clean build, median of 3", f"{ours_time:.2f} s", f"{default_time:.2f} s")
            goals.add(
                "strict clean build incl. notebook", f"{ours_time:.2f} s", "<= 4 s", ours_time <= 4
            )
            warm_time = timed_build(ROOT, ours_dir, 3, url=base, clean=False)
            row("strict build, notebook cached (a rebuild)", f"{warm_time:.2f} s", "")
            shutil.rmtree(ROOT / notebook_cache.CACHE, ignore_errors=True)  # profile a clean one
            profile = build_profile(ROOT, scratch / "profile-site", base)
            print("  where one build's time goes (in-process; rest: Markdown, templates, files):")
            print(f"    {'python imports':<48} {profile['imports']:6.2f} s")
            print(f"    {'config and plugin loading':<48} {profile['config']:6.2f} s")
            print(f"    {'build':<48} {profile['build']:6.2f} s, of which")
            for name, seconds in profile["plugins"].items():
                if seconds >= 0.005:
                    print(f"      {name:<46} {seconds:6.2f} s")
            pages = pages_of(ours_dir)

            # --- weight ----------------------------------------------------------------
            browser = harness.launch(playwright, harness.chromium_path())
            largest = max(
                (p for p in pages if p != NOTEBOOK_PAGE),
                key=lambda p: (ours_dir / p / "index.html").stat().st_size,
            )
            measured = {"home": "", "largest page": largest, "roadmap overview": "roadmap/"}
            if NOTEBOOK_PAGE in pages:
                measured["notebook page"] = NOTEBOOK_PAGE
            default_load = measure.first_load(browser, default_base)
            loads = {label: measure.first_load(browser, base + p) for label, p in measured.items()}
            print("  first load, gzip as served (the default site has one page: its home)")
            d_no_index = default_load.transferred(without=measure.SEARCH_INDEX)
            for label, load in loads.items():
                no_index = load.transferred(without=measure.SEARCH_INDEX)
                row(
                    f"{label} /{measured[label]}: without search index",
                    kb(no_index),
                    kb(d_no_index),
                    ratio(no_index, d_no_index),
                )
                row(
                    f"{label}: with everything search fetches",
                    kb(load.transferred()),
                    kb(default_load.transferred()),
                    ratio(load.transferred(), default_load.transferred()),
                )
                row(
                    f"{label}: requests (third-party)",
                    f"{load.requests} ({len(load.third_party)})",
                    f"{default_load.requests} ({len(default_load.third_party)})",
                )
            index = next((s for u, s in loads["home"].files if measure.SEARCH_INDEX in u), 0)
            row(
                "search index alone",
                kb(index),
                kb(next((s for u, s in default_load.files if measure.SEARCH_INDEX in u), 0)),
            )
            query, _ = search_routes.query_load(browser, base, "retraining schedule")
            row(
                "a query on home then fetches (Pagefind)",
                f"{kb(query.transferred())}, {query.requests} req",
                "",
            )
            home = loads["home"]
            for name, load in (("atlas", home), ("default", default_load)):
                files = ", ".join(
                    f"{u.split('/', 3)[-1] or '/'} {kb(n)}" for u, n in sorted(load.files)
                )
                print(f"    {name} home, file by file: {files}")
            r = home.transferred(without=measure.SEARCH_INDEX) / d_no_index
            goals.add(
                "home first load w/o search index", f"{r:.2f}x default", "<= 1.05x", r <= 1.05
            )
            goals.add("home first load requests", str(home.requests), "<= 9", home.requests <= 9)
            r = home.transferred() / default_load.transferred()
            goals.add("home first load incl. search", f"{r:.2f}x default", "<= 1.25x", r <= 1.25)

            # --- instant navigation ------------------------------------------------------
            navs = {p: measure.instant_navigation(browser, base, p) for p in pages if p}
            heaviest = max(navs, key=lambda p: navs[p].transferred())
            row("instant navigation from home: heaviest page", kb(navs[heaviest].transferred()))
            row(
                f"  (/{heaviest}); median of {len(navs)} pages",
                kb(statistics.median(n.transferred() for n in navs.values())),
            )
            over = [p for p, n in navs.items() if n.transferred() > 12 * KB]
            goals.add(
                "every instant navigation transfers",
                kb(navs[heaviest].transferred()) + " max",
                "<= 12 KB",
                not over,
            )
            third = sum(len(x.third_party) for x in [*loads.values(), *navs.values()])
            goals.add("third-party requests, every page", str(third), "0", third == 0)
            browser.close()

            # --- Lighthouse --------------------------------------------------------------
            if not args.quick:
                print(
                    f"  Lighthouse mobile, median of {args.runs} (P/A/BP/SEO, TBT, CLS, FCP, LCP)"
                )
                default_lh = measure.lighthouse(default_base, args.runs)
                scores = {
                    label: measure.lighthouse(base + p, args.runs) for label, p in measured.items()
                }

                def show(s: dict) -> str:
                    return "/".join(
                        f"{s[k]:.0f}"
                        for k in ("performance", "accessibility", "best-practices", "seo")
                    )

                row("default home", "", show(default_lh))
                print("    " + " " * 48 + " " + timings(default_lh))
                for label, s in scores.items():
                    row(f"{label}", show(s), "", ratio(s["tbt"], default_lh["tbt"]))
                    print("    " + " " * 48 + " " + timings(s))
                worst = min(s["performance"] for s in scores.values())
                goals.add(
                    "Lighthouse performance, every page",
                    f"min {worst:.0f} (default {default_lh['performance']:.0f})",
                    ">= default",
                    worst >= default_lh["performance"],
                )
                goals.add(
                    "Lighthouse performance, home",
                    f"{scores['home']['performance']:.0f}",
                    "100",
                    scores["home"]["performance"] >= 100,
                )
                tbt = max(s["tbt"] for s in scores.values())
                goals.add(
                    "TBT, every page",
                    f"{tbt:.0f} ms max (default {default_lh['tbt']:.0f} ms)",
                    "<= 1.5x",
                    tbt <= 1.5 * default_lh["tbt"],
                )
                cls = max(s["cls"] for s in scores.values())
                goals.add("CLS, every page", f"{cls:.3f} max", "<= 0.02", cls <= 0.02)
                rest = min(
                    min(s[k] for k in ("accessibility", "best-practices", "seo"))
                    for s in scores.values()
                )
                goals.add(
                    "accessibility / best practices / SEO", f"min {rest:.0f}", "100", rest >= 100
                )
            else:
                for goal in (
                    "Lighthouse performance, every page",
                    "TBT, every page",
                    "CLS, every page",
                ):
                    goals.add(goal, "-", "", None)

        # --- scale and serve ------------------------------------------------------------
        if not args.quick:
            copy = project.tenfold(scratch / "tenfold")
            many = len(list((copy / "docs").rglob("*.md"))) + len(
                list((copy / "docs").rglob("*.ipynb"))
            )
            few = len(list((ROOT / "docs").rglob("*.md"))) + len(
                list((ROOT / "docs").rglob("*.ipynb"))
            )
            tenfold_time = timed_build(copy, scratch / "tenfold-site", 1)
            per_page = (tenfold_time / many) / (ours_time / few)
            row(
                f"build of {many} pages (10x, non-strict)",
                f"{tenfold_time:.2f} s",
                "",
                f"{per_page:.2f}x",
            )
            goals.add(
                "build time per page at 10x pages",
                f"{per_page:.2f}x that at 1x (notebook once)",
                "<= 1.1x",
                per_page <= 1.1,
            )
            served = project.serve_times(project.snapshot(scratch / "serve"))
            for name, seconds in served.items():
                row(f"make serve: {name}", f"{seconds:.2f} s")
            goals.add(
                "make serve ready (warm)",
                f"{served['ready (warm)']:.2f} s",
                "<= 5 s",
                served["ready (warm)"] <= 5,
            )
            goals.add(
                "make serve: an edit visible",
                f"{served['edit visible']:.2f} s",
                "<= 2 s",
                served["edit visible"] <= 2,
            )

    goals.print()
    if not args.quick:
        print()
        from bench import zensical

        zensical.main()
        if not args.no_test:
            start = time.perf_counter()
            subprocess.run(["make", "test"], cwd=ROOT, check=False, capture_output=True)
            print(f"\nmake test (warm): {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
