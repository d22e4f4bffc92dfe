"""The learner's commands: start a project, check it, graduate it. ``make`` runs these.

    make start P=first-call      copy the starter to work/first_call.py (never overwrites)
    make check P=first-call      run the project's done-when check against that copy
    make check                   check every project you started; print a progress table
    make reference P=first-call  run the check against the reference solution
    make graduate P=first-call   copy your finished project into a folder of its own

A passing check prints a completion code (``atlas/roadmap/completion.py``) to paste into
the project's page.

Your copies live in ``work/``, which git ignores: you never edit a tracked file, so
``git pull`` never conflicts and the repository's own tests do not see your work.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from atlas.roadmap.catalogue import ROOT, Project, load
from atlas.roadmap.completion import completion_code

WORK = ROOT / "work"


class LearnerError(Exception):
    """Something the learner can fix; the message says what."""


def projects() -> list[Project]:
    return load()[1]


def find(slug: str) -> Project:
    for project in projects():
        if slug in (project.slug, project.folder.name):
            return project
    names = ", ".join(p.slug for p in projects())
    raise LearnerError(f"no project called {slug!r}. The projects are: {names}")


def workfile(project: Project, work: Path = WORK) -> Path:
    """The learner's own copy of ``project``'s starter."""
    return work / f"{project.folder.name}.py"


def start(project: Project, work: Path = WORK) -> str:
    """Copy the starter into ``work/``; an existing copy is kept as it is."""
    target = workfile(project, work)
    if target.exists():
        return f"{target.relative_to(work.parent)} already exists: it is kept as it is."
    work.mkdir(exist_ok=True)
    shutil.copyfile(project.folder / "starter.py", target)
    return (
        f"Created {target.relative_to(work.parent)}, your copy of the starter.\n"
        f"Fill in its steps, then run: make check P={project.slug}"
    )


@dataclass(frozen=True)
class Result:
    """One test of a check: its name, whether it passed, and the first line of why not."""

    name: str
    passed: bool
    why: str


def pytest_arguments(project: Project, report: Path) -> list[str]:
    """What ``python -m pytest`` is given to run ``project``'s check, reporting to ``report``."""
    return [
        str(project.folder / "check.py"),
        "-q",
        "--no-header",
        "-p",
        "no:cacheprovider",
        "--import-mode=importlib",
        f"--junitxml={report}",
        "-o",
        "junit_family=xunit1",
    ]


def check_environment(module: Path) -> dict[str, str]:
    """The environment of a check run: this one, pointed at ``module``."""
    env = {**os.environ, "ATLAS_SOLUTION": str(module.resolve())}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")]))
    return env


def read_report(report: Path, output: str) -> list[Result]:
    """The results in a check run's junit ``report``; ``output`` says why if there is none."""
    if not report.exists():
        raise LearnerError(f"the check did not run:\n{output}")
    results = []
    for case in ET.parse(report).iter("testcase"):
        problem = next(iter(case), None)
        why = "" if problem is None else (problem.get("message") or "").strip()
        why = why.removeprefix("Failed: ")
        results.append(
            Result(case.get("name", "?"), problem is None, why.splitlines()[0] if why else "")
        )
    return results


def run_check(project: Project, module: Path, *, quiet: bool = False) -> list[Result]:
    """Run ``project``'s check against ``module`` in a pytest process, as a reader would."""
    with tempfile.TemporaryDirectory(prefix="atlas-check-") as folder:
        report = Path(folder) / "report.xml"
        env = check_environment(module)
        command = [sys.executable, "-m", "pytest", *pytest_arguments(project, report)]
        output = subprocess.run(
            command, cwd=ROOT, env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        if not quiet:
            print(output.stdout, end="")
        return read_report(report, output.stdout)


def summary(project: Project, results: list[Result]) -> str:
    passed = sum(r.passed for r in results)
    lines = [f"{project.slug}: {passed} of {len(results)} tests pass."]
    if results and passed == len(results):
        lines.append("Done: every test passes.")
        following = next_project(project)
        if following:
            lines.append(f"Next: make start P={following.slug}")
        return "\n".join(lines)
    first = next(r for r in results if not r.passed)
    lines.append(f"Not done yet. Start with {first.name}: {first.why}")
    return "\n".join(lines)


def next_project(project: Project) -> Project | None:
    order = projects()
    index = [p.slug for p in order].index(project.slug)
    return order[index + 1] if index + 1 < len(order) else None


def check(project: Project, work: Path = WORK) -> bool:
    target = workfile(project, work)
    if not target.exists():
        name = target.relative_to(work.parent)
        raise LearnerError(f"{name} does not exist yet. Run: make start P={project.slug}")
    results = run_check(project, target)
    print(summary(project, results))
    passed = bool(results) and all(r.passed for r in results)
    if passed:
        print(code_message(project, target))
    return passed


def code_message(project: Project, module: Path) -> str:
    """The completion code for a passing check of ``module``, and what to do with it."""
    code = completion_code(project.slug, module, project.folder / "solution.py")
    return (
        f"Completion code: {code}\n"
        "Paste it into the Completion code box on the project's page to record that the\n"
        "check passed. It shows only that a check printed it, not who ran it: there is no\n"
        "server, and anyone could work out a code."
    )


def check_all(work: Path = WORK) -> bool:
    """Check every started project and print one table of where the learner stands."""
    rows, all_done = [], True
    for project in projects():
        target = workfile(project, work)
        if not target.exists():
            rows.append((project.slug, "not started", f"make start P={project.slug}"))
            continue
        results = run_check(project, target, quiet=True)
        passed = sum(r.passed for r in results)
        done = bool(results) and passed == len(results)
        all_done = all_done and done
        state = "done" if done else f"{passed}/{len(results)} tests pass"
        rows.append((project.slug, state, "" if done else f"make check P={project.slug}"))
    width = max(len(slug) for slug, _, _ in rows)
    print(f"{'project':<{width}}  {'state':<20}  next")
    for slug, state, step in rows:
        print(f"{slug:<{width}}  {state:<20}  {step}".rstrip())
    started = [row for row in rows if row[1] != "not started"]
    return bool(started) and all_done


def reference(project: Project) -> bool:
    solution = project.folder / "solution.py"
    results = run_check(project, solution)
    print(summary(project, results).replace(f"{project.slug}:", f"{project.slug} (reference):", 1))
    passed = bool(results) and all(r.passed for r in results)
    if passed:
        print(code_message(project, solution))
    return passed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m atlas.roadmap.learner", description=__doc__)
    parser.add_argument("command", choices=["start", "check", "reference", "graduate"])
    parser.add_argument("project", nargs="?", default="")
    parser.add_argument("destination", nargs="?", default="")
    args = parser.parse_args(argv)
    try:
        if args.command == "check" and not args.project:
            return 0 if check_all() else 1
        if not args.project:
            raise LearnerError(f"name a project, for example: make {args.command} P=first-call")
        project = find(args.project)
        if args.command == "start":
            print(start(project))
            return 0
        if args.command == "check":
            return 0 if check(project) else 1
        if args.command == "reference":
            return 0 if reference(project) else 1
        from atlas.roadmap.graduate import graduate

        print(graduate(project, workfile(project), Path(args.destination or f"../{project.slug}")))
        return 0
    except LearnerError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
