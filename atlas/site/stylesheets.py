"""The site's own stylesheets as the reader's browser gets them: minified, same names.

The sources in ``docs/assets/stylesheets/`` keep a comment on every rule saying which
check it answers (axe, a screenshot); the reader needs none of that. rcssmin removes
comments and whitespace only, so what ships is the source's rules, byte for byte.

>>> minify("/* why */\\na  {\\n  color: red;\\n}\\n")
'a{color:red}'
"""

from __future__ import annotations

from pathlib import Path

import rcssmin
from mkdocs.structure.files import File, Files

FOLDER = "assets/stylesheets/"


def minify(source: str) -> str:
    return rcssmin.cssmin(source)


def ours(file: File, docs_dir: Path) -> bool:
    """One of our sheets, not the theme's (which sit in the same folder, minified)."""
    source = Path(file.abs_src_path or "")
    in_docs = docs_dir in source.parents
    return in_docs and file.src_uri.startswith(FOLDER) and source.suffix == ".css"


def on_files(files: Files, config) -> Files:
    docs_dir = Path(config.docs_dir).resolve()
    for file in list(files):
        if ours(file, docs_dir):
            files.remove(file)
            text = Path(file.abs_src_path).read_text(encoding="utf-8")
            files.append(File.generated(config, file.src_uri, content=minify(text)))
    return files
