"""A recording proxy between the reader's client and a model server, with faults to inject.

The real-model run points ``OPENAI_BASE_URL`` at this proxy, and the proxy passes every
request on to the model server. On the way it

* records each exchange (the request, the reply text, the status, the server's token
  counts and the time it took), which is where the report's calls, tokens, latency and
  transcripts come from: the code under test is not changed to count anything;
* smooths over one dialect difference, when asked to: llama-cpp-python's server refuses
  ``response_format`` of type ``json_schema`` (what the OpenAI API and the site's adapter
  send) and wants ``{"type": "json_object", "schema": ...}`` instead, so the proxy
  rewrites the first into the second (``json_schema_as_json_object``);
* caps a reply that asks for no limit at ``default_max_tokens`` tokens (a tiny model can
  repeat itself until the context is full);
* injects faults a healthy server never shows on demand: a storm of HTTP 429 replies that
  ends after ``storm`` requests (``Retry-After`` included), and replies whose text is cut
  in half (``truncate``), the shape of JSON that stopped early.

It listens on 127.0.0.1 only and speaks plain HTTP/1.1; a streamed reply is passed on
event by event as it arrives, and when the client stops reading, the proxy stops too.

>>> from atlas.llm.openai_chat import OpenAIChat
>>> from atlas.llm.server import serve
>>> with serve() as upstream, Proxy(upstream) as proxy:
...     reply = OpenAIChat(proxy.base_url, "offline-stand-in").complete(
...         [{"role": "system", "content": "Refunds take 5 days."},
...          {"role": "user", "content": "How long do refunds take?"}])
...     seen = [(e.status, e.reply) for e in proxy.since(0)]
>>> reply, seen
('Refunds take 5 days.', [(200, 'Refunds take 5 days.')])
"""

from __future__ import annotations

import http.client
import json
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

#: Headers not passed on: they describe one hop of the connection, not the message.
HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "host"}


@dataclass
class Exchange:
    """One request through the proxy and what came back."""

    path: str
    request: dict[str, Any]
    status: int = 0
    reply: str = ""
    streamed: bool = False
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    finish_reason: str | None = None
    milliseconds: float = 0.0
    injected: str | None = None  # a fault the proxy made up instead of asking the server
    rewritten: list[str] = field(default_factory=list)  # what the proxy changed on the way
    client_stopped: bool = False  # the client closed a stream before its end
    #: Set once the proxy has finished with the exchange (a stream may outlive its reader).
    done: threading.Event = field(default_factory=threading.Event, repr=False, compare=False)

    @property
    def messages(self) -> list[dict[str, Any]]:
        return list(self.request.get("messages", []))


@dataclass
class Faults:
    """Faults to inject; each counts down as requests use it up."""

    storm: int = 0  # answer this many next chat requests with HTTP 429
    retry_after_ms: int = 200  # what those 429 replies ask the client to wait
    truncate: int = 0  # cut the reply text of this many next chat replies in half


