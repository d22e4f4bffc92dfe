"""Each page's HTML with its runs of whitespace collapsed, as a browser would read them.

The theme's templates and Markdown's output indent and blank-line generously, which costs
about 0.6 KB gzip a page. A browser treats any run of spaces, tabs and newlines in text as
one space (CSS ``white-space: normal`` and ``nowrap``), so a run becomes one character: a
newline if it held one, else a space. What the reader sees is unchanged. Left exactly as
written: tags and their attributes, comments, and the elements whose whitespace is shown
(``pre``, ``textarea``; ``code`` and ``kbd``, which Material styles ``pre-wrap``) or is
not text (``script``, ``style``).

Not a general minifier (those also drop quotes, closing tags and the space between inline
elements, and so change what some pages show).

>>> collapse("<p>\\n    Two\\n\\n  words <em>here</em>  \\t too</p>")
'<p>\\nTwo\\nwords <em>here</em> too</p>'
>>> collapse("<pre><code>a\\n\\n    b</code></pre>  <code>x  y</code>")
'<pre><code>a\\n\\n    b</code></pre> <code>x  y</code>'
>>> collapse('<a title="1 > 0\\n\\n  2">x</a>\\u00a0 \\u00a0y')
'<a title="1 > 0\\n\\n  2">x</a>\\xa0 \\xa0y'
"""

from __future__ import annotations

import re

# Kept whole: the elements above (content and all), comments, and every other tag.
_KEPT = re.compile(
    r"<(pre|code|kbd|textarea|script|style)\b.*?</\1\s*>"
    r"|<!--.*?-->"
    r"""|<[^>"']*(?:"[^"]*"[^>"']*|'[^']*'[^>"']*)*>""",  # a ">" inside quotes ends no tag
    re.DOTALL | re.IGNORECASE,
)
# HTML's whitespace only: a no-break space (U+00A0) is a visible character.
_RUN = re.compile(r"[ \t\n\r\f]+")


def _one(run: re.Match) -> str:
    return "\n" if "\n" in run.group() else " "


def collapse(html: str) -> str:
    pieces, start = [], 0
    for kept in _KEPT.finditer(html):
        pieces.append(_RUN.sub(_one, html[start : kept.start()]))
        pieces.append(kept.group())
        start = kept.end()
    pieces.append(_RUN.sub(_one, html[start:]))
    return "".join(pieces)


def on_post_page(output: str, page, config) -> str:
    return collapse(output)
