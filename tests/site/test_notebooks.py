"""Every notebook under docs/ runs top to bottom, offline, as a reader would run it."""

from __future__ import annotations

import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "docs").rglob("*.ipynb"))


@pytest.mark.skipif(not NOTEBOOKS, reason="no notebooks under docs/ yet")
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: str(p.relative_to(ROOT)))
def test_notebook_runs_top_to_bottom(path, monkeypatch):
    # The kernel inherits this: atlas/ imports work, and hashing is repeatable.
    monkeypatch.setenv("PYTHONPATH", str(ROOT))
    monkeypatch.setenv("PYTHONHASHSEED", "0")
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
    )
    try:
        client.execute()
    except CellExecutionError as error:
        pytest.fail(f"{path.relative_to(ROOT)}: a cell raised:\n{error}", pytrace=False)
    assert os.environ.get("OPENAI_BASE_URL") is None  # the stand-in, never a real model
