"""Print the site's speed and size figures, one line each.

Usage: python -m bench [--no-test]   (``make bench`` runs it with everything set up)
Targets these figures are read against are in README.md; nothing here passes or fails.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from tests import harness

# Pages whose weight is reported: (label, path from the site root).
PAGES = [("home", "")]


@dataclass
class Weight:
    requests: int
    raw: int
    gzipped: int
    third_party: int


def timed_build(runs: int = 3) -> tuple[float, Path]:
    """Median wall time of ``runs`` strict builds; the last build's folder."""
    times, folder = [], Path(tempfile.mkdtemp(prefix="atlas-bench-"))
    for _ in range(runs):
        start = time.perf_counter()
        result = harness.build(site_dir=folder)
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
        lambda response: (
            bodies.append(response.body())
            if harness.is_local(response.url) and response.status == 200
            else None
        ),
    )
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(500)  # the search worker fetches its index after load
    context.close()
    return Weight(
        requests=len(traffic.requests),
        raw=sum(len(b) for b in bodies),
        gzipped=sum(len(gzip.compress(b, compresslevel=6)) for b in bodies),
        third_party=len(traffic.third_party),
    )


def timed_make_test() -> float:
    start = time.perf_counter()
    subprocess.run(
        ["make", "test"],
        cwd=harness.ROOT,
        check=False,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return time.perf_counter() - start


def line(label: str, value: str) -> None:
    print(f"{label:<38} {value}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-test", action="store_true", help="skip timing `make test`")
    args = parser.parse_args()

    build_time, folder = timed_build()
    line("strict build, median of 3", f"{build_time:.2f} s")
    size, count = disk_usage(folder)
    line("site on disk", f"{size / 1024:.0f} KiB in {count} files")

    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright, harness.serve(folder) as base:
        browser = harness.launch(playwright)
        for label, path in PAGES:
            weight = page_weight(browser, base + path)
            line(
                f"{label} page transfer (raw / gzip)",
                f"{weight.raw / 1024:.1f} KiB / {weight.gzipped / 1024:.1f} KiB",
            )
            line(f"{label} page requests", str(weight.requests))
            line(f"{label} page third-party requests", str(weight.third_party))
        browser.close()

    if not args.no_test:
        line("make test (warm)", f"{timed_make_test():.0f} s")


if __name__ == "__main__":
    main()
