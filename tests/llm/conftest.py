"""Start llm-katan, an OpenAI-compatible test server nobody here wrote, on 127.0.0.1.

``katan(**faults)`` starts one as a subprocess with its ``--backend echo`` (no model: the
reply echoes the request) and the fault flags given, e.g. ``katan(rate_limit_after=1)``
for ``--rate-limit-after 1``; it waits for ``GET /v1/models`` to answer and stops the
process when the test ends. Its random generator (``--error-rate``) is seeded, so the
same faults come in the same order on every run. What the server saw is read from its
own access log (``KatanServer.statuses()``).
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from atlas.llm import OpenAIChat
from atlas.loopback import free_port, wait_until_ready

MODEL = "katan-echo"
KEY = "sk-katan-test"
STARTUP_SECONDS = 20
#: llm-katan's command line with its random generator seeded first (argv[1] is the seed).
LAUNCH = (
    "import random, sys; random.seed(int(sys.argv.pop(1))); from llm_katan.cli import main; main()"
)
ACCESS_LINE = re.compile(r'"POST /v1/chat/completions HTTP/[\d.]+" (\d{3})')


@dataclass
class KatanServer:
    process: subprocess.Popen
    port: int
    log: Path
    flags: list[str] = field(default_factory=list)
    #: Requests logged before this one are not counted by :meth:`statuses`.
    since: int = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def model(self, **options) -> OpenAIChat:
        """The site's adapter (the official client inside) pointed at this server."""
        return OpenAIChat(self.base_url, MODEL, api_key=KEY, **options)

    def statuses(self, at_least: int = 0, wait: float = 3.0) -> list[int]:
        """The HTTP status of every chat request so far, from the server's access log.

        The log line is written just after the reply, so wait (up to ``wait`` seconds)
        until at least ``at_least`` are there, then a moment more for any stragglers.
        """
        deadline = time.monotonic() + wait
        while len(self._logged()) < at_least and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.1)
        return self._logged()

    def mark(self) -> KatanServer:
        """Count only the requests from now on (for a server shared between tests)."""
        time.sleep(0.1)
        self.since = 0
        self.since = len(self._logged())
        return self

    def _logged(self) -> list[int]:
        found = ACCESS_LINE.findall(self.log.read_text(errors="replace"))
        return [int(status) for status in found[self.since :]]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


def start_katan(folder: Path, seed: int = 0, **faults: int | float) -> KatanServer:
    port = free_port()
    flags = [f"--{name.replace('_', '-')}={value}" for name, value in faults.items()]
    log = folder / f"llm-katan-{port}.log"
    command = [
        sys.executable, "-c", LAUNCH, str(seed),
        "--model", MODEL, "--backend", "echo", "--host", "127.0.0.1", "--port", str(port),
        "--stats-file", str(folder / f"llm-katan-{port}-stats.json"),
        "--log-level", "WARNING", *flags,
    ]  # fmt: skip
    with log.open("wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
    server = KatanServer(process, port, log, flags)
    try:
        wait_until_ready(
            f"{server.base_url}/models",
            process,
            log,
            STARTUP_SECONDS,
            name=f"llm-katan {' '.join(flags)}",
            headers={"Authorization": f"Bearer {KEY}"},
            interval=0.05,
        )
    except RuntimeError:
        server.stop()
        raise
    return server


@pytest.fixture(scope="module")
def _shared_echo(tmp_path_factory):
    server = start_katan(tmp_path_factory.mktemp("llm-katan"))
    yield server
    server.stop()


@pytest.fixture
def echo(_shared_echo):
    """A healthy llm-katan without faults, shared by a module's tests; counts afresh."""
    return _shared_echo.mark()


@pytest.fixture
def katan(tmp_path):
    """Start llm-katan servers with fault flags: ``katan(error_rate=0.5, seed=7)``."""
    started: list[KatanServer] = []

    def start(seed: int = 0, **faults: int | float) -> KatanServer:
        server = start_katan(tmp_path, seed, **faults)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()
