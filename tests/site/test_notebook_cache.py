"""The notebook cache's key follows the code a notebook imports (atlas/site/notebook_cache.py)."""

import json
from pathlib import Path

from atlas.site import notebook_cache

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = ROOT / "docs" / "scenarios" / "support-chatbot-notebook.ipynb"


def notebook(tmp_path: Path, name: str, *lines: str) -> Path:
    cells = [{"cell_type": "code", "source": [line]} for line in lines]
    path = tmp_path / name
    path.write_text(json.dumps({"cells": cells}), encoding="utf-8")
    return path


def test_the_support_notebook_depends_on_what_it_imports_and_what_that_imports():
    found = {
        p.relative_to(ROOT).as_posix()
        for p in notebook_cache.imported_files(json.loads(NOTEBOOK.read_text()))
    }
    assert {"atlas/scenarios/support.py", "atlas/llm/__init__.py"} <= found
    # atlas.llm imports atlas.llm.standin: a change to the stand-in re-runs the notebook.
    assert "atlas/llm/standin.py" in found
    assert not any(name.startswith("atlas/roadmap/") for name in found), found


def test_the_key_changes_with_the_imported_code_not_with_unrelated_cells(tmp_path):
    plain = notebook(tmp_path, "a.ipynb", "print(1)")
    other_code = notebook(tmp_path, "b.ipynb", "print(2)")
    importing = notebook(tmp_path, "c.ipynb", "from atlas.scenarios import fraud")
    # The notebook's own bytes are in mkdocs-jupyter's key; ours is what they import.
    assert notebook_cache.key([plain]) == notebook_cache.key([other_code])
    assert notebook_cache.key([plain]) != notebook_cache.key([importing])


def test_a_data_file_beside_imported_code_is_part_of_the_key(tmp_path, monkeypatch):
    importing = notebook(tmp_path, "c.ipynb", "from atlas.scenarios import fraud")
    before = notebook_cache.key([importing])
    data = next((ROOT / "atlas" / "scenarios" / "data").iterdir())
    original = Path.read_bytes

    def changed(path: Path) -> bytes:
        return original(path) + (b"x" if path == data else b"")

    monkeypatch.setattr(Path, "read_bytes", changed)
    assert notebook_cache.key([importing]) != before
