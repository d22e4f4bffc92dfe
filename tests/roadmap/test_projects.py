"""Every roadmap project's done-when check passes on its solution and fails on its starter.

The checks run as a reader runs them, with pytest in a separate process: one process for
all solutions and one for all starters (``--import-mode=importlib`` lets the ten files
called check.py live side by side). Results are read per project from a JUnit report.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

import pytest

from atlas.roadmap.catalogue import ROOT, load
from atlas.site import harness

PROJECTS = load()[1]
pytestmark = pytest.mark.slow  # separate pytest processes


def run_checks(module: str, report: Path) -> dict[str, list[tuple[str, str]]]:
    """Run every check against ``module``; (outcome, message) per test, by project folder."""
    # The root conftest.py has already removed OPENAI_*: the checks get the stand-in.
    checks = [str((p.folder / "check.py").relative_to(ROOT)) for p in PROJECTS]
    harness.run_pytest(
        ROOT,
        *checks,
        "--import-mode=importlib",
        "-o",
        "junit_family=xunit1",
        f"--junitxml={report}",
        env={"ATLAS_SOLUTION": module},
    )
    results: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for case in ET.parse(report).iter("testcase"):
        folder = Path(case.get("file", "")).parent.name
        problem = next(iter(case), None)
        outcome = "passed" if problem is None else problem.tag  # failure, error, skipped
        message = "" if problem is None else f"{problem.get('message', '')}\n{problem.text or ''}"
        results[folder].append((outcome, message))
    return results


@pytest.fixture(scope="module")
def solutions(tmp_path_factory):
    return run_checks("solution", tmp_path_factory.mktemp("checks") / "solution.xml")


@pytest.fixture(scope="module")
def starters(tmp_path_factory):
    return run_checks("starter", tmp_path_factory.mktemp("checks") / "starter.xml")


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
