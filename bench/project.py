"""Copies of the project to measure without touching the working tree, and the default
Material site the figures are compared with."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from atlas.loopback import free_port
from atlas.site import harness

ROOT = harness.ROOT


ONE_PAGE_ONLY = re.compile(r"^<!-- (?:project|real-model): .*-->\n", re.M)
snapshot = harness.snapshot  # the working tree as a push would have it


def tenfold(target: Path) -> Path:
    """A snapshot whose every Markdown page exists ten times (nav generated, not strict)."""
    snapshot(target)
    for page in list((target / "docs").rglob("*.md")):
        # A project's placeholders belong on its own page; a copy shows the rest of it.
        text = ONE_PAGE_ONLY.sub("", page.read_text(encoding="utf-8"))
        for n in range(1, 10):
            page.with_name(f"{page.stem}-copy{n}.md").write_text(text, encoding="utf-8")
    config = (target / "mkdocs.yml").read_text()
    config = re.sub(r"^nav:\n(?:[ -].*\n?)*", "", config, flags=re.M)  # let MkDocs list all
    config = re.sub(r"^strict: .*$", "strict: false", config, flags=re.M)
    (target / "mkdocs.yml").write_text(config)
    return target


def default_material(target: Path) -> Path:
    """`mkdocs new` with `theme: material`: the same pinned Material, nothing else."""
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "new", str(target)],
        check=True,
        capture_output=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    with (target / "mkdocs.yml").open("a") as config:
        config.write("theme:\n  name: material\n")
    return target


def _wait_for(url: str, needle: str | None, timeout: float) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if needle is None or needle in response.read().decode("utf-8", "replace"):
                    return time.perf_counter() - start
        except OSError:
            pass
        time.sleep(0.05)
    raise TimeoutError(f"{url} did not answer{' with ' + needle if needle else ''} in {timeout} s")


def serve_times(project: Path, page: str = "docs/map/circles.md") -> dict[str, float]:
    """`mkdocs serve --strict` in ``project``: seconds until the first page answers, on a
    first start and on a second (warm) one, and from saving an edit to ``page`` until the
    served page shows it."""
    results: dict[str, float] = {}
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}
    url_path = page.removeprefix("docs/").removesuffix(".md") + "/"
    for attempt in ("cold", "warm"):
        port = free_port()
        base = f"http://127.0.0.1:{port}/"
        env["ATLAS_SITE_URL"] = base
        command = [sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr"]
        began = time.perf_counter()
        server = subprocess.Popen(
            [*command, f"127.0.0.1:{port}"],
            cwd=project,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _wait_for(base, None, 120)
            results[f"ready ({attempt})"] = time.perf_counter() - began
            if attempt == "warm":
                source = project / page
                text = source.read_text()
                marker = f"benchedit{int(time.time())}"
                time.sleep(1)  # a change within the same second can be missed by the watcher
                began = time.perf_counter()
                source.write_text(text + f"\n\n{marker}\n")
                _wait_for(base + url_path, marker, 120)
                results["edit visible"] = time.perf_counter() - began
                source.write_text(text)
        finally:
            server.terminate()
            server.wait(timeout=30)
    return results
