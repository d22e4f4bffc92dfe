"""Every roadmap project's done-when check passes on its solution and fails on its starter.

The checks run as a reader runs them, with pytest: one run for all solutions and one for
all starters (``--import-mode=importlib`` lets the ten files called check.py live side by
side). Results are read per project from a JUnit report. The two runs are the two forked
children of ``tests/roadmap/batch.py``, which imports pytest and the checks' libraries
once, so that they start from the state a new process has without paying for it twice
(``tests/roadmap/test_wrong_solutions.py`` compares its children with ``run_check``).
"""

from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

import pytest

from atlas.roadmap.catalogue import ROOT, load
from tests.roadmap import batch

PROJECTS = load()[1]
MODULES = ("solution", "starter")
pytestmark = pytest.mark.slow  # separate pytest processes


def arguments(report: Path) -> list[str]:
    """pytest's arguments for running every check, reporting to ``report``."""
    checks = [str((p.folder / "check.py").relative_to(ROOT)) for p in PROJECTS]
    return [
        "-q",
        "-p",
        "no:cacheprovider",
        *checks,
        "--import-mode=importlib",
        "-o",
        "junit_family=xunit1",
        f"--junitxml={report}",
    ]


def outcomes(report: Path, log: Path) -> dict[str, list[tuple[str, str]]]:
    """(outcome, message) per test of a run, by project folder."""
    assert report.exists(), f"the checks did not run:\n{log.read_text(errors='replace')}"
    results: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for case in ET.parse(report).iter("testcase"):
        folder = Path(case.get("file", "")).parent.name
        problem = next(iter(case), None)
        outcome = "passed" if problem is None else problem.tag  # failure, error, skipped
        message = "" if problem is None else f"{problem.get('message', '')}\n{problem.text or ''}"
        results[folder].append((outcome, message))
    return results


@pytest.fixture(scope="module")
def runs(tmp_path_factory) -> dict[str, dict[str, list[tuple[str, str]]]]:
    """Every check against ``solution`` and against ``starter``: both runs at once."""
    folder = tmp_path_factory.mktemp("checks")
    # The root conftest.py has already removed OPENAI_*: the checks get the stand-in.
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    specs = [
        {
            "args": arguments(folder / f"{module}.xml"),
            "env": {**env, "ATLAS_SOLUTION": module},
            "log": str(folder / f"{module}.log"),
        }
        for module in MODULES
    ]
    batch.run_batch(specs, folder / "jobs.json", workers=2)
    return {m: outcomes(folder / f"{m}.xml", folder / f"{m}.log") for m in MODULES}


@pytest.fixture(scope="module")
def solutions(runs):
    return runs["solution"]


@pytest.fixture(scope="module")
def starters(runs):
    return runs["starter"]


@pytest.mark.parametrize("project", PROJECTS, ids=lambda p: p.slug)
def test_the_reference_solution_passes_its_check(project, solutions):
    results = solutions[project.folder.name]
    assert results, f"{project.slug}: its check ran no test"
    failed = [message for outcome, message in results if outcome != "passed"]
    assert failed == [], f"{project.slug}: the solution fails its check"


@pytest.mark.parametrize("project", PROJECTS, ids=lambda p: p.slug)
def test_the_untouched_starter_fails_saying_what_is_missing(project, starters):
    results = starters[project.folder.name]
    assert results, f"{project.slug}: its check ran no test"
    assert all(outcome == "failure" for outcome, _ in results), "a starter passes for free"
    messages = "\n".join(message for _, message in results)
    assert "Not done yet (Step 1" in messages, messages[-4000:]
    steps = set(re.findall(r"Not done yet \(Step (\d+)", messages))
    assert len(steps) >= 2, f"the failures name only steps {steps}"
