"""Shared plumbing for the roadmap's done-when checks (each project's ``check.py``).

A check tests *your* code: ``make check P=<project>`` points it at your copy in
``work/`` through an environment variable. ``ATLAS_SOLUTION`` is either a name of a file
next to the check (``starter``, ``solution``) or a path to a ``.py`` file anywhere;
unset, the check tests ``starter.py``.
"""

from __future__ import annotations

import contextlib
import importlib.util
import os
import random
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


class Scripted:
    """A test double that replies with fixed texts, in order, and records every call.

    Each call is recorded exactly as sent: ``calls[i]["kwargs"]`` holds only the keyword
    arguments your code passed, so a temperature left out is told apart from ``0``.
    When the script runs out, the double fails the test saying how many calls it expected.
    """

    def __init__(self, *replies: str) -> None:
        self.replies = list(replies)
        self.calls: list[dict] = []

    def complete(self, messages, **kwargs):
        self.calls.append({"messages": [dict(m) for m in messages], "kwargs": dict(kwargs)})
        if not self.replies:
            pytest.fail(
                f"your code called the model {len(self.calls)} times; this test scripted only "
                f"{len(self.calls) - 1} replies",
                pytrace=False,
            )
        return self.replies.pop(0)


class Ranked:
    """A test double: a retriever with a fixed ranking per question; it records each k.

    ``chunk`` makes a result from an id (your module's ``Chunk``, with a stand-in text).
    """

    def __init__(self, ranking: dict[str, list[str]], chunk) -> None:
        self.ranking, self.chunk, self.ks = ranking, chunk, []

    def search(self, question, k=3):
        self.ks.append(k)
        return [self.chunk(i, "text") for i in self.ranking[question]][:k]


def ranked_case(
    names: list[str], ranks: list[int | None], rng: random.Random, *, others: int
) -> tuple[dict[str, list[str]], list[tuple[str, str]]]:
    """A ranking for :class:`Ranked` and the labelled questions it answers.

    Question ``i`` expects ``names[i]``: its file's chunk is at ``ranks[i]`` (``None``: not
    retrieved), among ``others`` chunks of the other files, with a second chunk of the same
    file right after it (which must count no extra).
    """
    ranking, labelled = {}, []
    for number, rank in enumerate(ranks):
        question, expected = f"question {number}?", names[number]
        pool = [f"{n}#{j}" for n in names if n != expected for j in range(2)]
        found = rng.sample(pool, others)
        if rank is not None:
            found.insert(rank, f"{expected}#{rng.randint(0, 3)}")
            found.insert(rank + 1, f"{expected}#9")
        ranking[question] = found
        labelled.append((question, expected))
    return ranking, labelled
