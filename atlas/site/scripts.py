"""The site's own scripts as the reader's browser gets them: minified, one file per widget.

The site-wide script (``site.js``) is inlined at the end of every page instead.

The sources stay small modules named for what they do (``docs/assets/javascripts/``), with
comments for the next contributor; each widget ships as one minified file, so a page asks
for one request per widget and no comment travels to the reader. rjsmin minifies (it
removes comments and whitespace only; it renames nothing).

>>> minify("var a = 1; // why\\n/* how */ var b = 2;\\n")
'var a=1;var b=2;'
"""

from __future__ import annotations

from pathlib import Path

import rjsmin
from mkdocs.structure.files import File, Files

FOLDER = "assets/javascripts"
# What the browser loads -> the sources it is made of, in order. The progress widget's
# view (progress.js) starts once the modules before it have defined their parts.
BUNDLES = {
    "progress.min.js": [
        "progress-model.js",
        "progress-store.js",
        "progress-codes.js",
        "progress-reviews.js",
        "progress-panel.js",
        "progress.js",
    ],
    "roles.min.js": ["roles.js"],
    # The theme's search worker points here (atlas/site/search.py).
    "search-worker.min.js": ["search-worker.js"],
}
# Inlined at the end of every page instead: small, on every page, so not worth a request.
INLINE = "site.js"
_inline = {"script": ""}  # minified once per build, in on_files, for every page after it


def minify(source: str) -> str:
    return rjsmin.jsmin(source)


def bundle(docs_dir: Path, sources: list[str]) -> str:
    """The sources minified and joined; each ends with a newline so none runs into the next."""
    return "".join(
        minify((docs_dir / FOLDER / name).read_text(encoding="utf-8")) + "\n" for name in sources
    )


def on_files(files: Files, config) -> Files:
    docs_dir = Path(config.docs_dir)
    inline = files.get_file_from_path(f"{FOLDER}/{INLINE}")
    if inline is not None:
        files.remove(inline)
    _inline["script"] = bundle(docs_dir, [INLINE]).rstrip("\n")
    for target, sources in BUNDLES.items():
        for name in sources:
            source = files.get_file_from_path(f"{FOLDER}/{name}")
            if source is not None:
                files.remove(source)  # shipped inside the bundle, not on its own
        files.append(
            File.generated(config, f"{FOLDER}/{target}", content=bundle(docs_dir, sources))
        )
    return files


def on_post_page(output: str, page, config) -> str:
    head, tail = output.rsplit("</body>", 1)
    return f"{head}<script>{_inline['script']}</script></body>{tail}"
