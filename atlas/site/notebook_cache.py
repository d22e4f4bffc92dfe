"""Execute a notebook again only when it, or the code it imports, has changed.

mkdocs-jupyter can cache a rendered notebook, but its key is the notebook's bytes alone:
a notebook that imports a changed module of ours would show stale output. So its cache
folder is named after everything the result depends on besides the notebook itself:
the ``atlas`` modules its cells import (followed through their own imports), the data
files beside them, and ``uv.lock``. Change any of those and the folder is new, so the
notebook runs again; edit a Markdown page and the rebuild reuses the cached notebook.

A notebook not in the cache is executed in a background thread from ``on_config`` on,
while MkDocs renders the other pages: its kernel is a process of its own, so on two cores
a clean build waits for the slower of the two, not for their sum. The thread writes the
plugin's own cache entry, so the plugin finds it when it renders the page; if it fails
(a cell raises), it writes nothing and the plugin runs the notebook itself and reports
the error as it always does.

>>> notebook = {"cells": [{"cell_type": "code", "source": ["from atlas.llm import connect"]}]}
>>> sorted(p.relative_to(ROOT).as_posix() for p in imported_files(notebook))[:2]
['atlas/__init__.py', 'atlas/llm/__init__.py']
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import shutil
import threading
from pathlib import Path

from atlas.site import imports

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = "atlas"
PLUGIN = "mkdocs-jupyter"
CACHE = Path(".cache") / "notebooks"  # beside mkdocs.yml


def _imports(source: str) -> set[str]:
    """The ``atlas`` modules a piece of code imports, by dotted name."""
    try:
        found = imports.statements(source)
    except SyntaxError:  # IPython magics: the execution will say what is wrong
        return set()
    names = set()
    for statement in found:
        names.add(statement.module)
        # `from atlas.scenarios import support` may name a module, not only a function.
        names.update(f"{statement.module}.{name}" for name in statement.names)
    return {name for name in names if name.split(".")[0] == PACKAGE}


def _file(module: str) -> Path | None:
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    return Path(spec.origin) if spec and spec.origin and spec.origin.endswith(".py") else None


def imported_files(notebook: dict) -> set[Path]:
    """Our source files the notebook's code cells import, directly or through others."""
    code = "\n".join(
        "".join(cell.get("source", []))
        for cell in notebook.get("cells", [])
        if cell.get("cell_type") == "code"
    )
    todo, found = list(_imports(code)), set()
    while todo:
        module = todo.pop()
        parts = module.split(".")
        # Importing a.b.c runs a/__init__.py and a/b/__init__.py first.
        for depth in range(1, len(parts) + 1):
            path = _file(".".join(parts[:depth]))
            if path and path not in found:
                found.add(path)
                todo.extend(_imports(path.read_text(encoding="utf-8")))
    return found


def key(notebook_paths: list[Path]) -> str:
    """A digest of what the notebooks' output depends on, besides the notebooks' bytes."""
    files = {ROOT / "uv.lock"}
    for path in notebook_paths:
        for source in imported_files(json.loads(path.read_text(encoding="utf-8"))):
            files.add(source)
            # Data read at run time (CSV, YAML) sits beside the code that reads it.
            files.update(p for p in source.parent.iterdir() if p.is_file() and p.suffix != ".py")
            data = source.parent / "data"
            if data.is_dir():
                files.update(p for p in data.rglob("*") if p.is_file())
    digest = hashlib.sha256()
    for path in sorted(f for f in files if f.is_file() and "__pycache__" not in f.parts):
        digest.update(path.relative_to(ROOT).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


# The arguments mkdocs-jupyter 0.26 (pinned in uv.lock) passes to convert.nb2html when it
# renders a page, and the cache entry it writes. tests/site/test_notebook_cache.py checks
# that an entry written here is byte for byte the one the plugin writes itself.
RENDER_OPTIONS = (
    "kernel_name",
    "theme",
    "allow_errors",
    "show_input",
    "no_input",
    "no_prompt",
    "remove_tag_config",
    "highlight_extra_classes",
    "include_requirejs",
    "custom_mathjax_url",
)
_running: dict[str, threading.Thread] = {}


def render_into_cache(notebook: Path, options: dict, cache_path: Path) -> None:
    """Execute and convert ``notebook`` as the plugin would, and write its cache entry."""
    from mkdocs_jupyter import convert
    from mkdocs_jupyter.plugin import _get_nb_toc_tokens

    body = convert.nb2html(
        str(notebook), execute=True, **{name: options[name] for name in RENDER_OPTIONS}
    )
    toc_tokens, title = _get_nb_toc_tokens(str(notebook), options["toc_depth"])
    entry = {"content": body, "toc_tokens": toc_tokens, "title": title}
    cache_path.parent.mkdir(parents=True, exist_ok=True)
    partial = cache_path.with_suffix(".partial")
    partial.write_text(json.dumps(entry), encoding="utf-8")
    partial.replace(cache_path)  # the plugin never reads half an entry


def _prefetch(notebook: Path, options: dict, cache_path: Path) -> None:
    # On any error the plugin finds no entry, runs the notebook itself and reports it.
    with contextlib.suppress(Exception):
        render_into_cache(notebook, options, cache_path)


def start_prefetch(plugin, notebooks: list[Path]) -> None:
    """One background execution per notebook the plugin's cache does not hold."""
    from mkdocs_jupyter.plugin import _compute_cache_key, _get_cache_path

    options = dict(plugin.config)
    if options.get("execute_ignore"):  # the plugin decides per page: leave it to it
        return
    for notebook in notebooks:
        path = _get_cache_path(options["cache_dir"], _compute_cache_key(notebook, options, True))
        if path.exists() or str(notebook) in _running:
            continue
        thread = threading.Thread(
            target=_prefetch, args=(notebook, options, path), name=f"notebook {notebook.name}"
        )
        thread.start()
        _running[str(notebook)] = thread


def on_page_markdown(markdown, page, config, files):
    """Before the plugin renders a notebook page, let its background execution finish."""
    thread = _running.pop(str(Path(page.file.abs_src_path)), None)
    if thread is not None:
        thread.join()
    return markdown


def on_config(config):
    plugin = config.plugins.get(PLUGIN)
    if plugin is None or not plugin.config.get("execute"):
        return config
    notebooks = sorted(Path(config.docs_dir).rglob("*.ipynb"))
    cache = Path(config.config_file_path).parent / CACHE
    folder = cache / key(notebooks)
    plugin.config["cache"] = True
    plugin.config["cache_dir"] = str(folder)
    # Keep only the current folder: the plugin evicts stale entries inside it, not beside it.
    if cache.is_dir():
        for other in cache.iterdir():
            if other != folder and other.is_dir():
                shutil.rmtree(other, ignore_errors=True)
    start_prefetch(plugin, notebooks)
    return config
