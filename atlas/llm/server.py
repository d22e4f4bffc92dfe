"""A tiny OpenAI-compatible server on 127.0.0.1, answered by the offline stand-in.

It speaks just enough of the chat-completions protocol for the official ``openai`` client,
and says so plainly when asked for more:

* ``POST /v1/chat/completions``, with ``temperature``, ``stream`` (server-sent events, and
  ``stream_options.include_usage``) and ``response_format`` of type ``text``,
  ``json_object`` (a JSON object ``{"answer": ...}``) or ``json_schema`` (a JSON document
  shaped by the schema);
* ``GET /v1/models`` and ``GET /v1/models/<name>``.

Requests it cannot honour get HTTP 400 with a message saying why: ``tools`` (and the older
``functions``), since the stand-in cannot call tools, ``n`` above 1, and message parts
other than text. Other APIs, such as ``/v1/responses``, get HTTP 404 with a JSON error
saying they are not supported. ``usage`` counts words, not tokens. The tests start one to
drive the real client over real HTTP; readers can run it to try the live path without a
model::

    python -m atlas.llm.server --port 8123
    OPENAI_BASE_URL=http://127.0.0.1:8123/v1 OPENAI_API_KEY=unused \\
        OPENAI_MODEL=offline-stand-in python ...

It listens on the loopback address only and ignores the key. Whatever answers is a
stand-in, not a model.

>>> from atlas.llm.openai_chat import OpenAIChat
>>> with serve() as base_url:
...     OpenAIChat(base_url, MODEL_NAME).complete([
...         {"role": "system", "content": "Refunds take 5 days. Shipping is free."},
...         {"role": "user", "content": "How long do refunds take?"},
...     ])
'Refunds take 5 days.'
"""

from __future__ import annotations

import argparse
import json
import re
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from atlas.llm.interface import ChatModel
from atlas.llm.standin import OfflineStandIn

MODEL_NAME = "offline-stand-in"
HOST = "127.0.0.1"
#: The words of a streamed reply sent in each server-sent event.
WORDS_PER_EVENT = 3
#: What ``response_format={"type": "json_object"}`` fills: one string, the stand-in's reply.
JSON_OBJECT_SCHEMA = {"type": "object", "properties": {"answer": {"type": "string"}}}
SUPPORTED = "this server answers only POST /v1/chat/completions and GET /v1/models"
NOT_SUPPORTED = {
    "/v1/responses": "the Responses API (/v1/responses) is not supported by this server",
    "/v1/completions": "legacy completions (/v1/completions) are not supported by this server",
    "/v1/embeddings": "embeddings (/v1/embeddings) are not supported by this server",
}


class RequestRefused(ValueError):
    """A request this server cannot honour; ``param`` names the field at fault."""

    def __init__(self, message: str, param: str | None = None) -> None:
        super().__init__(message)
        self.param = param


def pieces(text: str, size: int = WORDS_PER_EVENT) -> Iterator[str]:
    """``text`` in groups of ``size`` words that join back to exactly ``text``."""
    words = re.findall(r"\s*\S+", text)
    for start in range(0, len(words), size):
        yield "".join(words[start : start + size])
    trailing = text[len(text.rstrip()) :]
    if trailing:
        yield trailing


def text_of(content: Any, where: str) -> str:
    """A message's content as text: a string, or a list of ``{"type": "text"}`` parts."""
    if content is None or isinstance(content, str):
        return content or ""
    if isinstance(content, list):
        texts = []
        for part in content:
            if not isinstance(part, dict) or part.get("type") != "text":
                kind = part.get("type") if isinstance(part, dict) else type(part).__name__
                raise RequestRefused(
                    f"{where}: content parts of type {kind!r} are not supported by this "
                    "server; the offline stand-in reads text only",
                    "messages",
                )
            texts.append(str(part.get("text", "")))
        return "".join(texts)
    raise RequestRefused(f"{where}: content must be a string or a list of parts", "messages")


def parse_chat_request(body: Any) -> tuple[list[dict[str, str]], dict[str, Any] | None]:
    """The messages and JSON Schema of a chat request; :class:`RequestRefused` if unusable."""
    if not isinstance(body, dict):
        raise RequestRefused("the request body must be a JSON object")
    for field in ("tools", "functions"):
        if body.get(field):
            raise RequestRefused(
                f"{field} are not supported by this server: the offline stand-in cannot "
                f"call tools. Send the request without {field}=, or point the client at "
                "a server whose model supports tool calls",
                field,
            )
    if body.get("n") not in (None, 1):
        raise RequestRefused(f"n={body['n']} is not supported by this server: use n=1", "n")
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        raise RequestRefused("messages must be a non-empty list of messages", "messages")
    parsed = []
    for number, message in enumerate(messages):
        if not isinstance(message, dict) or "role" not in message:
            raise RequestRefused(f"messages[{number}] needs a role and content", "messages")
        role = "system" if message["role"] == "developer" else str(message["role"])
        content = text_of(message.get("content"), f"messages[{number}]")
        parsed.append({"role": role, "content": content})
    return parsed, json_schema_of(body.get("response_format"))


def json_schema_of(response_format: Any) -> dict[str, Any] | None:
    """The schema a ``response_format`` asks for: ``None`` for plain text."""
    if response_format is None:
        return None
    kind = response_format.get("type") if isinstance(response_format, dict) else None
    if kind == "text":
        return None
    if kind == "json_object":
        return JSON_OBJECT_SCHEMA
    if kind == "json_schema":
        schema = (response_format.get("json_schema") or {}).get("schema")
        if not isinstance(schema, dict):
            raise RequestRefused(
                "response_format of type json_schema needs json_schema.schema, a JSON Schema",
                "response_format",
            )
        return schema
    raise RequestRefused(
        f"response_format of type {kind!r} is not supported by this server: use text, "
        "json_object or json_schema",
        "response_format",
    )


