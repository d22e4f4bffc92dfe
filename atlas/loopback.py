"""Servers the project starts on 127.0.0.1: a free port, and waiting until one answers.

Used for the model servers (llm-katan in the tests, llama-cpp-python's for ``make
real-model``) and the bench's ``mkdocs serve``.
"""

from __future__ import annotations

import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_ready(
    url: str,
    process: subprocess.Popen,
    log: Path,
    limit: float,
    *,
    name: str = "the server",
    headers: dict[str, str] | None = None,
    interval: float = 0.25,
) -> None:
    """Poll ``GET url`` until it answers 200; fail early, with the log's end, if
    ``process`` exits first, or after ``limit`` seconds."""
    request = urllib.request.Request(url, headers=headers or {})
    deadline = time.monotonic() + limit
    while True:
        if process.poll() is not None:
            raise RuntimeError(
                f"{name} exited with {process.returncode} before it answered; "
                f"its log ({log}) ends:\n{log.read_text(errors='replace')[-2000:]}"
            )
        try:
            with urllib.request.urlopen(request, timeout=2) as reply:
                if reply.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        if time.monotonic() > deadline:
            raise RuntimeError(
                f"{name} did not answer {url} in {limit} s; its log ({log}) ends:\n"
                f"{log.read_text(errors='replace')[-2000:]}"
            )
        time.sleep(interval)
