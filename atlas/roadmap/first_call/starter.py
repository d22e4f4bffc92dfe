"""The first-call project: a first model call and structured output.

Fill in the four steps in order. After each one, run the done-when check from the
repository's root folder:

    make check P=first-call

It fails with "Not done yet (Step N...)" until you have written that step. The check
also uses questions, contexts and model replies of its own, and records what your code
sends to the model.
"""

from typing import Literal

from pydantic import BaseModel, ValidationError  # noqa: F401  (you will need both)

from atlas.llm import ChatModel, Message

SYSTEM = "You answer questions using only the context below. Say so when it does not say."


class Ticket(BaseModel):
    """What we want out of a support email, in a shape code can rely on."""

    category: Literal["billing", "shipping", "account"]
    urgent: bool
    summary: str


def build_messages(context: str, question: str) -> list[Message]:
    """Step 1: instructions and context in a system message, the question as the user's."""
    raise NotImplementedError(
        "Step 1: return two messages: a 'system' one holding SYSTEM and the context, "
        "then a 'user' one holding the question."
    )


def ask(model: ChatModel, context: str, question: str) -> str:
    """Step 2: one call to the model, deterministic (temperature 0), reply trimmed."""
    raise NotImplementedError(
        "Step 2: call model.complete(build_messages(...), temperature=0.0) and return "
        "the reply without surrounding whitespace."
    )


def parse_ticket(reply: str) -> Ticket | None:
    """Step 3: validate a reply against the schema; ``None`` if it does not fit."""
    raise NotImplementedError(
        "Step 3: return Ticket.model_validate_json(reply), or None when it raises "
        "ValidationError (bad JSON, a missing field, an unknown category)."
    )


def extract_ticket(model: ChatModel, email: str, attempts: int = 2) -> Ticket:
    """Step 4: ask for JSON matching the schema; try `attempts` times, then give up loudly."""
    raise NotImplementedError(
        "Step 4: send the email in a user message and pass "
        "json_schema=Ticket.model_json_schema() on every call; parse each reply with "
        "parse_ticket and return the first ticket that fits; after `attempts` calls in all, "
        "raise ValueError."
    )
