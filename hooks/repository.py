"""Fill in the repository's address in the roadmap's set-up commands.

The deploy workflow sets ``ATLAS_REPO_URL`` from the repository it runs in. A local build
does not know the address and leaves the placeholder, which the page explains; the
tests replace it with a local clone's source (tests/page_commands.py).
"""

from __future__ import annotations

import os

PLACEHOLDER = "REPOSITORY-ADDRESS"


def on_page_markdown(markdown: str, **_) -> str:
    address = os.environ.get("ATLAS_REPO_URL", "").strip()
    return markdown.replace(PLACEHOLDER, address) if address else markdown
