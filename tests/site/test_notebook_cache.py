"""The notebooks' early execution and its cache, keyed by the code a notebook imports
(atlas/site/notebook_cache.py)."""

import json
from pathlib import Path

import pytest

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


def small_notebook(folder: Path) -> Path:
    """Stream, display and result outputs and a heading, in a kernel that starts fast."""
    import nbformat

    nb = nbformat.v4.new_notebook(
        metadata={"kernelspec": {"name": "python3", "display_name": "Python 3"}}
    )
    nb.cells = [
        nbformat.v4.new_markdown_cell("# Small\n\nWhat you will learn: nothing."),
        nbformat.v4.new_code_cell("import os\nprint(os.path.basename(os.getcwd()))"),
        nbformat.v4.new_code_cell("from IPython.display import HTML\nHTML('<b>bold</b>')"),
        nbformat.v4.new_code_cell("sum(range(10))"),
    ]
    folder.mkdir(parents=True)
    path = folder / "small.ipynb"
    nbformat.write(nb, path)
    return path


@pytest.mark.slow  # two kernels
def test_executing_first_then_converting_gives_the_entry_the_plugin_writes(tmp_path):
    """The plugin executes while it converts; we execute early, then convert the executed
    copy. Same notebook, same options: the same bytes in the cache entry, and the kernel ran
    in the notebook's folder both times."""
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files
    from mkdocs.structure.pages import Page

    docs = tmp_path / "docs"
    small = small_notebook(docs / "in_its_folder")
    config = load_config(str(ROOT / "mkdocs.yml"), docs_dir=str(docs))
    plugin = config.plugins["mkdocs-jupyter"]
    plugin.config["cache"], plugin.config["cache_dir"] = True, str(tmp_path / "plugin")
    plugin.on_pre_build(config)
    files = plugin.on_files(get_files(config), config)
    page = Page(None, files.get_file_from_path("in_its_folder/small.ipynb"), config)
    plugin.on_pre_page(page, config=config, files=files).render(config, files)
    (written,) = (tmp_path / "plugin").glob("*.json")

    executed = notebook_cache.executed_path(small, tmp_path / "ours")
    notebook_cache.execute(small, "", executed)
    ours = tmp_path / "ours" / written.name
    notebook_cache.render_into_cache(executed, small, dict(plugin.config), ours)
    assert "<b>bold</b>" in ours.read_text() and "45" in ours.read_text()
    assert "in_its_folder" in json.loads(ours.read_text())["content"]  # the working folder
    assert ours.read_bytes() == written.read_bytes()


def test_a_failed_execution_leaves_nothing_for_the_plugin(tmp_path, monkeypatch):
    def raising(*args):
        raise RuntimeError("a cell raised")

    monkeypatch.setattr(notebook_cache, "execute", raising)
    prefetch = notebook_cache.Prefetch(NOTEBOOK, tmp_path / "cache", "")
    prefetch.convert({"toc_depth": 6}, tmp_path / "cache" / "entry.json")
    prefetch.join()
    assert not (tmp_path / "cache").exists()


@pytest.mark.parametrize("execute", [True, False])
def test_loading_the_plugin_starts_the_notebooks_only_if_mkdocs_yml_executes_them(
    tmp_path, monkeypatch, execute
):
    """Started before mkdocs-jupyter loads: from mkdocs.yml as written (a test copy of
    the project turns execution off there)."""
    started = []

    class Recorder:
        def __init__(self, notebook, folder, kernel_name):
            started.append(notebook.relative_to(tmp_path).as_posix())
            self.folder = folder

        def convert(self, options, cache_path=None):
            pass

    monkeypatch.setattr(notebook_cache, "Prefetch", Recorder)
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "\n      execute: true\n" in text, "mkdocs.yml: mkdocs-jupyter's execute moved"
    written = text.replace("execute: true", f"execute: {str(execute).lower()}")
    (tmp_path / "mkdocs.yml").write_text(written, encoding="utf-8")
    small_notebook(tmp_path / "docs" / "in_its_folder")
    notebook_cache.NotebookPrefetch().load_config({}, str(tmp_path / "mkdocs.yml"))
    assert started == (["docs/in_its_folder/small.ipynb"] if execute else [])
