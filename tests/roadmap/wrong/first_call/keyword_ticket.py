"""Wrong: extract_ticket() never calls the model: it files the email by keyword.

It passes for the page's billing email and fails for any reply the model would give.
"""

from typing import Literal

from pydantic import BaseModel, ValidationError

from atlas.llm import ChatModel, Message

EXPECT = "call model.complete"

SYSTEM = "You answer questions using only the context below. Say so when it does not say."


class Ticket(BaseModel):
    """What we want out of a support email, in a shape code can rely on."""

    category: Literal["billing", "shipping", "account"]
    urgent: bool
    summary: str


def build_messages(context: str, question: str) -> list[Message]:
    """Step 1: instructions and context in a system message, the question as the user's."""
    return [
        {"role": "system", "content": f"{SYSTEM}\n{context}"},
        {"role": "user", "content": question},
    ]


def ask(model: ChatModel, context: str, question: str) -> str:
    """Step 2: one call to the model, deterministic (temperature 0), reply trimmed."""
    return model.complete(build_messages(context, question), temperature=0.0).strip()


def parse_ticket(reply: str) -> Ticket | None:
    """Step 3: validate a reply against the schema; ``None`` if it does not fit."""
    try:
        return Ticket.model_validate_json(reply)
    except ValidationError:
        return None


def extract_ticket(model: ChatModel, email: str, attempts: int = 2) -> Ticket:
    """Step 4: ask for JSON matching the schema; retry once, then give up loudly."""
    for category in ("billing", "shipping", "account"):
        if category in email.lower():
            return Ticket(category=category, urgent="urgent" in email.lower(), summary=email)
    raise ValueError(f"no valid ticket after {attempts} attempts")
