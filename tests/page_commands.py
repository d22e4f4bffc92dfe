"""Run the shell commands a page shows, as a reader would type them in a fresh clone.

Each ```bash block on a page runs with bash in a clone of the project made from the
working tree's files (tracked and new, nothing git ignores: no ``.venv``, no ``work/``),
with a reader's environment: no virtual environment active, no ``PYTHONPATH``. Blocks of
one page run in order in one simulated terminal: what a block exports, and the folder
it ends in, carry on to the next block. A command left running with ``&`` is stopped
when the page is done.

A marker comment right before a block changes what is expected of it:

* ``<!-- shell: fails "reason" -->``: the block must fail (exit non-zero), for example
  a check run on an untouched starter.
* ``<!-- shell: skip "reason" -->``: not run, with the reason in the report, for
  commands that need what this machine cannot have (an account, a GPU, the internet).

``REPOSITORY-ADDRESS`` in a command stands for the repository's address; here it is
the local source of the clone.
"""

from __future__ import annotations

import contextlib
import os
import re
import shlex
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

import pytest
from sybil import Region
from sybil.parsers.markdown.codeblock import CodeBlockParser

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = {"bash", "sh", "shell", "console"}
MARKER = re.compile(r"<!--\s*shell:\s*(?P<kind>fails|skip)\s+\"(?P<reason>[^\"]+)\"\s*-->\s*$")
ADDRESS = "REPOSITORY-ADDRESS"
TIMEOUT = 600  # a first `make setup` installs the packages


def reader_environment(home: Path) -> dict[str, str]:
    """What a new terminal has: the system PATH, a HOME, a locale; nothing of this run."""
    path = [
        p for p in os.environ.get("PATH", "/usr/bin:/bin").split(os.pathsep) if ".venv" not in p
    ]
    env = {"PATH": os.pathsep.join(path), "HOME": str(home), "LANG": "C.UTF-8", "TERM": "dumb"}
    for cache in ("UV_CACHE_DIR", "PIP_CACHE_DIR", "XDG_CACHE_HOME"):
        if cache in os.environ:
            env[cache] = os.environ[cache]
    return env


class Terminal:
    """One reader's terminal for one page: environment and folder carry across blocks."""

    def __init__(self, clone: Path, source: Path, home: Path) -> None:
        self.cwd, self.source, self.home = clone, source, home
        self.state = Path(tempfile.mkdtemp(prefix="atlas-terminal-"))
        (self.state / "env").write_text("")
        self.groups: list[int] = []
        self.env = reader_environment(home)

    def run(self, commands: str) -> subprocess.CompletedProcess:
        commands = commands.replace(ADDRESS, shlex.quote(str(self.source)))
        script = (
            f"set -eo pipefail\nset -a; . {self.state}/env; set +a\n"
            f"cd {shlex.quote(str(self.cwd))}\n"
            f"trap 'export -p > {self.state}/env; pwd > {self.state}/cwd' EXIT\n{commands}\n"
        )
        log = self.state / "output"
        # Output goes to a file, not a pipe: a server left running with `&` keeps its
        # output open, and only the block's own shell is waited for.
        with log.open("w") as output:
            process = subprocess.Popen(
                ["bash", "--noprofile", "--norc", "-c", script],
                env=self.env,
                stdout=output,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,  # its own process group, so `&` jobs can be stopped
            )
            self.groups.append(process.pid)
            try:
                process.wait(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
        output = log.read_text(errors="replace")
        cwd = self.state / "cwd"
        if cwd.exists() and cwd.read_text().strip():
            self.cwd = Path(cwd.read_text().strip())
        return subprocess.CompletedProcess(process.args, process.returncode, output)

    def close(self) -> None:
        for group in self.groups:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(group, signal.SIGTERM)
        shutil.rmtree(self.state, ignore_errors=True)


def commands_of(region_source: str, language: str) -> str:
    """The commands of a block: ``$ `` lines of a console block, all of a bash block."""
    if language != "console":
        return region_source
    return "\n".join(line[2:] for line in region_source.splitlines() if line.startswith("$ "))


class ShellParser:
    """Collects ```bash (and console, sh, shell) blocks with the marker before each."""

    def __init__(self) -> None:
        self.blocks = CodeBlockParser(language=".+")

    def __call__(self, document):
        for region in self.blocks.lexers(document):
            language = (region.lexemes["arguments"] or "").split(" ", 1)[0]
            if language not in LANGUAGES:
                continue
            before = document.text[: region.start].rstrip()
            marker = MARKER.search(before.splitlines()[-1] if before else "")
            kind, reason = (marker["kind"], marker["reason"]) if marker else ("runs", "")
            commands = commands_of(str(region.lexemes["source"]), language)
            yield Region(region.start, region.end, (kind, reason, commands), evaluate)


def evaluate(example) -> None:
    kind, reason, commands = example.parsed
    if kind == "skip":
        where = f"{Path(example.path).relative_to(ROOT)}, line {example.line}"
        pytest.skip(f"{where}: not run here: {reason}")
    namespace = example.namespace
    if "_terminal" not in namespace:
        clone, source, home = namespace["fresh_clone"]
        namespace["_terminal"] = Terminal(clone, source, home)
    result = namespace["_terminal"].run(commands)
    where = f"{Path(example.path).relative_to(ROOT)}, line {example.line}"
    tail = "\n".join(result.stdout.splitlines()[-40:])
    if kind == "fails" and result.returncode == 0:
        pytest.fail(f"{where}: the page says this fails ({reason}), but it works:\n{tail}", False)
    if kind == "runs" and result.returncode != 0:
        pytest.fail(
            f"{where}: a reader typing this gets exit code {result.returncode}:\n"
            f"{commands}\n--- output (last lines) ---\n{tail}",
            pytrace=False,
        )


def close_terminal(namespace: dict) -> None:
    if "_terminal" in namespace:
        namespace.pop("_terminal").close()
