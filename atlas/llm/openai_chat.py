"""A real chat model behind any OpenAI-compatible endpoint, through the official client.

The same class talks to a hosted API, Ollama, vLLM or llama.cpp's server: only the base
URL, the key and the model name change. It reads them from three environment variables:

* ``OPENAI_BASE_URL`` - the server, e.g. ``http://127.0.0.1:11434/v1`` for Ollama;
* ``OPENAI_API_KEY`` - the key (local servers usually accept any text);
* ``OPENAI_MODEL`` - the model name the server knows, e.g. ``llama3.2``.

Nothing here hangs: the connection attempt has a short timeout, there are no silent
retries, and every failure names the URL it was talking to.

>>> OpenAIChat.from_env(environ={})  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
atlas.llm.openai_chat.ModelConfigError: live mode needs OPENAI_BASE_URL ...
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from atlas.llm.interface import Message

#: Environment variables read by :meth:`OpenAIChat.from_env`.
ENV_VARS = ("OPENAI_BASE_URL", "OPENAI_API_KEY", "OPENAI_MODEL")
#: Local servers ignore the key, but the client insists on having one.
PLACEHOLDER_KEY = "not-needed-for-local-servers"
#: HTTP statuses the official client retries when ``max_retries`` allows: request timeout,
#: conflict, rate limit and server errors.
RETRIED = frozenset({408, 409, 429, *range(500, 600)})


class ModelConfigError(RuntimeError):
    """Live mode was asked for, but the environment does not say where the model is."""


class ModelUnreachable(RuntimeError):
    """The endpoint did not answer in time, refused the connection or returned an error."""


class OpenAIChat:
    """A :class:`~atlas.llm.interface.ChatModel` backed by an OpenAI-compatible server.

    ``timeout`` bounds a whole request in seconds, ``connect_timeout`` just the connection
    attempt, and ``max_retries`` the client's own retries (none by default, so a dead
    endpoint fails at once instead of after several back-offs). With ``max_retries`` the
    client retries a timeout, a refused connection and the statuses in :data:`RETRIED`,
    waiting 0.5 s, 1 s, 2 s... (up to a quarter less, at random; at most 8 s) between
    attempts, or as long as the server's ``Retry-After`` header says.
    """

    def __init__(
        self,
        base_url: str,
        model: str,
        api_key: str | None = None,
        *,
        timeout: float = 60.0,
        connect_timeout: float = 3.0,
        max_retries: int = 0,
    ) -> None:
        if not base_url:
            raise ModelConfigError("OpenAIChat needs a base URL, e.g. http://127.0.0.1:11434/v1")
        if not model:
            raise ModelConfigError(
                f"OpenAIChat needs a model name for {base_url}: set OPENAI_MODEL "
                "(e.g. OPENAI_MODEL=llama3.2) or pass model=..."
            )
        # Imported here, not at the top: pages and checks that run on the stand-in never
        # need the client, and importing it costs every process about 0.3 s.
        import openai

        self.base_url = base_url
        self.model = model
        self.client = openai.OpenAI(
            base_url=base_url,
            api_key=api_key or PLACEHOLDER_KEY,
            timeout=openai.Timeout(timeout, connect=connect_timeout),
            max_retries=max_retries,
        )

    @classmethod
    def from_env(
        cls, model: str | None = None, *, environ: Mapping[str, str] | None = None, **options: Any
    ) -> OpenAIChat:
        """Configure from ``OPENAI_BASE_URL``, ``OPENAI_API_KEY`` and ``OPENAI_MODEL``.

        ``model`` overrides ``OPENAI_MODEL``. Raises :class:`ModelConfigError` naming the
        variables to set when the base URL or the model name is missing.
        """
        env = os.environ if environ is None else environ
        base_url = env.get("OPENAI_BASE_URL", "").strip()
        if not base_url:
            raise ModelConfigError(
                "live mode needs OPENAI_BASE_URL (the server, e.g. http://127.0.0.1:11434/v1), "
                "OPENAI_MODEL (the model name) and, for hosted APIs, OPENAI_API_KEY; "
                "set them in the environment, or use atlas.llm.connect() to fall back "
                "to the offline stand-in"
            )
        name = model or env.get("OPENAI_MODEL", "").strip()
        if not name:
            raise ModelConfigError(
                f"OPENAI_BASE_URL is set ({base_url}) but no model is named: set OPENAI_MODEL "
                "to a model that server knows (e.g. OPENAI_MODEL=llama3.2)"
            )
        return cls(base_url, name, env.get("OPENAI_API_KEY") or None, **options)

    def complete(
        self,
        messages: Sequence[Message],
        *,
        temperature: float = 0.0,
        json_schema: dict[str, Any] | None = None,
    ) -> str:
        """Send ``messages`` and return the reply text.

        With ``json_schema`` the request carries ``response_format`` of type
        ``json_schema``, which OpenAI, vLLM, llama.cpp's server and recent Ollama honour.
        The reply is returned as text either way: validate it (see ``structured.py``).
        """
        with self._errors():
            reply = self.client.chat.completions.create(
                **self._request(messages, temperature, json_schema)
            )
        return reply.choices[0].message.content or ""

    def stream(
        self,
        messages: Sequence[Message],
        *,
        temperature: float = 0.0,
        json_schema: dict[str, Any] | None = None,
    ) -> Iterator[str]:
        """Like :meth:`complete`, but yield the reply in pieces as the server sends them.

        The request asks for server-sent events (``stream=True``); each piece is the text
        of one event, in the order it arrived, so ``"".join(...)`` is the whole reply.
        A failure before or during the stream raises :class:`ModelUnreachable`.
        """
        with self._errors():
            events = self.client.chat.completions.create(
                **self._request(messages, temperature, json_schema), stream=True
            )
            with events:
                for event in events:
                    for choice in event.choices:
                        if choice.delta.content:
                            yield choice.delta.content

    def _request(
        self,
        messages: Sequence[Message],
        temperature: float,
        json_schema: dict[str, Any] | None,
    ) -> dict[str, Any]:
        request: dict[str, Any] = {
            "model": self.model,
            "messages": [{"role": m["role"], "content": m["content"]} for m in messages],
            "temperature": temperature,
        }
        if json_schema is not None:
            request["response_format"] = {
                "type": "json_schema",
                "json_schema": {
                    "name": str(json_schema.get("title", "reply")).replace(" ", "_")[:64],
                    "schema": json_schema,
                },
            }
        return request

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """Turn the client's exceptions into :class:`ModelUnreachable` naming the URL."""
        import openai  # already loaded by __init__

        try:
            yield
        except openai.APITimeoutError as error:
            raise ModelUnreachable(
                f"the model server at {self.base_url} did not answer in time ({error}); "
                "is it running, and is OPENAI_BASE_URL right?"
            ) from error
        except openai.APIConnectionError as error:
            raise ModelUnreachable(
                f"could not connect to the model server at {self.base_url} ({error}); "
                "is it running, and is OPENAI_BASE_URL right?"
            ) from error
        except openai.APIStatusError as error:
            retried = error.status_code in RETRIED and self.client.max_retries > 0
            raise ModelUnreachable(
                f"the model server at {self.base_url} answered HTTP {error.status_code} "
                f"for model {self.model!r}"
                + (f" (after {self.client.max_retries + 1} attempts)" if retried else "")
                + f": {error.message}"
            ) from error

    def __repr__(self) -> str:
        return f"OpenAIChat(base_url={self.base_url!r}, model={self.model!r})"
