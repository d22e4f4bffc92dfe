"""Each done-when check rejects plausible wrong solutions and accepts valid variants.

``tests/roadmap/wrong/<project>/<name>.py`` is a solution with one deliberate mistake. Its
docstring says what is wrong, and its ``EXPECT`` names words that the check's failure
message must contain, so the learner is told what to fix. ``tests/roadmap/valid/<project>/``
holds solutions written differently (another structure, a stricter budget, a stretch
goal) that must pass. Each file runs through the same command a learner runs.
"""

from __future__ import annotations

import ast
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from atlas.roadmap.catalogue import load
from atlas.roadmap.learner import run_check

HERE = Path(__file__).resolve().parent
PROJECTS = {p.folder.name: p for p in load()[1]}
WRONG = sorted((HERE / "wrong").glob("*/*.py"))
VALID = sorted((HERE / "valid").glob("*/*.py"))
pytestmark = pytest.mark.slow  # separate pytest processes


def expected(path: Path) -> str:
    """The ``EXPECT = "..."`` string of a wrong solution."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and [t.id for t in node.targets] == ["EXPECT"]:
            return node.value.value
    raise AssertionError(f"{path}: give it EXPECT = '<words the failure must contain>'")


@pytest.fixture(scope="module")
def results():
    """Every wrong and valid file's check results, two checks at a time."""
    files = WRONG + VALID
    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = pool.map(lambda f: run_check(PROJECTS[f.parent.name], f, quiet=True), files)
        return dict(zip(files, runs, strict=True))


def test_every_project_has_at_least_three_wrong_solutions():
    counts = {name: sum(f.parent.name == name for f in WRONG) for name in PROJECTS}
    assert all(n >= 3 for n in counts.values()), f"wrong solutions per project: {counts}"


@pytest.mark.parametrize("path", WRONG, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_the_check_rejects_the_wrong_solution_saying_what_to_fix(path, results):
    words = expected(path)
    failures = [r for r in results[path] if not r.passed]
    assert results[path], f"{path.name}: the check ran no test"
    assert failures, f"{path.parent.name}: the check passes a wrong solution ({path.name})"
    messages = "\n".join(f"{r.name}: {r.why}" for r in failures)
    assert words.lower() in messages.lower(), (
        f"{path.parent.name}/{path.name} is rejected, but no failure says {words!r}:\n{messages}"
    )
    assert "<generator object" not in messages and "assert False" not in messages, (
        f"a failure message shows code, not advice:\n{messages}"
    )


@pytest.mark.parametrize("path", VALID, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_the_check_accepts_the_valid_variant(path, results):
    failures = [f"{r.name}: {r.why}" for r in results[path] if not r.passed]
    assert results[path] and not failures, f"{path.name} is valid but refused:\n" + "\n".join(
        failures
    )
