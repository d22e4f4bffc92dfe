"""Execute a notebook again only when it, or the code it imports, has changed.

mkdocs-jupyter can cache a rendered notebook, but its key is the notebook's bytes alone:
a notebook that imports a changed module of ours would show stale output. So its cache
folder is named after everything the result depends on besides the notebook itself:
the ``atlas`` modules its cells import (followed through their own imports), the data
files beside them, and ``uv.lock``. Change any of those and the folder is new, so the
notebook runs again; edit a Markdown page and the rebuild reuses the cached notebook.

A notebook not in the cache starts running the moment MkDocs loads the ``atlas-notebooks``
plugin (``NotebookPrefetch``, first in ``plugins``), while MkDocs loads the others and
renders the other pages: its kernel is a process of its own, so on two cores a clean
build waits for the slower of the two, not for their sum. nbclient runs it, as the
plugin's own execution does, and keeps the executed copy; once ``on_config`` has the
plugin's options, the copy is converted into the plugin's own cache entry, so the plugin
finds it when it renders the page. If that fails (a cell raises), nothing is written and
the plugin runs the notebook itself and reports the error as it always does.

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
import tempfile
import threading
from pathlib import Path

from mkdocs.plugins import BasePlugin

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


def _write(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` whole: the plugin, or a later build, never reads half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.write_text(text, encoding="utf-8")
    partial.replace(path)


def executed_path(notebook: Path, folder: Path) -> Path:
    """Where the executed copy of ``notebook`` (its bytes as they are now) is kept."""
    digest = hashlib.sha256(notebook.read_bytes()).hexdigest()[:16]
    return folder / "executed" / digest / notebook.name  # same name: the HTML may show it


def execute(notebook: Path, kernel_name: str, out: Path) -> None:
    """Run every cell top to bottom in a fresh kernel, as the plugin's execution does (the
    kernel's working folder is the notebook's), and save the notebook with its outputs."""
    import nbclient
    import nbformat
    from jupyter_client.manager import KernelManager

    nb = nbformat.read(notebook, as_version=4)
    with tempfile.TemporaryDirectory() as sockets:
        # Unix sockets in a private folder: no TCP port open, and no "Kernel is running
        # over TCP without encryption" warning from the kernel in every build's output.
        kernel = KernelManager(
            kernel_name=kernel_name or nb.metadata.kernelspec.name,
            transport="ipc",
            ip=str(Path(sockets) / "kernel"),
        )
        client = nbclient.NotebookClient(
            nb,
            km=kernel,
            allow_errors=False,
            record_timing=False,  # the same bytes on every run
            resources={"metadata": {"path": str(notebook.parent)}},
        )
        client.execute(cleanup_kc=True)  # shut the kernel down: it is ours, not nbclient's
    _write(out, nbformat.writes(nb) + "\n")  # as nbformat.write ends the file


def render_into_cache(executed: Path, notebook: Path, options: dict, cache_path: Path) -> None:
    """Convert the executed copy as the plugin converts ``notebook``; write its cache entry."""
    from mkdocs_jupyter import convert
    from mkdocs_jupyter.plugin import _get_nb_toc_tokens

    arguments = {name: options[name] for name in RENDER_OPTIONS}
    body = convert.nb2html(str(executed), execute=False, **arguments)
    toc_tokens, title = _get_nb_toc_tokens(str(notebook), options["toc_depth"])
    _write(cache_path, json.dumps({"content": body, "toc_tokens": toc_tokens, "title": title}))


class Prefetch:
    """One notebook executed in a background thread, then converted into the plugin's cache
    once :meth:`convert` hands over the plugin's options (they exist only after
    ``on_config``). On any error it writes nothing: the plugin then runs the notebook
    itself and reports the error as it always does."""

    def __init__(self, notebook: Path, folder: Path, kernel_name: str) -> None:
        self.notebook, self.folder, self.kernel_name = notebook, folder, kernel_name
        self._handed: tuple[dict, Path] | None = None
        self._handover = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"notebook {notebook.name}")
        self._thread.daemon = True  # a build that stops before on_config does not wait
        self._thread.start()

    def convert(self, options: dict | None, cache_path: Path | None = None) -> None:
        """Hand over the plugin's options and entry path; ``None``: convert nothing."""
        self._handed = None if options is None else (options, cache_path)
        self._handover.set()

    def join(self) -> None:
        self._thread.join()

    def _run(self) -> None:
        with contextlib.suppress(Exception):
            executed = executed_path(self.notebook, self.folder)
            if not executed.exists():
                execute(self.notebook, self.kernel_name, executed)
            self._handover.wait()
            if self._handed is not None and not self._handed[1].exists():
                render_into_cache(executed, self.notebook, *self._handed)


