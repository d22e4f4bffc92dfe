"""A lighter search index: code blocks left out (measured for issue 18).

Material's search index ships every section's text to the reader's browser on the first
load of any page. On this site, code blocks were about 40 % of that text (96.5 KB of the
index gzipped with them, 68.2 KB without). Readers search for words from the prose,
headings and glossary; the code is on the page and in ``atlas/``, and inline ``code`` in
the prose stays searchable. So after the search plugin writes
``search/search_index.json``, drop every ``<pre>`` block from the indexed text.

>>> slim_text('<p>Call <code>ask()</code>.</p> <pre><code>ask("x")\\n</code></pre> <p>Done.</p>')
'<p>Call <code>ask()</code>.</p> <p>Done.</p>'
"""

from __future__ import annotations

import json
import re
from pathlib import Path

CODE_BLOCK = re.compile(r"\s*<pre\b.*?</pre>", re.S)


def slim_text(text: str) -> str:
    return CODE_BLOCK.sub("", text)


def slim_index(path: Path) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    for doc in data["docs"]:
        doc["text"] = slim_text(doc["text"])
    path.write_text(json.dumps(data, separators=(",", ":"), default=str), encoding="utf-8")


def on_post_build(config, **kwargs) -> None:
    path = Path(config["site_dir"]) / "search" / "search_index.json"
    if path.is_file():
        slim_index(path)
