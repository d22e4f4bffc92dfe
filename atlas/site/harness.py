"""Build, serve and browse the site: shared by the tests and by `make bench`."""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "[::1]"}
# Flags that keep Chromium from phoning home: on this offline machine each attempt is a
# refused connection, and for readers' privacy we want none anyway.
CHROMIUM_ARGS = [
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--disable-gpu",
    "--no-first-run",
]


def snapshot(target: Path, source: Path = ROOT) -> Path:
    """A git repository at ``target`` holding ``source``'s working tree as a push would:
    tracked and new files, nothing git ignores (no .venv, no work/). Pages' commands run
    in clones of it; the bench builds and serves it."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=source,
        check=True,
        capture_output=True,
    ).stdout.decode()
    for name in filter(None, listed.split("\0")):
        if (source / name).is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / name, target / name)
    git = ["git", "-c", "user.name=atlas", "-c", "user.email=atlas@example.invalid"]
    subprocess.run([*git, "init", "-q", "-b", "main"], cwd=target, check=True)
    subprocess.run([*git, "add", "-A"], cwd=target, check=True)
    subprocess.run([*git, "commit", "-q", "-m", "snapshot"], cwd=target, check=True)
    return target


def build(
    project: Path = ROOT,
    site_dir: Path | None = None,
    *extra: str,
    site_url: str | None = None,
    timeout: float = 300,
) -> subprocess.CompletedProcess:
    """Run ``mkdocs build --strict`` in ``project``; output in ``.stdout`` (stderr merged).

    ``site_url`` must be the address the site is served at, or Material's instant
    navigation falls back to full page loads.
    """
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", *extra]
    if site_dir is not None:
        command += ["--site-dir", str(site_dir)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(project)}
    if site_url is not None:
        env["ATLAS_SITE_URL"] = site_url
    # A stand-in repository address, so that tests can see the "edit this page" links.
    env.setdefault("ATLAS_EDIT_URI", "https://example.invalid/atlas/edit/main/docs/")
    return subprocess.run(
        command,
        cwd=project,
        env=env,
        text=True,
        timeout=timeout,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def run_pytest(
    project: Path, *args: str, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess:
    """Run pytest in a separate process in ``project``; output in ``.stdout`` (stderr merged).

    For tests that must see a whole run from outside: a mistake made in a copy of the
    project, or checks run as a reader runs them.
    """
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *args]
    return subprocess.run(
        command,
        cwd=project,
        env={**os.environ, "PYTHONPATH": str(project), **(env or {})},
        text=True,
        timeout=timeout,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


# What GitHub Pages sends gzip-compressed when the browser asks for it (text types).
COMPRESSED_TYPES = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "image/svg+xml",
)


@functools.lru_cache(maxsize=512)
def _gzipped(path: str, mtime_ns: int) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site the way GitHub Pages does: 404 page, and gzip when asked."""

    def log_message(self, format, *args):  # the tests report what matters themselves
        pass

    def send_head(self):
        path = self.translate_path(self.path)
        if os.path.isdir(path) and self.path.split("?", 1)[0].endswith("/"):
            path = os.path.join(path, "index.html")
        kind = self.guess_type(path)
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and os.path.isfile(path) and kind.startswith(COMPRESSED_TYPES)):
            return super().send_head()
        body = _gzipped(path, os.stat(path).st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        # A browser that moves on drops the rest of a response: no traceback for that.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextlib.contextmanager
def serve(site_dir: Path) -> Iterator[str]:
    """Serve ``site_dir`` on 127.0.0.1 at a free port; yields the base URL."""
    handler = functools.partial(QuietHandler, directory=str(site_dir))
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _debian_program(name: str, purpose: str, target: str) -> str:
    """A program from Debian's chromium packages, which ``make <target>`` installs;
    Playwright's own browser downloads do not work offline."""
    path = shutil.which(name)
    if path is None:
        raise RuntimeError(
            f"{name} is not installed; {purpose} need it. Run `make {target}` as root, or "
            f"install it yourself (Debian: apt-get install {name})."
        )
    return path


def headless_shell_path() -> str:
    """Chromium's headless shell drives the browser tests and screenshots: Playwright's own
    choice for headless runs, the same Blink without the full browser around it. The browser
    tests took a fifth to a quarter less CPU with it than with the full browser."""
    return _debian_program("chromium-headless-shell", "the browser tests", "browser")


def chromium_path() -> str:
    """The full browser, for `make bench` (Lighthouse and the page weights): it measures
    what a reader's Chrome does."""
    return _debian_program("chromium", "the measurements of make bench", "chromium")


def launch(playwright, executable: str | None = None):
    """Chromium for Playwright: the headless shell unless ``executable`` says otherwise
    (`make bench` measures in the full browser, which also fetches the favicon, as a
    reader's does)."""
    return playwright.chromium.launch(
        executable_path=executable or headless_shell_path(), args=CHROMIUM_ARGS
    )


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob", "about") or parts.hostname in {
        h.strip("[]") for h in LOCAL_HOSTS
    }


@dataclass
class Traffic:
    """What a page did on the wire and in its console."""

    requests: list[str] = field(default_factory=list)
    third_party: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    expected: list[str] = field(default_factory=list)

    def expect_console_error(self, pattern: str) -> None:
        """Let a test that provokes an error on purpose (a 404, say) say so."""
        self.expected.append(pattern)

    def problems(self) -> list[str]:
        unexpected = [
            m for m in self.console_errors if not any(re.search(p, m) for p in self.expected)
        ]
        return (
            [f"third-party request: {u}" for u in self.third_party]
            + [f"failed request: {u}" for u in self.failed]
            + [f"console error: {m}" for m in unexpected]
        )


def watch(context) -> Traffic:
    """Record a browser context's traffic; block (and record) anything not local."""
    traffic = Traffic()

    def route(route):
        url = route.request.url
        if is_local(url):
            route.continue_()
        else:
            traffic.third_party.append(url)
            route.abort()

    def on_console(message):
        if message.type == "error":
            traffic.console_errors.append(f"{message.text} ({message.location.get('url')})")

    def on_page(page):
        page.on("console", on_console)
        page.on("pageerror", lambda error: traffic.console_errors.append(str(error)))
        page.on("request", lambda request: traffic.requests.append(request.url))
        page.on(
            "requestfailed",
            lambda request: (
                traffic.failed.append(f"{request.url} ({request.failure})")
                # A request the browser dropped because the page moved on (a reload, a
                # click) is not a failure of the site; a refused or missing file is.
                if is_local(request.url) and "ERR_ABORTED" not in (request.failure or "")
                else None
            ),
        )

    context.route("**/*", route)
    context.on("page", on_page)
    return traffic
