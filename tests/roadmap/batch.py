"""Run many done-when checks in one process that forks a fresh child for each check.

``atlas.roadmap.learner.run_check`` starts ``python -m pytest <project>/check.py`` for one
solution. Run once for each wrong and valid solution of ``tests/roadmap`` (over a hundred),
most of its time is the same start-up, again and again: the interpreter, pytest, and the
modules the checks import (numpy and scikit-learn, the mcp library; sybil and mkdocs for
the root conftest).

This runner is a separate Python process (never the pytest-xdist worker, which has
threads) that imports those modules once and then ``os.fork()``s one child per check,
``workers`` at a time. What it guarantees:

* Each child runs ``pytest.main`` with exactly the arguments and environment that
  ``run_check`` gives its subprocess (``learner.pytest_arguments``,
  ``learner.check_environment``), in the same folder, with its output in a log file, and
  leaves with ``os._exit``. Its junit report is read by the same ``learner.read_report``.
* What is imported before the fork is derived from the ``import`` statements of the check
  modules, the project modules they import (``rules.py``) and the conftest files pytest
  loads with them (read with ``ast``, not imported). Nothing of a project package
  (``atlas/roadmap/<project>/``) is imported: no check, no solution, no rules module, no
  shared module that would import one. After the imports the runner verifies this, and
  that no Python thread was started, and refuses to run otherwise. So a child imports the
  solution and the check as a new process would, from the same clean state; one child's
  work never reaches another.

Where a child differs from a new process: it also holds the runner's own modules
(``json``, ``argparse``, this one); string hashes use the runner's seed, the same in every
child; the pytest plugins installed as packages (the ``pytest11`` entry points: anyio,
pytest-timeout, pytest-socket, xdist...) are imported before the fork, so they are not
assertion-rewritten, about which pytest prints a warning in the log; ``os._exit`` skips
``atexit`` handlers (which would run after the report is written). So that the larger
heap a child inherits does not slow it down, the runner calls ``gc.freeze()`` and fills
``inspect``'s map of module files before forking.

    python -m tests.roadmap.batch JOBS.json [--workers 2]

JOBS.json lists ``{"args": [...], "env": {...}, "log": "..."}``; ``run_batch`` writes it.
``run_checks`` gives it one job per (project, solution); ``tests/roadmap/test_projects.py``
two jobs (every check against the solutions, then against the starters).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import importlib.metadata
import inspect
import json
import os
import subprocess
import sys
import tempfile
import threading
import traceback
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from atlas.site import imports

if TYPE_CHECKING:
    from atlas.roadmap.catalogue import Project
    from atlas.roadmap.learner import Result

ROOT = Path(__file__).resolve().parents[2]
ROADMAP = ROOT / "atlas" / "roadmap"
PROJECTS = {f"atlas.roadmap.{p.parent.name}" for p in ROADMAP.glob("*/check.py")}
READER = ("solution", "starter")  # the modules a check tests: never read, never imported


def project_module(name: str) -> bool:
    """Whether ``name`` is a project package or a module inside one."""
    return any(name == p or name.startswith(p + ".") for p in PROJECTS) or name.startswith(
        "reader_"
    )


def source(name: str) -> Path | None:
    """The file of the repository's own module ``name``; None for anything else."""
    base = ROOT.joinpath(*name.split("."))
    for path in (base.with_suffix(".py"), base / "__init__.py"):
        if path.is_file():
            return path
    return None


def imported(path: Path, package: str) -> list[str]:
    """The modules ``path`` imports (anywhere in it), read from its ``import`` statements."""
    names = []
    for statement in imports.statements(path.read_text(encoding="utf-8"), package):
        names.append(statement.module)
        # ``from atlas.roadmap.retrieval import solution`` imports a module, not a name
        names += [
            f"{statement.module}.{n}" for n in statement.names if source(f"{statement.module}.{n}")
        ]
    return names


def preloads(checks: Iterable[Path]) -> list[str]:
    """What to import before forking, for these check files, in the order they need it."""
    roots = []
    for check in checks:
        folder = check.resolve().parent
        tops = [ROOT, *reversed([p for p in folder.parents if ROOT in p.parents]), folder]
        roots += [p / "conftest.py" for p in tops if (p / "conftest.py").is_file()]
        roots.append(check.resolve())
    order: list[str] = []
    reaches: dict[str, bool] = {}

    def reaches_project(name: str) -> bool:
        """Whether importing the repository's module ``name`` imports a project module."""
        if name not in reaches:
            reaches[name] = False  # an import cycle adds nothing
            package = name if source(name).name == "__init__.py" else name.rpartition(".")[0]
            found = imported(source(name), package)
            reaches[name] = any(
                project_module(n) or (source(n) is not None and reaches_project(n)) for n in found
            )
        return reaches[name]

    def visit(path: Path, package: str, seen: set[Path]) -> None:
        if path in seen:
            return
        seen.add(path)
        for name in imported(path, package):
            if project_module(name):
                # read a rules module's own imports; never a solution or starter
                found = source(name)
                if found and found.stem not in READER and found.name != "__init__.py":
                    visit(found, name.rpartition(".")[0], seen)
            elif source(name) is not None and reaches_project(name):
                continue  # a shared module that would import a solution
            elif name not in order:
                order.append(name)

    seen: set[Path] = set()
    for path in dict.fromkeys(roots):
        package = ".".join(path.parent.relative_to(ROOT).parts)
        visit(path, package, seen)
    return order