class Proxy:
    """Forward ``/v1/...`` to ``upstream`` (a base URL ending in ``/v1``), recording all."""

    def __init__(
        self,
        upstream: str,
        *,
        json_schema_as_json_object: bool = False,
        default_max_tokens: int | None = None,
        timeout: float = 300.0,
    ) -> None:
        parts = urllib.parse.urlsplit(upstream)
        if parts.scheme != "http" or not parts.hostname:
            raise ValueError(f"the proxy forwards to plain http://host:port/v1, not {upstream!r}")
        self.upstream = (parts.hostname, parts.port or 80, parts.path.rstrip("/"))
        self.json_schema_as_json_object = json_schema_as_json_object
        self.default_max_tokens = default_max_tokens
        self.timeout = timeout
        self.faults = Faults()
        self.exchanges: list[Exchange] = []
        self.lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self._server.daemon_threads = True
        self._server.proxy = self  # type: ignore[attr-defined]
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def start(self) -> Proxy:
        # A short poll interval: stop()'s shutdown() waits for the loop to look up.
        serve = self._server.serve_forever
        self._thread = threading.Thread(target=serve, args=(0.05,), daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def __enter__(self) -> Proxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def mark(self) -> int:
        """A bookmark: ``since(mark)`` gives the exchanges after it."""
        with self.lock:
            return len(self.exchanges)

    def since(self, mark: int, wait: float = 60.0) -> list[Exchange]:
        """The exchanges after ``mark``, once each is finished (at most ``wait`` s each).

        An exchange is listed from the moment its request arrives, so a reply that the
        client has already read is never missed for being recorded a moment late.
        """
        with self.lock:
            found = list(self.exchanges[mark:])
        for exchange in found:
            exchange.done.wait(wait)
        return found

    # --- what the handler asks of the proxy ---------------------------------------------

    def _rewrite(self, body: dict[str, Any]) -> list[str]:
        changes = []
        response_format = body.get("response_format")
        if (
            self.json_schema_as_json_object
            and isinstance(response_format, dict)
            and response_format.get("type") == "json_schema"
        ):
            schema = (response_format.get("json_schema") or {}).get("schema", {})
            body["response_format"] = {"type": "json_object", "schema": schema}
            changes.append("response_format json_schema -> json_object with schema")
        if self.default_max_tokens and not (
            body.get("max_tokens") or body.get("max_completion_tokens")
        ):
            body["max_tokens"] = self.default_max_tokens
            changes.append(f"max_tokens set to {self.default_max_tokens}")
        return changes

    def _take(self, name: str) -> bool:
        with self.lock:
            left = getattr(self.faults, name)
            if left > 0:
                setattr(self.faults, name, left - 1)
                return True
            return False

    def _record(self, exchange: Exchange) -> None:
        with self.lock:
            self.exchanges.append(exchange)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: ThreadingHTTPServer

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    @property
    def proxy(self) -> Proxy:
        return self.server.proxy  # type: ignore[attr-defined]

    def do_GET(self) -> None:
        self._forward(None, Exchange(self.path, {}))

    def do_POST(self) -> None:
        raw = self.rfile.read(int(self.headers.get("Content-Length", 0) or 0))
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            body = None
        if not isinstance(body, dict):
            self._forward(raw, Exchange(self.path, {}))
            return
        exchange = Exchange(self.path, body, streamed=bool(body.get("stream")))
        chat = self.path.rstrip("/").endswith("/chat/completions")
        if chat:
            self.proxy._record(exchange)
        if chat and self.proxy._take("storm"):
            exchange.injected = "429 storm"
            self._send_json(
                429,
                {"error": {"message": "rate limit exceeded (a storm injected by the proxy)",
                           "type": "rate_limit_exceeded", "code": "rate_limit_exceeded"}},
                {"retry-after-ms": str(self.proxy.faults.retry_after_ms),
                 "Retry-After": str(max(1, round(self.proxy.faults.retry_after_ms / 1000)))},
            )  # fmt: skip
            exchange.status = 429
            exchange.done.set()
            return
        if chat:
            exchange.rewritten = self.proxy._rewrite(body)
            if not exchange.streamed and self.proxy._take("truncate"):
                exchange.injected = "reply cut in half"
        self._forward(json.dumps(body).encode(), exchange)

    # --- plumbing -----------------------------------------------------------------------

    def _forward(self, body: bytes | None, exchange: Exchange) -> None:
        host, port, prefix = self.proxy.upstream
        path = self.path
        if path.startswith("/v1"):
            path = prefix + path[len("/v1") :]
        start = time.perf_counter()
        connection = http.client.HTTPConnection(host, port, timeout=self.proxy.timeout)
        headers = {k: v for k, v in self.headers.items() if k.lower() not in HOP_BY_HOP}
        if body is not None:
            headers["Content-Length"] = str(len(body))
        try:
            connection.request(self.command, path, body=body, headers=headers)
            upstream = connection.getresponse()
            exchange.status = upstream.status
            kind = upstream.getheader("Content-Type", "")
            if "text/event-stream" in kind:
                self._relay_stream(upstream, exchange)
            else:
                self._relay_whole(upstream, exchange)
        except (ConnectionError, TimeoutError, OSError) as error:
            if not exchange.status:
                exchange.status = 502
                self._send_json(502, {"error": {"message": f"proxy: upstream failed: {error}"}})
        finally:
            connection.close()
            exchange.milliseconds = round((time.perf_counter() - start) * 1000, 1)
            exchange.done.set()

    def _relay_whole(self, upstream: http.client.HTTPResponse, exchange: Exchange) -> None:
        data = upstream.read()
        try:
            document = json.loads(data)
        except ValueError:
            document = None
        if isinstance(document, dict) and document.get("choices"):
            choice = document["choices"][0]
            text = (choice.get("message") or {}).get("content") or ""
            if exchange.injected == "reply cut in half":
                text = text[: len(text) // 2]
                choice["message"]["content"] = text
                data = json.dumps(document).encode()
            exchange.reply = text
            exchange.finish_reason = choice.get("finish_reason")
            usage = document.get("usage") or {}
            exchange.prompt_tokens = usage.get("prompt_tokens")
            exchange.completion_tokens = usage.get("completion_tokens")
        elif isinstance(document, dict) and "error" in document:
            error = document["error"]
            exchange.reply = str(error.get("message", error) if isinstance(error, dict) else error)
        self.send_response(upstream.status)
        for key, value in upstream.getheaders():
            if key.lower() not in HOP_BY_HOP:
                self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _relay_stream(self, upstream: http.client.HTTPResponse, exchange: Exchange) -> None:
        self.send_response(upstream.status)
        for key, value in upstream.getheaders():
            if key.lower() not in HOP_BY_HOP:
                self.send_header(key, value)
        self.send_header("Connection", "close")  # the body ends when the connection does
        self.end_headers()
        self.close_connection = True
        pieces = []
        while True:
            line = upstream.readline()
            if not line:
                break
            try:
                self.wfile.write(line)
                if not line.strip():
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                exchange.client_stopped = True
                break
            text = line.decode("utf-8", "replace").strip()
            if not text.startswith("data:") or text == "data: [DONE]":
                continue
            try:
                event = json.loads(text[len("data:") :])
            except ValueError:
                continue
            for choice in event.get("choices") or []:
                delta = choice.get("delta") or {}
                if delta.get("content"):
                    pieces.append(delta["content"])
                if choice.get("finish_reason"):
                    exchange.finish_reason = choice["finish_reason"]
            usage = event.get("usage") or {}
            if usage:
                exchange.prompt_tokens = usage.get("prompt_tokens")
                exchange.completion_tokens = usage.get("completion_tokens")
        exchange.reply = "".join(pieces)
        if exchange.completion_tokens is None:
            exchange.completion_tokens = len(pieces)  # llama.cpp sends one token an event

    def _send_json(self, status: int, document: Any, headers: dict[str, str] | None = None):
        data = json.dumps(document).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
