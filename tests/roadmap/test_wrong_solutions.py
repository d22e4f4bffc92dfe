"""Each done-when check rejects plausible wrong solutions and accepts valid variants.

``tests/roadmap/wrong/<project>/<name>.py`` is a solution with one deliberate mistake. Its
docstring says what is wrong, and its ``EXPECT`` names words that the check's failure
message must contain, so the learner is told what to fix. ``tests/roadmap/valid/<project>/``
holds solutions written differently (another structure, a stricter budget, a stretch
goal) that must pass.

Each file runs the check a learner's ``make check`` runs, with the same pytest arguments,
environment and report reading, but not in a process of its own: ``tests/roadmap/batch.py``
imports pytest and the checks' libraries once and forks a fresh child per file, which
saves most of the start-up time of a new process per file. A test below compares its
results with ``run_check``'s, name by name, for a sample of files.

Most files hold only what differs from the reference: ``BASE`` names the solution and
``PATCH`` lists (text of the solution, what this file has instead) pairs, applied to the
solution as it is today, so a wrong solution never drifts from the code it breaks. A
file without ``PATCH`` is a whole module (a restructured variant). A folder named like a
file (``own_documents/`` beside ``own_documents.py``) is its data, copied beside the module
it stands for, so ``Path(__file__).parent / "own_documents"`` finds it there too.
"""

from __future__ import annotations

import ast
import shutil
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from atlas.roadmap.catalogue import load
from atlas.roadmap.learner import run_check
from tests.roadmap import batch
from tests.roadmap.batch import run_checks

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PROJECTS = {p.folder.name: p for p in load()[1]}
WRONG = sorted((HERE / "wrong").glob("*/*.py"))
VALID = sorted((HERE / "valid").glob("*/*.py"))
# For the comparison, one file of each kind of project: numpy and scikit-learn preloaded
# (a wrong one: its failure messages must match), the mcp library and its pytest plugin
# preloaded, with a server process started from the child (a valid one: every test
# passes, over stdio too), and no heavy library (wrong). A wrong and a valid file in all.
SAMPLE = [
    next(f for f in files if f.parent.name == name)
    for name, files in (("vector_search", WRONG), ("mcp_server", VALID), ("first_call", WRONG))
]
pytestmark = pytest.mark.slow  # separate pytest processes


def expected(path: Path) -> str:
    """The ``EXPECT = "..."`` string of a wrong solution."""
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and [t.id for t in node.targets] == ["EXPECT"]:
            return node.value.value
    raise AssertionError(f"{path}: give it EXPECT = '<words the failure must contain>'")


def materialise(path: Path, folder: Path) -> Path:
    """The module a wrong or valid file stands for: itself, or its BASE with PATCH applied
    (with the data folder named like the file, if it has one, copied beside it)."""
    values = {
        node.targets[0].id: ast.literal_eval(node.value)
        for node in ast.parse(path.read_text(encoding="utf-8")).body
        if isinstance(node, ast.Assign)
        and isinstance(node.targets[0], ast.Name)
        and node.targets[0].id in ("BASE", "PATCH")
    }
    if "PATCH" not in values:
        return path
    text = (ROOT / values["BASE"]).read_text(encoding="utf-8")
    for old, new in values["PATCH"]:
        found = text.count(old)
        assert found == 1, (
            f"{path.relative_to(ROOT)}: a PATCH entry's text is in {values['BASE']} {found} "
            f"times, not once (has the solution changed?): {old[:120]!r}"
        )
        text = text.replace(old, new)
    target = folder / path.parent.name / path.name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    if path.with_suffix("").is_dir():
        shutil.copytree(path.with_suffix(""), target.with_suffix(""), dirs_exist_ok=True)
    return target


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    """Every wrong and valid file's check results, two checks at a time (batch.py)."""
    folder = tmp_path_factory.mktemp("solutions")
    files = WRONG + VALID
    jobs = [(PROJECTS[f.parent.name], materialise(f, folder)) for f in files]
    return dict(zip(files, run_checks(jobs, workers=2), strict=True))


def test_the_batch_runner_reports_what_run_check_reports(results, tmp_path):
    def single(path: Path) -> list:
        return run_check(PROJECTS[path.parent.name], materialise(path, tmp_path), quiet=True)

    with ThreadPoolExecutor(max_workers=2) as pool:
        runs = dict(zip(SAMPLE, pool.map(single, SAMPLE), strict=True))
    for path, alone in runs.items():
        name = f"{path.parent.name}/{path.name}"
        assert alone, f"{name}: run_check ran no test"
        assert results[path] == alone, f"{name}: the batch runner and run_check disagree"
        assert all(r.passed for r in alone) == (path in VALID), f"{name}: not a fair sample"


def test_the_batch_runner_imports_the_checks_libraries_but_nothing_of_a_project():
    names = batch.preloads(p.folder / "check.py" for p in PROJECTS.values())
    assert {"pytest", "numpy", "mcp", "atlas.roadmap.checking"} <= set(names), names
    assert not [n for n in names if batch.project_module(n)], names


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