def _peek(config_file: Path) -> dict | None:
    """The plugin's options as mkdocs.yml writes them, before MkDocs has validated them."""
    from mkdocs.utils.yaml import yaml_load

    with config_file.open("rb") as source:
        raw = yaml_load(source) or {}
    for entry in raw.get("plugins") or []:
        if isinstance(entry, dict) and PLUGIN in entry:
            return entry[PLUGIN] or {}
        if entry == PLUGIN:
            return {}
    return None


def start(docs_dir: Path, config_file: Path, options: dict) -> dict[Path, Prefetch]:
    """A Prefetch per notebook under ``docs_dir`` (each skips what the cache holds)."""
    if not options.get("execute") or options.get("execute_ignore"):
        return {}  # no execution, or the plugin decides per page: leave it to the plugin
    notebooks = sorted(docs_dir.rglob("*.ipynb"))
    folder = config_file.parent / CACHE / key(notebooks)
    kernel_name = options.get("kernel_name", "")
    return {nb: Prefetch(nb, folder, kernel_name) for nb in notebooks}


def _stop(started: dict[Path, Prefetch], config):
    """Let these prefetches convert nothing (an execution under way still finishes)."""
    for prefetch in started.values():
        prefetch.convert(None)
    return config


class NotebookPrefetch(BasePlugin):
    """Listed first in ``plugins``, so the notebooks start running while MkDocs is still
    loading the other plugins (mkdocs-jupyter's own import takes most of a second): the
    kernel is a process of its own, so on two cores a clean build waits for the slower of
    the notebook and the rest of the build, not for their sum.

    It reads the mkdocs-jupyter options from mkdocs.yml as written; ``on_config`` checks
    them against the validated configuration and stops what it should not have started.
    """

    def load_config(self, options, config_file_path=None):
        result = super().load_config(options, config_file_path)
        self._started: dict[Path, Prefetch] = {}
        if config_file_path:
            config_file = Path(config_file_path).resolve()
            written = _peek(config_file)
            if written is not None:
                with contextlib.suppress(Exception):  # on_config starts what is missing
                    self._started = start(config_file.parent / "docs", config_file, written)
        return result

    def on_config(self, config):
        plugin = config.plugins.get(PLUGIN)
        started, self._started, self._running = self._started, {}, {}
        options = dict(plugin.config) if plugin is not None else {}
        if not options.get("execute"):
            return _stop(started, config)
        notebooks = sorted(Path(config.docs_dir).resolve().rglob("*.ipynb"))
        cache = Path(config.config_file_path).resolve().parent / CACHE
        folder = cache / key(notebooks)
        plugin.config["cache"] = True
        plugin.config["cache_dir"] = str(folder)
        options = dict(plugin.config)
        # Keep only the current folder: the plugin evicts stale entries inside it, not beside it.
        if cache.is_dir():
            for other in cache.iterdir():
                if other != folder and other.is_dir():
                    shutil.rmtree(other, ignore_errors=True)
        if options.get("execute_ignore"):  # the plugin decides per page: leave it to it
            return _stop(started, config)
        from mkdocs_jupyter.plugin import _compute_cache_key, _get_cache_path

        for notebook in notebooks:
            prefetch = started.pop(notebook, None)
            if prefetch is None or prefetch.folder != folder:
                if prefetch:
                    prefetch.convert(None)
                prefetch = Prefetch(notebook, folder, options["kernel_name"])
            entry = _get_cache_path(folder, _compute_cache_key(notebook, options, True))
            prefetch.convert(options, entry)
            self._running[str(notebook)] = prefetch
        return _stop(started, config)  # what is left: not in docs_dir after all

    def on_page_markdown(self, markdown, page, config, files):
        """Before mkdocs-jupyter renders a notebook page, let its prefetch finish."""
        prefetch = self._running.pop(str(Path(page.file.abs_src_path).resolve()), None)
        if prefetch is not None:
            prefetch.join()
        return markdown
