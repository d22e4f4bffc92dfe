"""Every roadmap project's done-when check passes on its solution and fails on its starter.

Each check runs in its own pytest process, exactly as a reader runs it, so that the ten
files called check.py never meet in one process.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest

from snippets.roadmap.catalogue import ROOT, load

PROJECTS = load()[1]


def run_check(project, module: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "ATLAS_SOLUTION": module, "PYTHONPATH": str(ROOT)}
    for variable in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "OPENAI_MODEL"):
        env.pop(variable, None)  # always the offline stand-in
    check = project.folder / "check.py"
    return subprocess.run(
        [sys.executable, "-m", "pytest", str(check.relative_to(ROOT)), "-q", "-p", "no:randomly"],
        cwd=ROOT,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        timeout=180,
    )


@pytest.mark.parametrize("project", PROJECTS, ids=lambda p: p.slug)
def test_the_reference_solution_passes_its_check(project):
    result = run_check(project, "solution")
    assert result.returncode == 0, result.stdout[-4000:]
    assert re.search(r"\b\d+ passed\b", result.stdout)
    assert "skipped" not in result.stdout.splitlines()[-1]


@pytest.mark.parametrize("project", PROJECTS, ids=lambda p: p.slug)
def test_the_untouched_starter_fails_saying_what_is_missing(project):
    result = run_check(project, "starter")
    assert result.returncode == 1, result.stdout[-4000:]
    assert "passed" not in result.stdout.splitlines()[-1], "a starter passes a test for free"
    assert "Not done yet (Step 1" in result.stdout, result.stdout[-4000:]
    steps = set(re.findall(r"Not done yet \(Step (\d+)", result.stdout))
    assert len(steps) >= 2, f"the failures name only steps {steps}"
