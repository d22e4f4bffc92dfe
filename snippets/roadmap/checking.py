"""Shared plumbing for the roadmap's done-when checks (each project's ``check.py``).

A check tests *your* code. By default it loads ``starter.py`` next to it, the file you
edit. Point it at another file in the same folder with an environment variable::

    ATLAS_SOLUTION=solution pytest snippets/roadmap/first_call/check.py

``ATLAS_SOLUTION`` may also be a path to a ``.py`` file anywhere, e.g. your own copy.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

VARIABLE = "ATLAS_SOLUTION"


def load_reader_module(check_file: str) -> ModuleType:
    """Import the module under test for the check file ``check_file``."""
    folder = Path(check_file).resolve().parent
    name = os.environ.get(VARIABLE, "starter")
    path = Path(name) if name.endswith(".py") else folder / f"{name}.py"
    if not path.is_file():
        pytest.fail(f"{VARIABLE}={name!r}: no such file {path}", pytrace=False)
    spec = importlib.util.spec_from_file_location(f"reader_{folder.name}_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # pydantic and dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


@contextlib.contextmanager
def step(what: str):
    """Turn a step you have not written yet into one short, readable failure."""
    try:
        yield
    except NotImplementedError as error:
        failure = pytest.fail.Exception(f"Not done yet ({what}): {error}", pytrace=False)
        raise failure from None  # one clear line, not a chain of tracebacks
