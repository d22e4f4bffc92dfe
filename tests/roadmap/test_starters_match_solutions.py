"""Each project's starter.py and solution.py keep the same public surface.

The starter is the solution with its steps left out, kept by hand. Where the two drift (a
renamed function, a changed default, a field added to one model, an example tool edited
in one file only), a learner writes code that passes against their starter and fails
the check, or the other way round. So, for every project:

* both files bind the same public module-level names (imports included: the starter
  imports what the steps need);
* every public function and method has the same signature, decorators and docstring;
* every class has the same bases, decorators, docstring and members (fields with their
  annotations and defaults, methods);
* constants have equal values, except those the starter tells the learner to change
  (``YOURS`` below);
* code that is not a step (an example tool, a helper method) is identical; in a step
  class (its docstring starts "Step N:") the given methods may differ in body only;
* every step of the solution (a docstring starting "Step N:", on the function or its
  class) is a ``raise NotImplementedError("Step N: ...")`` in the starter, and nothing
  else in the starter raises NotImplementedError.
"""

from __future__ import annotations

import ast
import importlib.util
import inspect
import re
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from atlas.roadmap.catalogue import load

PROJECTS = load()[1]
STEP = re.compile(r"Step (\w+):")
FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
# Constants the starter invites the learner to point elsewhere or tune: same name and
# type in both files, but their values may differ.
YOURS = {
    "retrieval": {"DOCUMENTS"},
    "capstone": {"DOCUMENTS", "CASES"},
    "adapt_model": {"MIN_EXAMPLES"},
}


def definitions(tree: ast.Module | ast.ClassDef) -> dict[str, ast.AST]:
    """The names a module or class body defines, with the statement defining each."""
    found: dict[str, ast.AST] = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            found[node.name] = node
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            found[node.target.id] = node
        elif isinstance(node, ast.Assign):
            for target in node.targets:
                for name in ast.walk(target):
                    if isinstance(name, ast.Name):
                        found[name.id] = node
    return found


def signature(node: ast.FunctionDef | ast.AsyncFunctionDef) -> str:
    kind = "async def" if isinstance(node, ast.AsyncFunctionDef) else "def"
    decorators = "".join(f"@{ast.unparse(d)} " for d in node.decorator_list)
    returns = f" -> {ast.unparse(node.returns)}" if node.returns else ""
    return f"{decorators}{kind} {node.name}({ast.unparse(node.args)}){returns}"


def step_of(node: ast.AST) -> str | None:
    """The step a function or class is, from its docstring ("Step 2: ...")."""
    doc = ast.get_docstring(node)
    match = STEP.match(doc or "")
    return match[1] if match else None


def not_implemented_message(node: ast.FunctionDef | ast.AsyncFunctionDef) -> str | None:
    """The message of a ``raise NotImplementedError("...")`` directly in the body."""
    for statement in node.body:
        if (
            isinstance(statement, ast.Raise)
            and isinstance(statement.exc, ast.Call)
            and isinstance(statement.exc.func, ast.Name)
            and statement.exc.func.id == "NotImplementedError"
        ):
            args = statement.exc.args
            if args and isinstance(args[0], ast.Constant) and isinstance(args[0].value, str):
                return args[0].value
            return ""
    return None


def raises_not_implemented(node: ast.AST) -> bool:
    return any(isinstance(n, ast.Name) and n.id == "NotImplementedError" for n in ast.walk(node))


def same(a: Any, b: Any) -> bool:
    """Equal values; functions and classes of the two files count as equal by name."""
    if inspect.isfunction(a) or inspect.isclass(a):
        return (inspect.isfunction(b) or inspect.isclass(b)) and a.__qualname__ == b.__qualname__
    if isinstance(a, dict):
        return isinstance(b, dict) and list(a) == list(b) and all(same(a[k], b[k]) for k in a)
    if isinstance(a, list | tuple):
        return (
            type(a) is type(b)
            and len(a) == len(b)
            and all(same(x, y) for x, y in zip(a, b, strict=True))
        )
    try:
        return bool(a == b)
    except Exception:
        return False


