"""Make mkdocs-jupyter's notebook pages offline and as light as the others.

Its page template loads MathJax, RequireJS and Mermaid from CDNs (and can emit an empty
``<script src>``); our notebooks need none of them, so those tags are removed. It also
inlines all of JupyterLab's CSS, about 575 KB per page, most of which styles widgets the
page does not have: rules whose selectors name classes absent from the page, and custom
properties nothing reads, are dropped. Anything else that points off-site is left in
place for the tests to catch and name.
"""

from __future__ import annotations

import re

from atlas.site.css import keep_rules, split_top

CDN_SCRIPTS = re.compile(
    r"<script\b[^>]*\bsrc=\"(?:|https?://[^\"]*(?:mathjax|require)[^\"]*)\"[^>]*>\s*</script>"
    r"|<script\b[^>]*>(?:(?!</script>).)*(?:MathJax\.Hub|mermaid)(?:(?!</script>).)*</script>",
    re.DOTALL | re.IGNORECASE,
)
STYLE = re.compile(r"(<style\b[^>]*>)(.*?)(</style>)", re.DOTALL | re.IGNORECASE)
COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
CLASS_ATTR = re.compile(r"\bclass=\"([^\"]*)\"")
CLASS_IN_SELECTOR = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
# :not(.x), :is(.a, .b) and friends do not require their classes: ignore what they hold.
PSEUDO_FUNCTION = re.compile(r":[\w-]+\((?:[^()]|\([^()]*\))*\)")
VAR_USE = re.compile(r"var\(\s*(--[\w-]+)")
CUSTOM_PROPERTY = re.compile(r"^\s*(--[\w-]+)\s*:")


def required_classes(selector: str) -> set[str]:
    """The classes an element chain must carry for ``selector`` to match anything."""
    return set(CLASS_IN_SELECTOR.findall(PSEUDO_FUNCTION.sub("", selector)))


def prune_rules(css: str, classes: set[str]) -> str:
    """Keep only rules that can match: each selector's classes must all be on the page."""
    return keep_rules(css, lambda selector: required_classes(selector) <= classes)


def prune_custom_properties(sheets: list[str], html: str) -> list[str]:
    """Drop ``--x: ...`` declarations that no ``var(--x)`` reads, until none is left.

    ``sheets`` are read together (one may read another's properties), and so is ``html``
    (inline styles). Dropping one declaration can leave another unread, hence the loop.
    """
    outside = set(VAR_USE.findall(html))
    while True:
        joined = "\n".join(sheets)
        declared = set(re.findall(r"(--[\w-]+)\s*:", joined))
        unread = declared - set(VAR_USE.findall(joined)) - outside
        if not unread:
            return sheets

        def keep(declaration: str, unread: set[str] = unread) -> bool:
            found = CUSTOM_PROPERTY.match(declaration)
            return not (found and found[1] in unread)

        before, sheets = (
            sheets,
            [
                re.sub(
                    r"\{([^{}]*)\}",
                    lambda body: "{" + ";".join(filter(keep, split_top(body[1], ";"))) + "}",
                    css,
                )
                for css in sheets
            ],
        )
        if sheets == before:  # what is left cannot be dropped safely: stop here
            return sheets


def slim(html: str) -> str:
    """The notebook page with its inlined CSS cut down to what the page uses."""
    outside = STYLE.sub("", html)
    classes = {name for value in CLASS_ATTR.findall(outside) for name in value.split()}
    styles = [COMMENT.sub("", m[2]) for m in STYLE.finditer(html)]
    pruned = prune_custom_properties([prune_rules(css, classes) for css in styles], outside)
    iterator = iter(pruned)
    return STYLE.sub(lambda m: m[1] + next(iterator) + m[3], html)


def on_post_page(output, page, config):
    if page.file.src_uri.endswith(".ipynb"):
        output = slim(CDN_SCRIPTS.sub("", output))
    return output
