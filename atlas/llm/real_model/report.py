"""The real-model report: committed data, a rendered Markdown copy, and the pages' blocks.

``make real-model`` writes ``report.json`` (the data) and ``report.md`` (the same, for
reading on GitHub) next to this file. The site never runs a model: at build time a
placeholder line ``<!-- real-model: SLUG -->`` on a page is replaced by a block made from
the committed report (:func:`fill`), where SLUG is a project's slug, ``scenario:NAME``,
``behaviour:NAME`` or ``summary``. A slug the report does not know fails the build.
"""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path
from typing import Any

from atlas.datafile import DataError

HERE = Path(__file__).resolve().parent
REPORT = HERE / "report.json"
RENDERED = HERE / "report.md"
FORMAT = "atlas-real-model-report"
VERSION = 1
PLACEHOLDER = re.compile(r"^<!-- real-model: ([\w:-]+) -->$", re.MULTILINE)
STATUSES = ("passed", "failed", "no real-model probe", "no model call", "no solution")
KINDS = ("project", "scenario", "behaviour")
#: How much of a transcript the report keeps: exchanges per result, characters per text.
KEEP_EXCHANGES = 3
KEEP_CHARS = 700

EXPECT = (
    "What to expect: SmolLM2-135M-Instruct has 135 million parameters, the smallest of the "
    "SmolLM2 family (which also has 360M and 1.7B). It keeps to a shape it is forced into "
    "(JSON through the server's grammar) and rarely to one it is only asked for in words; it "
    "often answers from what it learned in training instead of the context it is given, "
    "cites nothing unless the code adds the citation, and fills a forced shape with wrong "
    "values. Such failures say more about the model's size than about your code. A larger "
    "model would be expected to follow instructions and context far more often, but nothing "
    "on this site measures one, and nothing here says how well language models work in "
    "general."
)