def compare_functions(where: str, starter, solution, owner, problems: list[str]) -> None:
    if signature(starter) != signature(solution):
        problems.append(
            f"{where}: starter has `{signature(starter)}`, solution `{signature(solution)}`"
        )
    if ast.get_docstring(starter) != ast.get_docstring(solution):
        problems.append(f"{where}: the docstrings differ; keep the step's description in step")
    step = step_of(solution)
    message = not_implemented_message(starter)
    if step is None and message is not None and owner is not None:
        step = step_of(owner)  # a method of a step class, left for the learner to write
    if step is None:
        if message is not None:
            problems.append(f"{where}: the starter leaves it unwritten, but it is no step")
        elif owner is not None and step_of(owner):
            pass  # a given method of a step class (an __init__ to extend): signature only
        elif ast.dump(starter) != ast.dump(solution):
            problems.append(
                f"{where}: not a step, so the starter must give it exactly as the solution "
                "does; copy it over"
            )
    elif message is None:
        problems.append(
            f"{where} is Step {step}: the starter must `raise NotImplementedError("
            f'"Step {step}: ...")`'
        )
    elif not message.startswith(f"Step {step}:"):
        problems.append(
            f"{where} is Step {step}, but the starter's NotImplementedError says "
            f"{message[:60]!r}; start it with 'Step {step}:'"
        )


def compare_bodies(
    where: str,
    starter: dict[str, ast.AST],
    solution: dict[str, ast.AST],
    owner: ast.ClassDef | None,
    values: tuple[Any, Any],
    yours: set[str],
    problems: list[str],
) -> None:
    """Compare the names a module (owner None) or a class body defines."""
    keep = (
        (lambda n: not n.startswith("_") or n == "__init__")
        if owner
        else (lambda n: not n.startswith("_"))
    )
    names_s, names_o = {n for n in starter if keep(n)}, {n for n in solution if keep(n)}
    for name in sorted(names_o - names_s):
        problems.append(f"{where}: the solution defines {name}, the starter does not")
    for name in sorted(names_s - names_o):
        problems.append(f"{where}: the starter defines {name}, the solution does not")
    for name in sorted(names_s & names_o):
        a, b = starter[name], solution[name]
        here = f"{where}.{name}" if owner else f"{where}: {name}"
        if type(a) is not type(b):
            problems.append(f"{here} is a {type(a).__name__} in one file, a {type(b).__name__}")
        elif isinstance(a, ast.FunctionDef | ast.AsyncFunctionDef):
            compare_functions(here, a, b, owner, problems)
        elif isinstance(a, ast.ClassDef):
            compare_classes(here, a, b, values, yours, problems)
        elif owner is not None:  # a field or class attribute: compare the source
            if ast.unparse(a) != ast.unparse(b):
                problems.append(f"{here}: starter `{ast.unparse(a)}`, solution `{ast.unparse(b)}`")
        else:
            value_s, value_o = (getattr(module, name) for module in values)
            if name in yours:
                if type(value_s) is not type(value_o):
                    problems.append(f"{here}: a {type(value_s).__name__} in the starter only")
            elif not same(value_s, value_o):
                problems.append(
                    f"{here}: starter {value_s!r} != solution {value_o!r}; if the learner is "
                    "meant to change it, add it to YOURS in this test"
                )


def compare_classes(where, starter, solution, values, yours, problems) -> None:
    for part in ("bases", "keywords", "decorator_list"):
        text_s = [ast.unparse(n) for n in getattr(starter, part)]
        text_o = [ast.unparse(n) for n in getattr(solution, part)]
        if text_s != text_o:
            problems.append(f"{where}: {part} differ: starter {text_s}, solution {text_o}")
    if ast.get_docstring(starter) != ast.get_docstring(solution):
        problems.append(f"{where}: the class docstrings differ")
    step = step_of(solution)
    messages = [not_implemented_message(n) for n in starter.body if isinstance(n, FUNCTIONS)]
    if step and not any(m and m.startswith(f"Step {step}:") for m in messages):
        problems.append(
            f"{where} is Step {step}: in the starter, a method of it must "
            f'`raise NotImplementedError("Step {step}: ...")`'
        )
    compare_bodies(
        where, definitions(starter), definitions(solution), solution, values, yours, problems
    )


