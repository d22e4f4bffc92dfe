"""A small reader of CSS for the build's trimming passes: top-level rules, and
selectors or declarations split where a comma or semicolon is not inside brackets.

Enough for minified theme and JupyterLab sheets; not a full CSS parser (no nested rules).

>>> keep_rules("a,b{x:1}@media print{b{y:2}}", lambda selector: selector != "b")
'a{x:1}'
"""

from __future__ import annotations

from collections.abc import Callable

GROUPING = ("@media", "@supports", "@layer", "@container")


def split_blocks(css: str) -> list[tuple[str, str]]:
    """Top-level ``(prelude, body)`` pairs; a statement such as ``@import x;`` has body None."""
    items, depth, start, prelude = [], 0, 0, ""
    for index, char in enumerate(css):
        if char == "{":
            if depth == 0:
                prelude, start = css[start:index].strip(), index + 1
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                items.append((prelude, css[start:index]))
                start = index + 1
        elif char == ";" and depth == 0:
            items.append((css[start:index].strip(), None))
            start = index + 1
    return [(p, b) for p, b in items if p or b]


def split_top(text: str, separator: str) -> list[str]:
    """Split at ``separator`` outside brackets and quotes.

    ``a, b:is(c, d)`` -> ``["a", "b:is(c, d)"]`` for selectors, and data URIs such as
    ``url("data:image/svg+xml;base64,...")`` stay whole when splitting declarations.
    """
    parts, depth, quote, current = [], 0, "", []
    for char in text:
        if quote:
            quote = "" if char == quote else quote
        elif char in "\"'":
            quote = char
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == separator and depth == 0:
            parts.append("".join(current).strip())
            current = []
            continue
        current.append(char)
    return [p for p in [*parts, "".join(current).strip()] if p]


def keep_rules(css: str, keep: Callable[[str], bool]) -> str:
    """The rules with only the selectors ``keep`` accepts (a rule with none left goes,
    and so does a grouping rule left empty); statements and other at-rules stay."""
    kept = []
    for prelude, body in split_blocks(css):
        if body is None:
            kept.append(prelude + ";")
        elif prelude.startswith(GROUPING):
            inner = keep_rules(body, keep)
            if inner.strip():
                kept.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@"):
            kept.append(f"{prelude}{{{body}}}")  # @font-face, @keyframes, @page: keep
        else:
            selectors = [s for s in split_top(prelude, ",") if keep(s)]
            if selectors:
                kept.append(f"{','.join(selectors)}{{{body}}}")
    return "\n".join(kept)
