"""One small task per roadmap project and scenario, run on a real model.

Each probe takes the code under test (a project's solution module, the reference or a
learner's own ``work/`` file), the model from :func:`atlas.llm.connect` and the
:class:`Harness` (which counts the HTTP calls the proxy saw), runs one task the project
teaches, and returns an :class:`Outcome`: passed or not against a criterion written down
before any run, and what happened. The criteria are tolerant (a tiny model is not
expected to write good prose) but real: each one fails when the model does not do the
thing the project is about.

A project that makes no model call says so in :data:`NO_MODEL_CALL`. A project in
``projects.yaml`` that has neither a probe nor an entry there is reported as having no
real-model probe, never as passed.

The probes themselves are in this package's modules: ``projects.py`` (one per roadmap
project), ``scenarios.py`` (one per scenario) and ``behaviours.py`` (the four server
behaviours of :mod:`atlas.llm.real_model.behaviours`); importing the package registers
them all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from types import ModuleType

from atlas.llm import ChatModel
from atlas.llm.real_model.proxy import Exchange, Proxy

#: Seconds a real-model call may take. The adapter's default (60 s) is for a reader's
#: interactive use; on a shared 2-core machine a queued call can take longer.
CALL_TIMEOUT = 240.0


@dataclass(frozen=True)
class Outcome:
    passed: bool
    detail: str  # what happened, in a line or two


@dataclass
class Harness:
    """What a probe may need besides the model: the proxy, its URL and the model name."""

    proxy: Proxy
    model_name: str

    @property
    def base_url(self) -> str:
        return self.proxy.base_url

    def calls_since(self, mark: int) -> list[Exchange]:
        return self.proxy.since(mark)


Probe = Callable[[ModuleType, ChatModel, Harness], Outcome]


@dataclass(frozen=True)
class Entry:
    probe: Probe
    criterion: str  # what passing means, shown in the report


PROJECTS: dict[str, Entry] = {}
SCENARIOS: dict[str, Entry] = {}
BEHAVIOURS: dict[str, Entry] = {}
#: Projects that never call a model, with the reason shown in the report.
NO_MODEL_CALL = {
    "adapt-model": "a decision guide in plain code: it makes no model call, so there is "
    "nothing to run against a model",
    "vector-search": "its embeddings are computed locally (LSA, with numpy), and it makes no "
    "chat-model call, so there is nothing to run against a model",
}


def project(slug: str, criterion: str) -> Callable[[Probe], Probe]:
    def register(probe: Probe) -> Probe:
        PROJECTS[slug] = Entry(probe, criterion)
        return probe

    return register


def scenario(name: str, criterion: str) -> Callable[[Probe], Probe]:
    def register(probe: Probe) -> Probe:
        SCENARIOS[name] = Entry(probe, criterion)
        return probe

    return register


def behaviour(name: str, criterion: str) -> Callable[[Probe], Probe]:
    def register(probe: Probe) -> Probe:
        BEHAVIOURS[name] = Entry(probe, criterion)
        return probe

    return register


# Each module registers its probes with the decorators above.
from atlas.llm.real_model.probes import behaviours, projects, scenarios  # noqa: E402, F401
