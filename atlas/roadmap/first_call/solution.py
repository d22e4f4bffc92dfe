"""The first-call project, reference solution: a first model call and structured output.

Try ``starter.py`` first; compare with this file once your check passes or you are stuck.
"""

from typing import Literal

from pydantic import BaseModel, ValidationError

from atlas.llm import ChatModel, Message

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
    """Step 4: ask for JSON matching the schema; try `attempts` times, then give up loudly."""
    messages: list[Message] = [
        {"role": "system", "content": "Turn the support email into a ticket."},
        {"role": "user", "content": f"{email}\nWhich category, is it urgent, and what happened?"},
    ]
    schema = Ticket.model_json_schema()
    for _ in range(attempts):
        ticket = parse_ticket(model.complete(messages, temperature=0.0, json_schema=schema))
        if ticket is not None:
            return ticket
    raise ValueError(f"no valid ticket after {attempts} attempts")
