"""Full-page screenshots of every page, at phone and desktop width, in both palettes.

Usage: python -m bench.shots [PAGE ...] [--out shots]   (``make shots PAGES="..."``)

It builds the site, serves it on 127.0.0.1 and writes ``<out>/<page>/<width>-<palette>.png``
for every page in the built sitemap plus the 404 page, then ``<out>/index.html``, a
contact sheet with a thumbnail of each shot linking to the full picture. A PAGE is a
path as in the address bar, without the host: ``roadmap/``, ``roles/timeline/``, ``index``
(or ``/``) for the home page, ``404`` for the not-found page; shell-style wildcards
work too (``'roadmap/*'``). Nothing is fetched from other hosts: such requests are
blocked and reported, like console errors.
"""

from __future__ import annotations

import argparse
import fnmatch
import html
import multiprocessing
import re
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from atlas.site import harness

WIDTHS = {390: 844, 1280: 900}  # viewport width: height (a phone, a laptop)
# Material picks the palette from `prefers-color-scheme`; this is what each one sets.
PALETTES = {"light": "default", "dark": "slate"}
NOT_FOUND = "404"
MISSING = "atlas-shots-no-such-page/"  # any missing address is answered with 404.html


def sitemap_paths(site_dir: Path) -> list[str]:
    """The pages in the built sitemap, as paths from the site root ('' is the home page)."""
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    return [
        re.sub(r"^https?://[^/]+/", "", loc) for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)
    ]


def normalise(name: str) -> str:
    name = name.strip().lstrip("/")
    name = re.sub(r"(^|/)index(\.html)?$", r"\1", name)
    if name in (NOT_FOUND, "404.html"):
        return NOT_FOUND
    return name if not name or name.endswith("/") or "*" in name else name + "/"


def select(paths: list[str], wanted: list[str]) -> list[str]:
    """The paths the command line asks for, in site order; an unknown name is an error."""
    if not wanted:
        return paths
    chosen, unknown = set(), []
    for name in wanted:
        pattern = normalise(name)
        matches = [p for p in paths if fnmatch.fnmatchcase(p, pattern)]
        if not matches:
            unknown.append(name)
        chosen.update(matches)
    if unknown:
        listing = "\n  ".join(p or "index" for p in paths)
        raise SystemExit(f"no such page: {', '.join(unknown)}; the pages are:\n  {listing}")
    return [p for p in paths if p in chosen]


def folder_for(path: str) -> str:
    return path.rstrip("/") or "home"


def shoot(base_url: str, paths: list[str], out: Path, width: int) -> list[str]:
    """Write the shots at one width, both palettes; returns the problems seen (a wrong
    palette, console errors, requests to other hosts). Runs in a worker process."""
    from playwright.sync_api import sync_playwright

    problems = []
    with sync_playwright() as playwright:
        browser = harness.launch(playwright)
        for palette, scheme in PALETTES.items():
            context = browser.new_context(
                base_url=base_url,
                color_scheme=palette,
                viewport={"width": width, "height": WIDTHS[width]},
                reduced_motion="reduce",
            )
            traffic = harness.watch(context)
            traffic.expect_console_error(r"status of 404.*" + re.escape(MISSING))
            page = context.new_page()
            for path in paths:
                address = MISSING if path == NOT_FOUND else path
                page.goto(address, wait_until="load")
                page.evaluate("document.fonts.ready")
                shown = page.locator("body").get_attribute("data-md-color-scheme")
                if shown != scheme:
                    problems.append(f"/{path} {width}px {palette}: palette is {shown!r}")
                target = out / folder_for(path) / f"{width}-{palette}.png"
                target.parent.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=target, full_page=True, animations="disabled")
            # Leaving a page before its search worker has loaded aborts that request.
            seen = [p for p in traffic.problems() if "net::ERR_ABORTED" not in p]
            problems += [f"{width}px {palette}: {p}" for p in seen]
            context.close()
        browser.close()
    return problems


def contact_sheet(paths: list[str], out: Path) -> Path:
    """``out/index.html``: one row per page, a thumbnail per width and palette."""
    rows = []
    for path in paths:
        folder = folder_for(path)
        cells = []
        for width in WIDTHS:
            for palette in PALETTES:
                src = f"{folder}/{width}-{palette}.png"
                cells.append(
                    f'<figure><a href="{html.escape(src)}"><img src="{html.escape(src)}" '
                    f'loading="lazy" alt="/{html.escape(path)} at {width}px, {palette}" '
                    f'class="w{width}"></a><figcaption>{width} px, {palette}</figcaption></figure>'
                )
        label = "404 (a missing address)" if path == NOT_FOUND else f"/{path}"
        rows.append(f"<section><h2>{html.escape(label)}</h2>{''.join(cells)}</section>")
    sheet = out / "index.html"
    sheet.write_text(
        "<!doctype html><html lang='en'><meta charset='utf-8'>"
        "<title>AI Engineering Atlas: screenshots</title><style>"
        "body{font:14px system-ui,sans-serif;margin:1rem}"
        "section{display:flex;flex-wrap:wrap;gap:1rem;align-items:flex-start;"
        "border-top:1px solid #ccc;padding:.5rem 0}"
        "h2{flex-basis:100%;margin:0;font-size:1rem}figure{margin:0}"
        "img{display:block;border:1px solid #999;height:360px;object-fit:cover;"
        "object-position:top}img.w390{width:117px}img.w1280{width:300px}"
        "</style><h1>Screenshots</h1><p>Full-page shots at 390 px and 1280 px in both "
        "palettes; click a thumbnail for the full picture.</p>" + "".join(rows) + "</html>\n",
        encoding="utf-8",
    )
    return sheet


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.shots", description=__doc__.split("\n")[0]
    )
    parser.add_argument("pages", nargs="*", help="pages to shoot (default: all)")
    parser.add_argument("--out", type=Path, default=harness.ROOT / "shots", help="output folder")
    parser.add_argument("--jobs", type=int, default=2, help="browsers at once (default: 2)")
    args = parser.parse_args(argv)

    start = time.perf_counter()
    with (
        tempfile.TemporaryDirectory(prefix="atlas-shots-") as folder,
        harness.serve(Path(folder)) as url,
    ):
        result = harness.build(site_dir=Path(folder), site_url=url)
        if result.returncode != 0:
            print(result.stdout, file=sys.stderr)
            print("error: the site does not build (above)", file=sys.stderr)
            return 1
        built = time.perf_counter()
        paths = select([*sitemap_paths(Path(folder)), NOT_FOUND], args.pages)
        shutil.rmtree(args.out, ignore_errors=True)
        args.out.mkdir(parents=True)
        # One browser per width, in parallel: the two cores each render one.
        spawn = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=args.jobs, mp_context=spawn) as pool:
            runs = [pool.submit(shoot, url, paths, args.out, width) for width in WIDTHS]
            problems = [problem for run in runs for problem in run.result()]
    sheet = contact_sheet(paths, args.out)
    end = time.perf_counter()
    count = len(paths) * len(WIDTHS) * len(PALETTES)
    print(
        f"{count} shots of {len(paths)} pages in {end - start:.1f} s "
        f"(build {built - start:.1f} s, shots {end - built:.1f} s): {sheet}"
    )
    for problem in problems:
        print(f"problem: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
