"""A deterministic offline stand-in for a chat model.

It is **not** a language model. It answers by extraction: it splits the text it was
given into sentences and returns the ones that share the most words with the question.
That is enough to show prompts, retrieval, structured output and evaluation working end
to end, offline, with the same output on every run.

>>> model = OfflineStandIn()
>>> model.complete([
...     {"role": "system", "content": "Refunds take 5 days. Shipping is free over 50 euros."},
...     {"role": "user", "content": "How long do refunds take?"},
... ])
'Refunds take 5 days.'
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Sequence
from typing import Any

from atlas.llm.interface import Message

NO_ANSWER = "I don't know: the context I was given does not say."
WORD = re.compile(r"[a-z0-9]+")
SENTENCE_END = re.compile(r"(?<=[.!?])\s+|\n+")
# Words too common to say anything about relevance.
STOPWORD_TEXT = (
    "a an and are as at be by can do does for from has have how i in is it its me my "
    "of on or our so that the their this to was what when where which who why will with "
    "you your"
)
STOPWORDS = frozenset(STOPWORD_TEXT.split())


def words(text: str) -> set[str]:
    """The content words of ``text``, lower-cased, with a plural "s" dropped."""
    found = (w for w in WORD.findall(text.lower()) if w not in STOPWORDS)
    return {w[:-1] if len(w) > 3 and w.endswith("s") else w for w in found}


def sentences(text: str) -> list[str]:
    """``text`` split into trimmed sentences (a line break also ends one)."""
    return [s.strip() for s in SENTENCE_END.split(text) if s.strip()]


class OfflineStandIn:
    """Offline stand-in for a chat model: extractive, deterministic, seeded.

    The question is the last user message (its last line, when it has several); the
    context is every other line of every message. With ``temperature`` 0 the reply is
    the best-matching sentences; above 0 it samples among the matches with its own
    seeded random generator, so a sequence of calls varies the same way on every run.
    """

    def __init__(self, seed: int = 0, max_sentences: int = 2) -> None:
        self.rng = random.Random(seed)
        self.max_sentences = max_sentences
        self._defs: dict[str, Any] = {}
        self.seed = seed

    def __repr__(self) -> str:
        extra = "" if self.max_sentences == 2 else f", max_sentences={self.max_sentences}"
        return f"OfflineStandIn(seed={self.seed}{extra})"

    def complete(
        self,
        messages: Sequence[Message],
        *,
        temperature: float = 0.0,
        json_schema: dict[str, Any] | None = None,
    ) -> str:
        question, context = self._split(messages)
        if json_schema is not None:
            self._defs = json_schema.get("$defs", {})
            return json.dumps(self._fill(json_schema, question, context, temperature))
        picked = self._best(question, context, temperature)
        return " ".join(picked) if picked else NO_ANSWER

    @staticmethod
    def _split(messages: Sequence[Message]) -> tuple[str, list[str]]:
        if not messages or messages[-1]["role"] != "user":
            raise ValueError("the last message must come from the user")
        *earlier, last = messages
        lines = last["content"].strip().splitlines() or [""]
        context = [m["content"] for m in earlier] + lines[:-1]
        return lines[-1], [s for block in context for s in sentences(block)]

    def _best(self, question: str, context: list[str], temperature: float) -> list[str]:
        asked = words(question)
        scored = [(len(asked & words(s)), -i, s) for i, s in enumerate(context)]
        matches = [s for score, _, s in sorted(scored, reverse=True) if score > 0]
        if temperature > 0 and len(matches) > 1:
            # Sample from the better half of the matches: varied, but still on topic.
            pool = matches[: max(2, len(matches) // 2 + 1)]
            matches = self.rng.sample(pool, k=len(pool))
        return matches[: self.max_sentences]

    def _fill(
        self, schema: dict[str, Any], question: str, context: list[str], temperature: float
    ) -> Any:
        """A value matching ``schema``, taken from the context where it can be."""
        if "$ref" in schema:  # pydantic puts nested models and enums under "$defs"
            schema = self._defs.get(schema["$ref"].rsplit("/", 1)[-1], {})
        if "anyOf" in schema:  # e.g. Optional[...]: fill the first choice that is not null
            options = [s for s in schema["anyOf"] if s.get("type") != "null"] or [{}]
            return self._fill(options[0], question, context, temperature)
        kind = schema.get("type")
        if "enum" in schema:
            text = " ".join(self._best(question, context, temperature)).lower()
            counts = [text.count(str(option).lower()) for option in schema["enum"]]
            return schema["enum"][counts.index(max(counts))]
        if kind == "object":
            return {
                name: self._fill(sub, f"{question} {name.replace('_', ' ')}", context, temperature)
                for name, sub in schema.get("properties", {}).items()
            }
        if kind == "array":
            return [
                self._fill(schema.get("items", {}), question, [s], temperature)
                for s in self._best(question, context, temperature)
            ]
        if kind in ("number", "integer"):
            found = re.search(r"-?\d+(?:\.\d+)?", " ".join(self._best(question, context, 0)))
            number = float(found[0]) if found else 0
            return int(number) if kind == "integer" else number
        if kind == "boolean":
            return bool(self._best(question, context, temperature))
        picked = self._best(question, context, temperature)
        return " ".join(picked) if picked else NO_ANSWER