def plugins() -> list[str]:
    """The modules of the pytest plugins installed as packages, which every run loads."""
    found = importlib.metadata.entry_points(group="pytest11")
    return list(dict.fromkeys(entry.module for entry in found))


def preload(names: list[str]) -> list[str]:
    """Import ``names``; refuse to go on if a project module came with them."""
    failed = []
    for name in names:
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - an import a check guards; its child will see it
            failed.append(name)
    leaked = sorted(m for m in sys.modules if project_module(m))
    if leaked:
        raise SystemExit(f"preloading imported project modules {leaked}: refusing to fork")
    if threading.active_count() > 1:  # a Python thread does not survive a fork intact
        raise SystemExit(f"preloading started threads {threading.enumerate()}: refusing to fork")
    return failed


def child(job: dict) -> None:
    """In the forked child: run one check as ``run_check``'s subprocess would, then leave."""
    code = 70
    try:
        log = os.open(job["log"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(log, 1)
        os.dup2(log, 2)
        os.close(log)
        os.environ.clear()
        os.environ.update(job["env"])
        if "numpy.random" in sys.modules:  # a new process draws its own seed
            sys.modules["numpy.random"].seed()
        import pytest

        sys.argv = [str(Path(pytest.__file__).with_name("__main__.py")), *job["args"]]
        code = int(pytest.main(job["args"]))
    except BaseException:  # noqa: BLE001 - the child must reach os._exit whatever happens
        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):  # nothing left to report to
                stream.flush()
        os._exit(code)


def serve(jobs: list[dict], workers: int) -> list[int]:
    """Fork one child per job, at most ``workers`` at a time; their exit codes, in order."""
    import pytest  # noqa: F401 - imported once, here, for every child

    # the checks' libraries, then the plugins (reading the entry points here also fills
    # importlib.metadata's cache of the package folders, which pytest reads again)
    checks = [Path(a) for job in jobs for a in job["args"] if a.endswith(".py")]
    preload([*preloads(checks), *plugins()])
    # What a new process does cheaply and a child of this larger one would do slowly:
    inspect.getmodule(sys._getframe(), "<batch>")  # fill the module-by-file cache (Sybil asks)
    gc.collect()
    gc.freeze()  # the children's collections (pytest runs some) skip what is imported here
    codes = [0] * len(jobs)
    waiting, running = list(enumerate(jobs)), {}
    while waiting or running:
        while waiting and len(running) < workers:
            index, job = waiting.pop(0)
            sys.stdout.flush()
            sys.stderr.flush()
            pid = os.fork()
            if pid == 0:
                child(job)  # never returns
            running[pid] = index
        pid, status = os.waitpid(-1, 0)
        if pid in running:
            codes[running.pop(pid)] = os.waitstatus_to_exitcode(status)
    return codes


def run_checks(jobs: list[tuple[Project, Path]], workers: int = 2) -> list[list[Result]]:
    """``run_check(project, module, quiet=True)`` for every job, in one forking runner."""
    # imported here, not in the runner: its children should hold only what checks import
    from atlas.roadmap.learner import check_environment, pytest_arguments, read_report

    with tempfile.TemporaryDirectory(prefix="atlas-batch-") as folder:
        specs = []
        for index, (project, module) in enumerate(jobs):
            report = Path(folder) / f"{index}.xml"
            args = pytest_arguments(project, report)
            env = check_environment(module)
            specs.append({"args": args, "env": env, "log": str(Path(folder) / f"{index}.log")})
        run_batch(specs, Path(folder) / "jobs.json", workers)
        return [
            read_report(Path(folder) / f"{i}.xml", Path(s["log"]).read_text(encoding="utf-8"))
            for i, s in enumerate(specs)
        ]


def run_batch(specs: list[dict], listing: Path, workers: int = 2) -> None:
    """Run pytest once per ``{"args", "env", "log"}`` spec, each in a forked child.

    The runner itself gets the first spec's environment without ``ATLAS_SOLUTION``; every
    ``.py`` argument is a check whose imports it preloads.
    """
    from atlas.roadmap.checking import VARIABLE

    listing.write_text(json.dumps(specs), encoding="utf-8")
    env = {k: v for k, v in specs[0]["env"].items() if k != VARIABLE} if specs else None
    command = [sys.executable, "-m", "tests.roadmap.batch", str(listing)]
    ran = subprocess.run(
        [*command, "--workers", str(workers)],
        cwd=ROOT,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    if ran.returncode:
        raise RuntimeError(f"the batch runner failed ({ran.returncode}):\n{ran.stdout}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.roadmap.batch", description=__doc__)
    parser.add_argument("jobs", type=Path, help="a JSON list of jobs (see run_checks)")
    parser.add_argument("--workers", type=int, default=2, help="children at a time")
    args = parser.parse_args(argv)
    jobs = json.loads(args.jobs.read_text(encoding="utf-8"))
    serve(jobs, max(1, args.workers))
    return 0


if __name__ == "__main__":
    sys.exit(main())
