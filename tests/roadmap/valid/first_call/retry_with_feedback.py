"""Valid: other wording and structure; the retry tells the model what was wrong.

build_messages labels the context, ask passes temperature=0 (an int), parse_ticket uses
json.loads and the constructor, and extract_ticket keeps a conversation: each invalid
reply goes back to the model with a request to fix it.
"""

import json
from typing import Literal

from pydantic import BaseModel

from atlas.llm import ChatModel, Message

SYSTEM = "You answer questions using only the context below. Say so when it does not say."


class Ticket(BaseModel):
    """What we want out of a support email, in a shape code can rely on."""

    category: Literal["billing", "shipping", "account"]
    urgent: bool
    summary: str


def build_messages(context: str, question: str) -> list[Message]:
    system = "\n\n".join([SYSTEM, "Context:", context])
    return [dict(role="system", content=system), dict(role="user", content=question)]


def ask(model: ChatModel, context: str, question: str) -> str:
    reply = model.complete(build_messages(context, question), temperature=0)
    return reply.strip()


def parse_ticket(reply: str) -> Ticket | None:
    try:
        data = json.loads(reply)
        if not isinstance(data, dict):
            return None
        return Ticket(**data)
    except (ValueError, TypeError):  # pydantic's ValidationError is a ValueError
        return None


def extract_ticket(model: ChatModel, email: str, attempts: int = 2) -> Ticket:
    messages: list[Message] = [
        {"role": "system", "content": "You file support emails as tickets, in JSON."},
        {"role": "user", "content": email},
    ]
    tries = 0
    while tries < attempts:
        tries += 1
        reply = model.complete(messages, json_schema=Ticket.model_json_schema())
        ticket = parse_ticket(reply)
        if ticket:
            return ticket
        messages += [
            {"role": "assistant", "content": reply},
            {"role": "user", "content": "That did not match the schema. Reply with JSON only."},
        ]
    raise ValueError(f"gave up after {tries} invalid replies")
