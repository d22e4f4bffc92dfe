"""The real ``openai`` client, over real HTTP, against a local server on 127.0.0.1.

The server (``atlas.llm.server``) is a stdlib HTTP server answered by the offline
stand-in: no mock objects stand between the client and the wire.
"""

from __future__ import annotations

import json
import socket
import time

import pytest
from pydantic import BaseModel

from atlas.llm import (
    ModelConfigError,
    ModelUnreachable,
    OfflineStandIn,
    OpenAIChat,
    StructuredOutputError,
    ask_json,
    connect,
)
from atlas.llm.server import MODEL_NAME, running
from atlas.roadmap.checking import Scripted

CONTEXT = "Refunds take 5 days. Shipping is free over 50 euros. Support answers within a day."
MESSAGES = [
    {"role": "system", "content": CONTEXT},
    {"role": "user", "content": "How long do refunds take?"},
]


class Refund(BaseModel):
    days: int


@pytest.fixture
def server():
    with running() as server:
        yield server


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_client_gets_the_stand_ins_answer_over_http(server):
    model = OpenAIChat(server.base_url, MODEL_NAME)
    assert model.complete(MESSAGES) == OfflineStandIn().complete(MESSAGES)
    sent = server.requests[-1]
    assert sent["model"] == MODEL_NAME
    assert sent["messages"] == MESSAGES
    assert sent["temperature"] == 0.0


def test_json_schema_travels_as_response_format(server):
    model = OpenAIChat(server.base_url, MODEL_NAME)
    reply = model.complete(MESSAGES, json_schema=Refund.model_json_schema())
    assert json.loads(reply) == {"days": 5}
    response_format = server.requests[-1]["response_format"]
    assert response_format["type"] == "json_schema"
    assert response_format["json_schema"]["schema"] == Refund.model_json_schema()
    assert response_format["json_schema"]["name"] == "Refund"


def test_ask_json_validates_over_http(server):
    assert ask_json(OpenAIChat(server.base_url, MODEL_NAME), MESSAGES, Refund) == Refund(days=5)


def test_connect_with_a_blank_base_url_is_the_stand_in(monkeypatch):
    """A variable exported empty (`OPENAI_BASE_URL= make ...`) means no endpoint."""
    monkeypatch.setenv("OPENAI_BASE_URL", "  ")
    monkeypatch.setenv("OPENAI_MODEL", MODEL_NAME)
    model = connect(seed=4)
    assert isinstance(model, OfflineStandIn) and repr(model) == "OfflineStandIn(seed=4)"


