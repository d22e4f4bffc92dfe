"""What a browser downloads, and what Lighthouse says, for pages of a served site."""

from __future__ import annotations

import json
import re
import statistics
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from atlas.site import harness
from bench import tools

LIGHTHOUSE_FLAGS = " ".join(["--headless=new", "--no-sandbox", *harness.CHROMIUM_ARGS])
SEARCH_INDEX = "search/search_index.json"


@dataclass
class Load:
    """Every response of one page load (or one instant navigation), as transferred."""

    files: list[tuple[str, int]] = field(default_factory=list)  # (url, bytes on the wire)
    third_party: list[str] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return len(self.files) + len(self.third_party)

    def transferred(self, without: str | None = None) -> int:
        return sum(size for url, size in self.files if without is None or without not in url)


def _record(context) -> tuple[list, list]:
    finished: list = []
    traffic = harness.watch(context)
    context.on("requestfinished", lambda request: finished.append(request))
    return finished, traffic.third_party


def _sizes(finished) -> list[tuple[str, int]]:
    # responseBodySize is the encoded size: what gzip serving puts on the wire.
    return [(r.url, r.sizes()["responseBodySize"]) for r in finished if harness.is_local(r.url)]


def first_load(browser, url: str) -> Load:
    """A first visit with an empty cache, including what the search worker fetches."""
    context = browser.new_context()
    finished, third_party = _record(context)
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(500)  # the search worker fetches its index after load
    page.wait_for_load_state("networkidle")
    load = Load(_sizes(finished), list(third_party))
    context.close()
    return load


def instant_navigation(browser, home: str, path: str) -> Load:
    """Land on the home page, then follow an in-site link to ``path`` (instant navigation):
    what that click transfers. Raises if the theme fell back to a full page load."""
    context = browser.new_context()
    finished, third_party = _record(context)
    page = context.new_page()
    page.goto(home, wait_until="networkidle")
    page.wait_for_timeout(300)
    page.wait_for_load_state("networkidle")
    finished.clear()
    third_party.clear()
    page.evaluate("window.__atlasSamePage = true")
    page.evaluate(
        """path => { const a = document.createElement('a'); a.href = path;
        a.textContent = 'go'; a.id = '__bench_link'; document.body.appendChild(a); }""",
        path,
    )
    page.click("#__bench_link")
    # navigation.tracking may add the #fragment of the heading in view
    page.wait_for_url(re.compile(re.escape(home + path) + r"(#.*)?$"), wait_until="commit")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    if not page.evaluate("window.__atlasSamePage === true"):
        raise RuntimeError(f"/{path}: the click was a full page load, not instant navigation")
    load = Load(_sizes(finished), list(third_party))
    context.close()
    return load


AUDITS = {
    "tbt": "total-blocking-time",
    "cls": "cumulative-layout-shift",
    "fcp": "first-contentful-paint",
    "lcp": "largest-contentful-paint",
}


def lighthouse(url: str, runs: int) -> dict[str, float]:
    """Medians of ``runs`` Lighthouse mobile runs: the four category scores (0-100) and
    TBT, FCP, LCP (ms) and CLS."""
    command = tools.lighthouse()
    values: dict[str, list[float]] = {}
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
            data = json.loads(report.read_text())
            for name, category in data["categories"].items():
                values.setdefault(name, []).append(category["score"] * 100)
            for name, audit in AUDITS.items():
                values.setdefault(name, []).append(data["audits"][audit]["numericValue"])
    return {name: statistics.median(v) for name, v in values.items()}
