"""Reader-facing code does not depend on the site's machinery.

Pages include and learners run what is in ``atlas/`` outside ``atlas/site/``; a graduated
project copies part of it. The renderers that turn data into page text live in
``atlas/site/`` and import the loaders, never the other way round.
"""

from __future__ import annotations

from pathlib import Path

from atlas.site import imports

ATLAS = Path(__file__).resolve().parents[2] / "atlas"


def site_imports(path: Path, root: Path = ATLAS.parent) -> list[str]:
    """'file:line: import ...' for each import of atlas.site in the module at ``path``."""
    lines = []
    for statement in imports.statements(path.read_text(encoding="utf-8"), filename=str(path)):
        names = [statement.module, *(f"{statement.module}.{n}" for n in statement.names)]
        site = any(name == "atlas.site" or name.startswith("atlas.site.") for name in names)
        if site and statement.line not in lines:
            lines.append(statement.line)
    return [f"{path.relative_to(root)}:{line}: imports atlas.site" for line in lines]


def test_reader_facing_code_does_not_import_the_site_machinery():
    modules = [p for p in sorted(ATLAS.rglob("*.py")) if ATLAS / "site" not in p.parents]
    assert len(modules) > 10
    problems = [problem for path in modules for problem in site_imports(path)]
    assert problems == [], "move the code that needs atlas.site into atlas/site/"


def test_the_check_sees_both_import_forms(tmp_path):
    """Guards the test above: both spellings of an import are caught."""
    module = tmp_path / "atlas" / "x.py"
    module.parent.mkdir()
    module.write_text("import atlas.site.svg\nfrom atlas import site\n", encoding="utf-8")
    assert site_imports(module, tmp_path) == [
        "atlas/x.py:1: imports atlas.site",
        "atlas/x.py:2: imports atlas.site",
    ]
