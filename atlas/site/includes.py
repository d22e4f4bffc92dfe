"""``--8<--`` includes expanded by pymdownx.snippets itself, configured as mkdocs.yml says.

The site's build and the tests that run the pages' code (conftest.py) both use this, so
what Sybil runs is exactly what the site shows: whole files, line ranges
(``"atlas/x.py:3:8"``) and sections (``"atlas/x.py:name"``) alike.

>>> snippets = Snippets()
>>> "AI Engineering Atlas" in snippets.expand('--8<-- "atlas/__init__.py:1:1"')
True
>>> snippets.problems('x = 1\\n--8<-- "atlas/nope.py"\\n')
[(2, "--8<-- snippet at path 'atlas/nope.py' could not be found (paths start at the project root)")]
"""

from __future__ import annotations

from pathlib import Path

import markdown
from mkdocs.utils.yaml import yaml_load
from pymdownx.snippets import SnippetExtension, SnippetMissingError

ROOT = Path(__file__).resolve().parents[2]
HINT = "(paths start at the project root)"

__all__ = ["ROOT", "SnippetMissingError", "Snippets"]


def snippet_options(root: Path) -> dict:
    """The ``pymdownx.snippets`` options of ``root/mkdocs.yml``, with paths made absolute.

    ``auto_append`` is left out: it appends the glossary to a whole page, not to a code block.
    """
    config = yaml_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    options: dict = {}
    for extension in config.get("markdown_extensions", []):
        if isinstance(extension, dict) and "pymdownx.snippets" in extension:
            options = dict(extension["pymdownx.snippets"] or {})
    options.pop("auto_append", None)
    bases = options.get("base_path", ["."])
    bases = [bases] if isinstance(bases, str) else bases
    options["base_path"] = [str((root / base).resolve()) for base in bases]
    return options


class Snippets:
    """pymdownx.snippets' own preprocessor, run on a piece of Markdown or code."""

    def __init__(self, root: Path = ROOT) -> None:
        md = markdown.Markdown(extensions=[SnippetExtension(**snippet_options(root))])
        self.preprocessor = md.preprocessors["snippet"]

    def expand(self, text: str) -> str:
        """``text`` with every include replaced; raises SnippetMissingError like the build."""
        return "\n".join(self.preprocessor.run(text.split("\n")))

    def problems(self, text: str) -> list[tuple[int, str]]:
        """Includes that the build cannot expand, as (line, message), line counted from 1."""
        problems = []
        for number, line in enumerate(text.split("\n"), start=1):
            if "8<-" not in line:
                continue
            try:
                self.preprocessor.run([line])
            except SnippetMissingError as error:
                message = str(error)
                problems.append((number, f"--8<-- {message[:1].lower()}{message[1:]} {HINT}"))
        return problems