class ChatHandler(BaseHTTPRequestHandler):
    """Answers the two endpoints; ``self.server.backend`` writes the replies."""

    server: ChatServer

    def do_GET(self) -> None:
        path = self.path.split("?")[0].rstrip("/")
        if path == "/v1/models":
            self._send(200, {"object": "list", "data": [model_entry()]})
        elif path == f"/v1/models/{MODEL_NAME}":
            self._send(200, model_entry())
        elif path.startswith("/v1/models/"):
            self._error(
                404,
                f"no model called {path.rsplit('/', 1)[-1]!r}: this server "
                f"serves only {MODEL_NAME!r}",
                code="model_not_found",
            )
        else:
            self._not_found("GET", path)

    def do_POST(self) -> None:
        path = self.path.split("?")[0].rstrip("/")
        if path != "/v1/chat/completions":
            self._not_found("POST", path)
            return
        try:
            length = int(self.headers.get("Content-Length", 0))
            body = json.loads(self.rfile.read(length) or b"{}")
        except ValueError as error:
            self._error(400, f"the request body is not JSON: {error}")
            return
        try:
            messages, schema = parse_chat_request(body)
        except RequestRefused as error:
            self._error(400, str(error), param=error.param, code="unsupported_parameter")
            return
        with self.server.lock:  # the stand-in's random generator is shared
            self.server.requests.append(body)
            number = len(self.server.requests)
            try:
                text = self.server.backend.complete(
                    messages, temperature=float(body.get("temperature") or 0.0), json_schema=schema
                )
            except ValueError as error:
                self._error(400, str(error))
                return
        reply = {
            "id": f"chatcmpl-{number}",
            "created": int(time.time()),
            "model": body.get("model", MODEL_NAME),
        }
        usage = {
            "prompt_tokens": sum(len(m["content"].split()) for m in messages),
            "completion_tokens": len(text.split()),
        }
        usage["total_tokens"] = usage["prompt_tokens"] + usage["completion_tokens"]
        if body.get("stream"):
            with_usage = bool((body.get("stream_options") or {}).get("include_usage"))
            self._stream(reply, text, usage if with_usage else None)
            return
        self._send(
            200,
            {
                **reply,
                "object": "chat.completion",
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": text},
                        "finish_reason": "stop",
                    }
                ],
                "usage": usage,
            },
        )

    def _stream(self, reply: dict[str, Any], text: str, usage: dict[str, int] | None) -> None:
        """Send ``text`` as server-sent events, a few words each, then ``[DONE]``."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()  # no length: the connection closes after the last event

        def event(delta: dict[str, Any], finish: str | None = None) -> dict[str, Any]:
            choice = {"index": 0, "delta": delta, "finish_reason": finish}
            return {**reply, "object": "chat.completion.chunk", "choices": [choice]}

        events = [event({"role": "assistant", "content": ""})]
        events += [event({"content": piece}) for piece in pieces(text)]
        events.append(event({}, "stop"))
        if usage is not None:
            events.append(
                {**reply, "object": "chat.completion.chunk", "choices": [], "usage": usage}
            )
        for payload in events:
            self.wfile.write(f"data: {json.dumps(payload)}\n\n".encode())
            self.wfile.flush()
        self.wfile.write(b"data: [DONE]\n\n")

    def _not_found(self, method: str, path: str) -> None:
        reason = NOT_SUPPORTED.get(path, f"no route for {method} {path}")
        self._error(404, f"{reason}; {SUPPORTED}", code="not_supported")

    def _error(
        self, status: int, message: str, *, param: str | None = None, code: str | None = None
    ) -> None:
        error = {"message": message, "type": "invalid_request_error", "param": param, "code": code}
        self._send(status, {"error": error})

    def _send(self, status: int, payload: dict[str, Any]) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib's name
        if self.server.verbose:
            super().log_message(format, *args)


def model_entry() -> dict[str, Any]:
    return {"id": MODEL_NAME, "object": "model", "created": 0, "owned_by": "atlas"}


class ChatServer(ThreadingHTTPServer):
    """An HTTP server that remembers the requests it answered (the tests read them)."""

    daemon_threads = True

    def __init__(self, port: int, backend: ChatModel, verbose: bool = False) -> None:
        super().__init__((HOST, port), ChatHandler)
        self.backend = backend
        self.verbose = verbose
        self.lock = threading.Lock()
        self.requests: list[dict[str, Any]] = []

    @property
    def base_url(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}/v1"


@contextmanager
def running(backend: ChatModel | None = None, port: int = 0) -> Iterator[ChatServer]:
    """Run a :class:`ChatServer` in a background thread; stop it on exit."""
    server = ChatServer(port, backend or OfflineStandIn())
    # A short poll interval: shutdown() waits for the loop to look up.
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@contextmanager
def serve(backend: ChatModel | None = None, port: int = 0) -> Iterator[str]:
    """Like :func:`running`, yielding just the base URL to give the client."""
    with running(backend, port) as server:
        yield server.base_url


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=8123, help="port on 127.0.0.1")
    args = parser.parse_args(argv)
    server = ChatServer(args.port, OfflineStandIn(), verbose=True)
    print(f"offline stand-in serving on {server.base_url} (model name: {MODEL_NAME})")
    print(f"try: OPENAI_BASE_URL={server.base_url} OPENAI_API_KEY=unused OPENAI_MODEL={MODEL_NAME}")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
