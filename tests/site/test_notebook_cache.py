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


def test_the_background_execution_writes_the_entry_the_plugin_would_write(tmp_path, monkeypatch):
    """Both convert the notebook with the same arguments and store the same bytes, so the
    plugin takes the background result for its own (recorded calls: nothing is executed)."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files
    from mkdocs.structure.pages import Page
    from mkdocs_jupyter import convert

    calls = []

    def fake_nb2html(*args, **kwargs):
        calls.append((args, kwargs))
        return "<p>converted</p>"

    monkeypatch.setattr(convert, "nb2html", fake_nb2html)
    config = load_config(str(ROOT / "mkdocs.yml"))
    plugin = config.plugins["mkdocs-jupyter"]
    plugin.config["cache"], plugin.config["cache_dir"] = True, str(tmp_path / "plugin")
    plugin.on_pre_build(config)
    files = plugin.on_files(get_files(config), config)
    file = files.get_file_from_path(NOTEBOOK.relative_to(ROOT / "docs").as_posix())
    page = plugin.on_pre_page(Page(None, file, config), config=config, files=files)
    page.render(config, files)
    (written,) = (tmp_path / "plugin").glob("*.json")

    ours = tmp_path / "ours" / written.name
    notebook_cache.render_into_cache(NOTEBOOK, dict(plugin.config), ours)
    assert calls[0] == calls[1], "the background execution converts with other arguments"
    assert ours.read_bytes() == written.read_bytes()


def test_a_failed_background_execution_leaves_no_entry_for_the_plugin(tmp_path, monkeypatch):
    from mkdocs_jupyter import convert

    def raising(*args, **kwargs):
        raise RuntimeError("a cell raised")

    monkeypatch.setattr(convert, "nb2html", raising)
    entry = tmp_path / "entry.json"
    notebook_cache._prefetch(NOTEBOOK, {"toc_depth": 6}, entry)
    assert not entry.exists() and not list(tmp_path.iterdir())
