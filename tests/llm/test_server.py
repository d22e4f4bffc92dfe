"""The site's own stand-in server (``atlas/llm/server.py``) with the plain official client.

Each test uses ``openai.OpenAI`` as a reader would after the page's set-up block, not the
site's adapter: what works must work there, and what the stand-in cannot do must be
refused with an HTTP error that says so, never silently ignored.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request

import openai
import pytest

from atlas.llm import OfflineStandIn, OpenAIChat
from atlas.llm.server import MODEL_NAME, running

MESSAGES = [
    {"role": "system", "content": "Refunds take 5 days. Shipping is free over 50 euros."},
    {"role": "user", "content": "How long do refunds take, and is shipping free?"},
]
EXPECTED = OfflineStandIn().complete(MESSAGES)
TOOL = {
    "type": "function",
    "function": {
        "name": "refund_days",
        "parameters": {"type": "object", "properties": {"order": {"type": "string"}}},
    },
}


@pytest.fixture
def server():
    with running() as server:
        yield server


@pytest.fixture
def client(server):
    return openai.OpenAI(base_url=server.base_url, api_key="unused")


def create(client, **options):
    return client.chat.completions.create(model=MODEL_NAME, messages=MESSAGES, **options)


def test_the_pages_variables_work_with_a_plain_client(server, monkeypatch):
    # What the page's "No model at all" block exports; the client reads the first two.
    monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", "unused")
    reply = create(openai.OpenAI())
    assert reply.choices[0].message.content == EXPECTED
    assert reply.choices[0].finish_reason == "stop"
    assert reply.usage.completion_tokens == len(EXPECTED.split())


def test_stream_sends_the_reply_in_several_events(client):
    events = list(create(client, stream=True))
    pieces = [e.choices[0].delta.content for e in events if e.choices[0].delta.content]
    assert len(pieces) > 1, (
        "atlas/llm/server.py: stream=True must answer with server-sent events, a few words "
        f"each; the client read {len(events)} events"
    )
    assert "".join(pieces) == EXPECTED
    assert events[0].choices[0].delta.role == "assistant"
    assert events[-1].choices[0].finish_reason == "stop"


def test_stream_options_include_usage_adds_a_usage_event(client):
    events = list(create(client, stream=True, stream_options={"include_usage": True}))
    assert events[-1].choices == []
    assert events[-1].usage.completion_tokens == len(EXPECTED.split())


def test_the_adapter_streams_the_same_reply(server):
    pieces = list(OpenAIChat(server.base_url, MODEL_NAME).stream(MESSAGES))
    assert len(pieces) > 1 and "".join(pieces) == EXPECTED


@pytest.mark.parametrize(
    ("options", "param", "words"),
    [
        ({"tools": [TOOL]}, "tools", "tools are not supported by this server"),
        ({"tools": [TOOL], "stream": True}, "tools", "the offline stand-in cannot call tools"),
        (
            {"extra_body": {"functions": [TOOL["function"]]}},
            "functions",
            "functions are not supported",
        ),
        ({"n": 2}, "n", "n=2 is not supported by this server"),
        ({"response_format": {"type": "json_schema"}}, "response_format", "needs json_schema"),
        ({"response_format": {"type": "yaml"}}, "response_format", "'yaml' is not supported"),
    ],
)
def test_what_the_stand_in_cannot_do_is_refused_with_a_clear_400(
    client, server, options, param, words
):
    with pytest.raises(openai.BadRequestError) as caught:
        create(client, **options)
    assert words in caught.value.message, (
        f"atlas/llm/server.py should refuse {options} with HTTP 400 saying {words!r}; "
        f"it said {caught.value.message!r}"
    )
    assert caught.value.body["param"] == param
    assert server.requests == [], "a refused request never reaches the stand-in"


def test_json_mode_returns_a_json_object(client):
    reply = create(client, response_format={"type": "json_object"})
    assert json.loads(reply.choices[0].message.content) == {"answer": EXPECTED}


def test_text_parts_are_read_and_other_parts_refused(client):
    parts = [{"type": "text", "text": "How long do refunds take, "}, {"type": "text",
             "text": "and is shipping free?"}]  # fmt: skip
    messages = [MESSAGES[0], {"role": "user", "content": parts}]
    reply = client.chat.completions.create(model=MODEL_NAME, messages=messages)
    assert reply.choices[0].message.content == EXPECTED
    image = {"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA"}}
    with pytest.raises(openai.BadRequestError, match="'image_url' are not supported"):
        client.chat.completions.create(
            model=MODEL_NAME, messages=[{"role": "user", "content": [image]}]
        )


def test_the_responses_api_is_a_404_saying_it_is_not_supported(client, server):
    with pytest.raises(openai.NotFoundError) as caught:
        client.responses.create(model=MODEL_NAME, input="How long do refunds take?")
    assert "/v1/responses) is not supported by this server" in caught.value.message
    request = urllib.request.Request(
        f"{server.base_url}/responses", data=b"{}", headers={"Content-Type": "application/json"}
    )
    with pytest.raises(urllib.error.HTTPError) as raw:
        urllib.request.urlopen(request, timeout=5)
    assert raw.value.code == 404
    assert raw.value.headers["Content-Type"] == "application/json"
    body = json.loads(raw.value.read())
    assert "not supported" in body["error"]["message"]
    assert "POST /v1/chat/completions" in body["error"]["message"]


def test_models_are_listed_and_retrieved(client):
    assert [m.id for m in client.models.list()] == [MODEL_NAME]
    assert client.models.retrieve(MODEL_NAME).id == MODEL_NAME
    with pytest.raises(openai.NotFoundError, match="serves only 'offline-stand-in'"):
        client.models.retrieve("gpt-4o")