def load_file(path: Path) -> ModuleType:
    name = f"drift_{path.parent.name}_{path.stem}"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # pydantic and dataclasses look their module up here
    try:
        spec.loader.exec_module(module)
    finally:
        del sys.modules[name]
    return module


def drift(folder: Path, starter_path: Path | None = None) -> list[str]:
    """Every difference between a project's starter and solution that is not a step."""
    starter_path = starter_path or folder / "starter.py"
    starter, solution = load_file(starter_path), load_file(folder / "solution.py")
    tree_s = ast.parse(starter_path.read_text(encoding="utf-8"))
    tree_o = ast.parse((folder / "solution.py").read_text(encoding="utf-8"))
    problems: list[str] = []
    where = f"atlas/roadmap/{folder.name}"
    bound_s = {n for n in vars(starter) if not n.startswith("_")}
    bound_o = {n for n in vars(solution) if not n.startswith("_")}
    defined_s, defined_o = definitions(tree_s), definitions(tree_o)
    for name in sorted((bound_o - bound_s) - set(defined_o)):
        problems.append(f"{where}/starter.py does not import {name}, which the solution uses")
    for name in sorted((bound_s - bound_o) - set(defined_s)):
        problems.append(f"{where}/starter.py imports {name}, which the solution does not")
    compare_bodies(
        where,
        defined_s,
        defined_o,
        None,
        (starter, solution),
        YOURS.get(folder.name, set()),
        problems,
    )
    # Nothing else in the starter may be left unwritten: private helpers included.
    for node in ast.walk(tree_s):
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        if not_implemented_message(node) is None and raises_not_implemented(node):
            problems.append(
                f"{where}/starter.py:{node.lineno}: {node.name} raises NotImplementedError "
                'other than as its body\'s own `raise NotImplementedError("Step N: ...")`'
            )
    return problems


@pytest.mark.parametrize("project", PROJECTS, ids=lambda p: p.slug)
def test_the_starter_keeps_the_solutions_names_signatures_and_steps(project):
    problems = drift(project.folder)
    assert problems == [], (
        f"atlas/roadmap/{project.folder.name}: starter.py and solution.py drifted apart:\n  "
        + "\n  ".join(problems)
    )


@pytest.mark.parametrize(
    ("old", "new", "words"),
    [
        ("temperature=0.0", "temperature=1.0", None),  # only in a step's message: no drift
        ("def ask(model: ChatModel", "def ask(model", "def ask(model, context: str"),
        ('"Step 2: call model', '"call model', "start it with 'Step 2:'"),
        (
            "    summary: str\n",
            "    summary: str\n    notes: str = ''\n",
            "Ticket: the starter defines notes",
        ),
        ('SYSTEM = "You answer', 'SYSTEM = "Answer', "first_call: SYSTEM: starter"),
        ("BaseModel, ValidationError  #", "BaseModel  #", "does not import ValidationError"),
        ('"""Step 3: validate', '"""Validate', "the docstrings differ"),
        ('Literal["billing",', 'Literal["refund", "billing",', "Ticket.category"),
    ],
    ids=[
        "message-text",
        "signature",
        "step-name",
        "model-field",
        "constant",
        "import",
        "docstring",
        "field-type",
    ],
)
def test_drift_in_a_starter_is_named(tmp_path, old, new, words):
    """The comparison finds each kind of drift, injected into first-call's starter."""
    folder = next(p.folder for p in PROJECTS if p.folder.name == "first_call")
    text = (folder / "starter.py").read_text(encoding="utf-8")
    assert old in text, f"this test's anchor {old!r} is gone from first_call/starter.py"
    changed = tmp_path / "starter.py"
    changed.write_text(text.replace(old, new, 1), encoding="utf-8")
    problems = drift(folder, changed)
    if words is None:
        assert problems == []
    else:
        assert any(words in p for p in problems), problems


def test_an_example_tool_edited_in_one_file_is_named(tmp_path):
    folder = next(p.folder for p in PROJECTS if p.folder.name == "tool_calling")
    text = (folder / "starter.py").read_text(encoding="utf-8")
    changed = tmp_path / "starter.py"
    changed.write_text(text.replace("4 + 1.5 * kilograms", "5 + 1.5 * kilograms"))
    assert any("shipping_cost: not a step" in p for p in drift(folder, changed))