def clip(text: str, limit: int = KEEP_CHARS) -> str:
    text = str(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def transcript(exchanges: list[Any]) -> list[dict[str, Any]]:
    """The first few exchanges of a result, texts clipped, as plain data."""
    kept = []
    for e in exchanges[:KEEP_EXCHANGES]:
        kept.append(
            {
                "messages": [
                    {"role": m.get("role", "?"), "content": clip(m.get("content") or "")}
                    for m in e.messages
                ],
                "json_mode": "response_format" in e.request,
                "streamed": e.streamed,
                "status": e.status,
                "reply": clip(e.reply),
                "finish_reason": e.finish_reason,
                "milliseconds": e.milliseconds,
                "injected": e.injected,
                "rewritten": e.rewritten,
            }
        )
    return kept


def totals(exchanges: list[Any]) -> dict[str, Any]:
    return {
        "calls": len(exchanges),
        "prompt_tokens": sum(e.prompt_tokens or 0 for e in exchanges),
        "completion_tokens": sum(e.completion_tokens or 0 for e in exchanges),
        "latency_ms": round(sum(e.milliseconds for e in exchanges), 1),
        "slowest_ms": max((e.milliseconds for e in exchanges), default=0.0),
    }


def summary(results: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Per kind: how many were probed, how many passed, and which were not probed."""
    out = {}
    for kind in KINDS:
        mine = [r for r in results if r["kind"] == kind]
        probed = [r for r in mine if r["status"] in ("passed", "failed")]
        out[kind] = {
            "probed": len(probed),
            "passed": sum(r["status"] == "passed" for r in probed),
            "not_probed": {r["slug"]: r["status"] for r in mine if r not in probed},
        }
    return out


# --- Reading and checking ---------------------------------------------------------------


def load(path: Path = REPORT) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as error:
        raise DataError(f"{path}: no real-model report; run 'make real-model'") from error
    except ValueError as error:
        raise DataError(f"{path}: not JSON: {error}") from error
    problems = []
    if data.get("format") != FORMAT or data.get("version") != VERSION:
        problems.append(f"format/version must be {FORMAT!r}/{VERSION}")
    for field in ("date", "model", "runtime", "results", "timings"):
        if field not in data:
            problems.append(f"field {field!r} is missing")
    for number, result in enumerate(data.get("results", []), start=1):
        if result.get("status") not in STATUSES:
            problems.append(f"result {number} ({result.get('slug')!r}): status not in {STATUSES}")
        if result.get("kind") not in KINDS:
            problems.append(f"result {number} ({result.get('slug')!r}): kind not in {KINDS}")
    if problems:
        raise DataError("\n".join(f"{path}: {p}" for p in problems))
    return data


def find(data: dict[str, Any], key: str) -> dict[str, Any]:
    kind, _, slug = key.rpartition(":")
    kind = kind or "project"
    for result in data["results"]:
        if result["kind"] == kind and result["slug"] == slug:
            return result
    known = [f"{r['kind']}:{r['slug']}" for r in data["results"]]
    raise DataError(f"{REPORT.name}: no result for {key!r}; the report has {known}")


def project_slugs() -> list[str]:
    from atlas.roadmap.catalogue import load as load_catalogue

    return [p.slug for p in load_catalogue()[1]]


# --- Rendering ------------------------------------------------------------------------


def provenance(data: dict[str, Any]) -> str:
    model, runtime = data["model"], data["runtime"]
    return (
        f"{model['name']} ({model['file']}, from {model['package']} "
        f"{model['package_version']}), served by {runtime['name']} {runtime['version']} "
        f"on {data['machine']['cpus']} CPU cores, {data['date'][:10]}"
    )


def fence(text: str) -> str:
    """``text`` in a fenced block long enough not to clash with backticks inside."""
    ticks = "`" * max(3, max((len(m) for m in re.findall(r"`+", text)), default=0) + 1)
    return f"{ticks}text\n{text}\n{ticks}"


def wrapped(line: str, width: int = 64) -> list[str]:
    """One transcript line, wrapped (with its own line breaks kept) to fit a phone."""
    out = []
    for part in line.splitlines() or [""]:
        out += textwrap.wrap(part, width, subsequent_indent="  ", break_long_words=True) or [""]
    return out


def render_exchange(exchange: dict[str, Any]) -> str:
    lines = []
    for message in exchange["messages"]:
        lines.append(f"[{message['role']}] {message['content']}")
    if exchange.get("injected"):
        lines.append(f"[proxy] {exchange['injected']} (HTTP {exchange['status']})")
    else:
        how = "streamed, " if exchange["streamed"] else ""
        how += "JSON mode, " if exchange["json_mode"] else ""
        lines.append(
            f"[model, {how}HTTP {exchange['status']}, {exchange['milliseconds']:.0f} ms, "
            f"finish: {exchange.get('finish_reason')}] {exchange['reply']}"
        )
    return fence("\n".join(w for line in lines for w in wrapped(line)))


def figures(result: dict[str, Any]) -> str:
    t = result["totals"]
    return (
        f"{t['calls']} call{'s' if t['calls'] != 1 else ''}, {t['prompt_tokens']} prompt and "
        f"{t['completion_tokens']} reply tokens, {t['latency_ms'] / 1000:.1f} s in the model"
    )


def block(data: dict[str, Any], key: str) -> str:
    """The Markdown a page's ``<!-- real-model: KEY -->`` placeholder becomes."""
    if key == "summary":
        return summary_table(data)
    try:
        result = find(data, key)
    except DataError:
        if key not in project_slugs():
            raise
        return (  # a new project, added since the last run: say so, do not fail the build
            f'!!! note "Not in the latest real-model report yet"\n\n'
            f"    The latest `make real-model` run ({data['date'][:10]}) predates this project. "
            f"Run `make real-model P={key}` on your own code, or `make real-model` to "
            "refresh the report.\n"
        )
    status = result["status"]
    kind = {"passed": "success", "failed": "failure"}.get(status, "note")
    head = f"A real small model ran this: {status}"
    lines = [f"/// details | {head} ({data['model']['name']}, {data['date'][:10]})",
             f"    type: {kind}", ""]  # fmt: skip
    if result["kind"] == "project":
        lines += [
            f"Run your own `work/` code against the same model with `make real-model "
            f"P={result['slug']}`. The first time, it installs the runtime and compiles "
            "llama.cpp (about 3 minutes on the 2-core machine this site is built on; up to "
            "half an hour on slower ones); later runs start in seconds. The done-when check "
            "above stays the judge of your code: it is deterministic, the model is not.",
            "",
        ]
    if status in ("passed", "failed"):
        lines += [
            f"**Task:** {result['criterion']}.",
            "",
            f"**Result:** {status}: {result['detail']}",
            "",
            f"**Cost:** {figures(result)}.",
            "",
        ]
        if result["transcript"]:
            shown = result["transcript"]
            lines += [
                "The first call, as the server saw it:" if len(shown) == 1 else
                f"The first {len(shown)} calls, as the server saw them:", "",
            ]  # fmt: skip
            for exchange in shown:
                lines += [render_exchange(exchange), ""]
    else:
        lines += [f"**Result:** {status}: {result['detail']}", ""]
    lines += [
        f"*From the latest `make real-model` report: {provenance(data)}.* {EXPECT}",
        "///",
    ]
    return "\n".join(lines)


def summary_table(data: dict[str, Any]) -> str:
    rows = ["| | Result | Calls | Tokens (prompt + reply) | Time in the model |",
            "| --- | --- | --- | --- | --- |"]  # fmt: skip
    for result in data["results"]:
        t = result.get("totals") or {}
        name = result.get("title") or result["slug"]
        rows.append(
            f"| {result['kind']}: {name} | {result['status']} | {t.get('calls', 0)} | "
            f"{t.get('prompt_tokens', 0)} + {t.get('completion_tokens', 0)} | "
            f"{t.get('latency_ms', 0) / 1000:.1f} s |"
        )
    s = data["summary"]
    counts = "; ".join(
        f"{kind}s: {s[kind]['passed']} of {s[kind]['probed']} passed"
        + (
            f" ({len(s[kind]['not_probed'])} not run: see the table)"
            if s[kind]["not_probed"]
            else ""
        )
        for kind in KINDS
    )
    timings = data["timings"]
    return "\n".join(
        [
            f"*{provenance(data)}. {counts}. The whole run took "
            f"{timings['run_seconds'] / 60:.1f} minutes after set-up.*",
            "",
            *rows,
        ]
    )


def markdown(data: dict[str, Any]) -> str:
    """The whole report as a Markdown document (``report.md``)."""
    h = data["harness"]
    parts = [
        "# Real-model report",
        "",
        f"Written by `make real-model` on {data['date']}. Do not edit: run it again.",
        "",
        f"- Model: {data['model']['name']} ({data['model']['file']}, "
        f"{data['model']['package']} {data['model']['package_version']})",
        f"- Runtime: {data['runtime']['name']} {data['runtime']['version']}, n_ctx "
        f"{data['runtime']['n_ctx']}, chat template: {data['runtime']['chat_template']}",
        f"- Machine: {data['machine']['cpus']} CPU cores, Python {data['machine']['python']}",
        f"- Harness: replies capped at {h['default_max_tokens']} tokens when the code sets "
        f"no limit; response_format json_schema rewritten to llama-cpp-python's json_object "
        f"with schema: {h['json_schema_as_json_object']}",
        f"- Times: runtime set-up {data['timings']['setup_seconds']:.0f} s this run (0 = "
        f"already installed), server ready in {data['timings']['server_ready_seconds']:.1f} s, "
        f"run {data['timings']['run_seconds']:.0f} s",
        "",
        summary_table(data),
        "",
        EXPECT,
    ]
    for result in data["results"]:
        parts += ["", f"## {result['kind']}: {result.get('title') or result['slug']}", "",
                  f"**{result['status']}**: {result['detail']}", ""]  # fmt: skip
        if result.get("criterion"):
            parts += [f"Criterion: {result['criterion']}.", ""]
        if result.get("totals", {}).get("calls"):
            parts += [figures(result) + ".", ""]
        for exchange in result.get("transcript", []):
            parts += [render_exchange(exchange), ""]
    return "\n".join(parts).rstrip() + "\n"


def write(data: dict[str, Any], path: Path = REPORT, rendered: Path = RENDERED) -> None:
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    rendered.write_text(markdown(data), encoding="utf-8")


# --- The build-time filler ------------------------------------------------------------


def fill(markdown_text: str, *, page_uri: str = "", docs_dir: Path | None = None,
         path: Path = REPORT) -> str:  # fmt: skip
    """Replace each ``<!-- real-model: KEY -->`` line with its block from the report."""
    if not PLACEHOLDER.search(markdown_text):
        return markdown_text
    data = load(path)
    return PLACEHOLDER.sub(lambda m: block(data, m.group(1)), markdown_text)
