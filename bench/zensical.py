"""Build the site with Zensical, Material's announced successor, and say what it lacks.

Usage: python -m bench.zensical   (``make zensical``). Zensical is 0.x: this reports,
it never fails. The build goes to .zensical-site/ (Zensical wants it inside the project).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from pathlib import Path

from atlas.site import harness
from bench import tools

ROOT = harness.ROOT
CONFIG = ROOT / ".zensical.yml"
SITE = ROOT / ".zensical-site"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def features(site: Path) -> dict[str, bool]:
    """Which of the site's features made it into a build, judged from its HTML."""
    pages = list(site.rglob("*.html"))
    text = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in pages)
    notebooks = list((ROOT / "docs").rglob("*.ipynb"))
    found = {
        "generated diagrams (atlas/site/diagrams/__init__.py)": bool(
            re.search(r"data-diagram=[^>]*>\s*<svg", text)
        ),
        "notebook pages (mkdocs-jupyter)": notebooks != []
        and all(
            (site / nb.relative_to(ROOT / "docs").with_suffix("") / "index.html").exists()
            for nb in notebooks
        ),
        "tables made from data (hooks/generated.py)": "data-stage-title=" in text,
        "glossary tooltips (abbr)": "<abbr" in text,
        "last-update dates (git plugin)": "git-revision-date" in text,
        "404 page override": "Page not found" in (site / "404.html").read_text()
        if (site / "404.html").exists()
        else False,
        "search index": (site / "search.json").exists()
        or (site / "search" / "search_index.json").exists(),
    }
    return found


def main() -> dict:
    command = tools.zensical()
    config = (ROOT / "mkdocs.yml").read_text()
    config = re.sub(r"^strict: .*$", "strict: false", config, flags=re.M)
    CONFIG.write_text(config + f"\nsite_dir: {SITE.name}\n")
    shutil.rmtree(SITE, ignore_errors=True)
    start = time.perf_counter()
    result = subprocess.run(
        [command, "build", "-f", CONFIG],
        cwd=ROOT,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**harness.os.environ, "NO_COLOR": "1"},
    )
    seconds = time.perf_counter() - start
    output = ANSI.sub("", result.stdout)
    # Each warning is a "Warning: what" line followed by a "[ file:line:col ]" line.
    lines = output.splitlines()
    warnings = []
    for number, line in enumerate(lines):
        if line.lstrip().startswith("Warning"):
            where = next(
                (
                    m[1]
                    for later in lines[number + 1 : number + 3]
                    if (m := re.search(r"\[\s*(\S+:\d+)(?::\d+)?\s*\]", later))
                ),
                "",
            )
            warnings.append(f"{where} {line.strip()}".strip())
    built = len(list(SITE.rglob("*.html"))) if SITE.exists() else 0
    report = {
        "exit": result.returncode,
        "seconds": seconds,
        "pages": built,
        "warnings": warnings,
        "features": features(SITE) if built else {},
    }
    print(
        f"zensical {tools.ZENSICAL_VERSION}: exit {result.returncode} in {seconds:.2f} s, "
        f"{built} HTML files, {len(warnings)} warnings"
    )
    for name, present in report["features"].items():
        print(f"  {'ok     ' if present else 'MISSING'} {name}")
    for warning in sorted(set(warnings))[:10]:
        print(f"  warning: {warning}")
    CONFIG.unlink(missing_ok=True)
    return report


if __name__ == "__main__":
    main()
