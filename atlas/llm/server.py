"""A tiny OpenAI-compatible server on 127.0.0.1, answered by the offline stand-in.

It speaks just enough of the protocol for the official ``openai`` client:
``POST /v1/chat/completions`` (with ``temperature`` and a ``response_format`` of type
``json_schema``) and ``GET /v1/models``. The tests start one to drive the real client over
real HTTP; readers can run it to try the live path without a model::

    python -m atlas.llm.server --port 8123
    OPENAI_BASE_URL=http://127.0.0.1:8123/v1 OPENAI_MODEL=offline-stand-in python ...

It listens on the loopback address only. Whatever answers is a stand-in, not a model.

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


class ChatHandler(BaseHTTPRequestHandler):
    """Answers the two endpoints; ``self.server.backend`` writes the replies."""

    server: ChatServer

    def do_GET(self) -> None:
        if self.path.rstrip("/") == "/v1/models":
            self._send(200, {"object": "list", "data": [{"id": MODEL_NAME, "object": "model"}]})
        else:
            self._error(404, f"no route for GET {self.path}")

    def do_POST(self) -> None:
        if self.path.rstrip("/") != "/v1/chat/completions":
            self._error(404, f"no route for POST {self.path}")
            return
        try:
            length = int(self.headers.get("Content-Length", 0))
            body = json.loads(self.rfile.read(length) or b"{}")
            messages = body["messages"]
        except (ValueError, KeyError) as error:
            self._error(400, f"bad request: {error}")
            return
        schema = None
        response_format = body.get("response_format") or {}
        if response_format.get("type") == "json_schema":
            schema = response_format.get("json_schema", {}).get("schema")
        with self.server.lock:  # the stand-in's random generator is shared
            self.server.requests.append(body)
            try:
                text = self.server.backend.complete(
                    messages, temperature=float(body.get("temperature") or 0.0), json_schema=schema
                )
            except ValueError as error:
                self._error(400, str(error))
                return
        self._send(
            200,
            {
                "id": f"chatcmpl-{len(self.server.requests)}",
                "object": "chat.completion",
                "created": int(time.time()),
                "model": body.get("model", MODEL_NAME),
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": text},
                        "finish_reason": "stop",
                    }
                ],
                "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
            },
        )

    def _error(self, status: int, message: str) -> None:
        self._send(status, {"error": {"message": message, "type": "invalid_request_error"}})

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
    thread = threading.Thread(target=server.serve_forever, daemon=True)
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
    print(f"try: OPENAI_BASE_URL={server.base_url} OPENAI_MODEL={MODEL_NAME}")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
