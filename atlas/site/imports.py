"""The import statements of a piece of Python source, read without running it.

The notebook cache follows what a notebook imports, the layout test looks for imports of
``atlas.site``, and the wrong-solution runner works out what the checks import: all three
read the same statements here.

>>> [(s.line, s.module, s.names) for s in statements("import a.b\\nfrom .c import d", "pkg")]
[(1, 'a.b', ()), (2, 'pkg.c', ('d',))]
"""

from __future__ import annotations

import ast
from dataclasses import dataclass


@dataclass(frozen=True)
class Statement:
    line: int
    module: str  # the module imported, or imported from, as an absolute dotted name
    names: tuple[str, ...]  # what ``from module import ...`` names (each may be a module)


def statements(source: str, package: str | None = None, filename: str = "<unknown>"):
    """Every import statement in ``source``, wherever it stands, one per module imported.

    A relative import is resolved against ``package`` (the dotted name of the package the
    source belongs to, ``""`` for the top level); without one it is left out. So is
    ``from __future__``. Raises ``SyntaxError`` for source that does not parse.
    """
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.Import):
            found += [Statement(node.lineno, alias.name, ()) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module != "__future__":
            if node.level:
                if package is None:
                    continue
                parent = package.rsplit(".", node.level - 1)[0]
                module = ".".join(filter(None, [parent, node.module]))
            else:
                module = node.module
            names = tuple(alias.name for alias in node.names)
            found.append(Statement(node.lineno, module, names))
    return found