def test_connect_with_base_url_uses_the_real_client(server, monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
    monkeypatch.setenv("OPENAI_MODEL", MODEL_NAME)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-key")
    model = connect()
    assert isinstance(model, OpenAIChat)
    assert model.complete(MESSAGES) == "Refunds take 5 days."
    assert len(server.requests) == 1
    # The argument overrides OPENAI_MODEL.
    connect("another-model").complete(MESSAGES)
    assert server.requests[-1]["model"] == "another-model"


def test_api_key_is_sent_as_bearer_token(monkeypatch):
    seen = {}

    from atlas.llm import server as server_module

    original = server_module.ChatHandler.do_POST

    def do_post(handler):
        seen["auth"] = handler.headers.get("Authorization")
        original(handler)

    monkeypatch.setattr(server_module.ChatHandler, "do_POST", do_post)
    with running(OfflineStandIn()) as srv:
        OpenAIChat(srv.base_url, MODEL_NAME, api_key="sk-from-test").complete(MESSAGES)
    assert seen["auth"] == "Bearer sk-from-test"


def test_live_mode_without_base_url_names_the_variables(monkeypatch):
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    with pytest.raises(ModelConfigError) as caught:
        OpenAIChat.from_env()
    message = str(caught.value)
    for variable in ("OPENAI_BASE_URL", "OPENAI_MODEL", "OPENAI_API_KEY"):
        assert variable in message


def test_base_url_without_model_name_says_set_openai_model(monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    monkeypatch.delenv("OPENAI_MODEL", raising=False)
    with pytest.raises(ModelConfigError, match="OPENAI_MODEL") as caught:
        connect()
    assert "http://127.0.0.1:9/v1" in str(caught.value)


def test_unreachable_endpoint_fails_fast_naming_the_url():
    url = f"http://127.0.0.1:{closed_port()}/v1"
    model = OpenAIChat(url, MODEL_NAME)
    started = time.monotonic()
    with pytest.raises(ModelUnreachable) as caught:
        model.complete(MESSAGES)
    assert time.monotonic() - started < 5
    assert url in str(caught.value)
    assert "could not connect" in str(caught.value)


def test_silent_endpoint_times_out_naming_the_url():
    """A server that accepts the connection but never answers: the read timeout fires."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(1)
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/v1"
        model = OpenAIChat(url, MODEL_NAME, timeout=0.5, connect_timeout=0.5)
        started = time.monotonic()
        with pytest.raises(ModelUnreachable) as caught:
            model.complete(MESSAGES)
        elapsed = time.monotonic() - started
    assert elapsed < 5
    assert url in str(caught.value)
    assert "did not answer in time" in str(caught.value)


def test_http_error_names_url_and_status(server):
    model = OpenAIChat(server.base_url, MODEL_NAME)
    bad = [{"role": "assistant", "content": "The last message is not the user's."}]
    with pytest.raises(ModelUnreachable) as caught:
        model.complete(bad)
    assert server.base_url in str(caught.value)
    assert "HTTP 400" in str(caught.value)
    assert "last message must come from the user" in str(caught.value)


def test_invalid_json_is_retried_once_with_the_error_shown():
    backend = Scripted("five days", '{"days": 5}')
    shown: list[str] = []
    with running(backend) as srv:
        result = ask_json(
            OpenAIChat(srv.base_url, MODEL_NAME), MESSAGES, Refund, report=shown.append
        )
    assert result == Refund(days=5)
    assert len(backend.calls) == 2
    assert len(shown) == 1 and "Invalid JSON" in shown[0]
    # The retry tells the model what was wrong and repeats the question last.
    correction = backend.calls[1]["messages"][-1]["content"]
    assert "not valid JSON for the schema" in correction
    assert correction.splitlines()[-1] == "How long do refunds take?"
    assert backend.calls[1]["messages"][-2] == {"role": "assistant", "content": "five days"}


def test_second_bad_reply_raises_with_both_errors_and_no_third_call():
    backend = Scripted('{"days": "soon"}', '{"weeks": 1}', '{"days": 5}')
    with running(backend) as srv:
        model = OpenAIChat(srv.base_url, MODEL_NAME)
        with pytest.raises(StructuredOutputError) as caught:
            ask_json(model, MESSAGES, Refund, report=lambda _: None)
    message = str(caught.value)
    assert len(backend.calls) == 2  # one retry, never more
    assert "attempt 1: days: Input should be a valid integer" in message
    assert "attempt 2: days: Field required" in message
    assert "'{\"weeks\": 1}'" in message


def test_no_retry_when_asked(caplog):
    backend = Scripted("not json", '{"days": 5}')
    with pytest.raises(StructuredOutputError, match="1 attempt\\)"):
        ask_json(backend, MESSAGES, Refund, retry=False)
    assert len(backend.calls) == 1
    assert "reply rejected by Refund" in caplog.text


def test_server_answers_models_and_unknown_routes(server):
    models = OpenAIChat(server.base_url, MODEL_NAME).client.models.list()
    assert [m.id for m in models.data] == [MODEL_NAME]
    import urllib.error
    import urllib.request

    with pytest.raises(urllib.error.HTTPError) as caught:
        urllib.request.urlopen(server.base_url.replace("/v1", "/nothing"), timeout=5)
    assert caught.value.code == 404


def test_sampling_varies_but_repeats_per_seed():
    long_context = (
        "Refunds take 5 days. Refunds go to the original card. Refunds for gifts go to "
        "store credit. Refunds need the order number. Shipping is free."
    )
    messages = [
        {"role": "system", "content": long_context},
        {"role": "user", "content": "How do refunds work?"},
    ]

    def run(seed):
        with running(OfflineStandIn(seed=seed)) as srv:
            model = OpenAIChat(srv.base_url, MODEL_NAME)
            return [model.complete(messages, temperature=1.0) for _ in range(4)]

    first = run(0)
    assert run(0) == first
    assert len(set(first)) > 1


def test_connect_passes_stand_in_options_only_offline(monkeypatch):
    monkeypatch.delenv("OPENAI_BASE_URL", raising=False)
    model = connect(seed=3, max_sentences=1)
    assert repr(model) == "OfflineStandIn(seed=3, max_sentences=1)"
    assert model.complete(MESSAGES) == "Refunds take 5 days."
