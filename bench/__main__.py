"""Print the site's speed and size figures against its budget.

Usage: python -m bench [--quick] [--no-test]   (``make bench`` sets everything up first)

It measures and prints; it asserts nothing. Lighthouse scores on this 2-core machine vary
by several points from run to run, so each is the median of ``--runs`` runs.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import shutil
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from atlas.site import harness
from bench import tools

ROOT = harness.ROOT
# The four page types of the budget: (label, path from the site root). The first page
# that exists of each kind is measured, so the bench keeps working as pages move.
PAGE_TYPES = [
    ("home", [""]),
    ("long prose", ["roles/debates/", "map/why-people-confuse-them/", "sources/"]),
    ("code-heavy", ["scenarios/fraud-detection/", "map/side-by-side/", "glossary/"]),
    ("roadmap overview", ["roadmap/"]),
]
BUDGET_KB = 150
LIGHTHOUSE_FLAGS = " ".join(["--headless=new", "--no-sandbox", *harness.CHROMIUM_ARGS])


@dataclass
class Weight:
    requests: int
    raw: int
    gzipped: int
    third_party: int


def timed_build(project: Path = ROOT, runs: int = 3) -> tuple[float, Path]:
    """Median wall time of ``runs`` strict builds of ``project``; the last build's folder."""
    times, folder = [], Path(tempfile.mkdtemp(prefix="atlas-bench-"))
    for _ in range(runs):
        start = time.perf_counter()
        result = harness.build(project, folder)
        times.append(time.perf_counter() - start)
        if result.returncode != 0:
            raise SystemExit(f"the build failed:\n{result.stdout}")
    return statistics.median(times), folder


def disk_usage(folder: Path) -> tuple[int, int]:
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def page_weight(browser, url: str) -> Weight:
    """Everything a first visit to ``url`` fetches, as the browser sees it."""
    context = browser.new_context()
    traffic = harness.watch(context)
    bodies: list[bytes] = []
    page = context.new_page()
    page.on(
        "response",
        lambda r: bodies.append(r.body()) if harness.is_local(r.url) and r.status == 200 else None,
    )
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(500)  # the search worker fetches its index after load
    context.close()
    return Weight(
        requests=len(traffic.requests),
        raw=sum(map(len, bodies)),
        gzipped=sum(len(gzip.compress(b, compresslevel=6)) for b in bodies),
        third_party=len(traffic.third_party),
    )


def lighthouse(url: str, runs: int) -> dict[str, float]:
    """Median Lighthouse mobile scores (0-100) of ``runs`` runs against ``url``."""
    command = tools.lighthouse()
    scores: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for run in range(runs):
            report = Path(folder) / f"{run}.json"
            subprocess.run(
                [
                    command,
                    url,
                    "--quiet",
                    "--output=json",
                    f"--output-path={report}",
                    "--form-factor=mobile",
                    f"--chrome-flags={LIGHTHOUSE_FLAGS}",
                ],
                env={**harness.os.environ, "CHROME_PATH": harness.chromium_path()},
                check=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for name, category in json.loads(report.read_text())["categories"].items():
                scores.setdefault(name, []).append(category["score"] * 100)
    return {name: statistics.median(values) for name, values in scores.items()}


def tenfold_copy(folder: Path) -> Path:
    """A copy of the project whose every Markdown page exists ten times (nav generated)."""
    copy = folder / "project"
    for name in ["docs", "atlas", "includes", "hooks", "overrides", "mkdocs.yml"]:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name)
        else:
            shutil.copy2(source, copy / name)
    for page in list((copy / "docs").rglob("*.md")):
        for n in range(1, 10):
            shutil.copy2(page, page.with_name(f"{page.stem}-copy{n}.md"))
    config = (copy / "mkdocs.yml").read_text()
    config = re.sub(r"^nav:\n(?:[ -].*\n?)*", "", config, flags=re.M)  # let MkDocs list all
    config = re.sub(r"^strict: .*$", "strict: false", config, flags=re.M)
    (copy / "mkdocs.yml").write_text(config)
    return copy


def timed_make_test() -> float:
    start = time.perf_counter()
    subprocess.run(
        ["make", "test"],
        cwd=ROOT,
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def row(label: str, value: str, target: str = "") -> None:
    print(f"{label:<52} {value:<26} {target}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help="skip Lighthouse, the 10x build, Zensical and make test",
    )
    parser.add_argument("--no-test", action="store_true", help="skip timing `make test`")
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page")
    args = parser.parse_args()

    print(f"{'figure':<52} {'value':<26} target")
    build_time, folder = timed_build()
    row("strict build incl. notebooks (median of 3)", f"{build_time:.2f} s", "< 10 s")
    size, count = disk_usage(folder)
    pages = len(list(folder.rglob("index.html")))
    row("site on disk", f"{size / 1024:.0f} KiB, {count} files", f"{pages} pages")

    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright, harness.serve(folder) as base:
        browser = harness.launch(playwright)
        for label, candidates in PAGE_TYPES:
            path = next(p for p in candidates if (folder / p / "index.html").exists())
            weight = page_weight(browser, base + path)
            row(
                f"{label} /{path}: transfer raw / gzip",
                f"{weight.raw / 1024:.1f} / {weight.gzipped / 1024:.1f} KiB",
                f"< {BUDGET_KB} KB gzip",
            )
            row(
                f"{label} /{path}: requests (third-party)",
                f"{weight.requests} ({weight.third_party})",
                "third-party: 0",
            )
            if not args.quick:
                scores = lighthouse(base + path, args.runs)
                row(
                    f"{label} /{path}: Lighthouse mobile P/A/BP/SEO",
                    " / ".join(
                        f"{scores[k]:.0f}"
                        for k in ("performance", "accessibility", "best-practices", "seo")
                    ),
                    f"100 each (median of {args.runs})",
                )
        browser.close()

    if not args.quick:
        with tempfile.TemporaryDirectory() as scratch:
            copy = tenfold_copy(Path(scratch))
            tenfold_time, _ = timed_build(copy, runs=1)
        row(
            "build of a 10x-pages copy (non-strict)",
            f"{tenfold_time:.2f} s",
            f"linear: about {10 * build_time:.0f} s or less",
        )
        print()
        from bench import zensical

        zensical.main()
        if not args.no_test:
            print()
            row("make test (warm)", f"{timed_make_test():.0f} s", "< 2 min")


if __name__ == "__main__":
    main()
