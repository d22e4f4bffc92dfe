"""Turn a finished roadmap project into a folder of the learner's own.

The folder holds the learner's file, the project's done-when check and the parts of the
site's code the check needs (the chat-model interface, the offline stand-in, the check
helpers, and any earlier project a solution builds on), with a ``pyproject.toml`` whose
pytest settings run the check against the learner's file. It needs nothing from the
site's repository.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

from atlas.roadmap.catalogue import HERE, ROOT, Project
from atlas.roadmap.learner import LearnerError

PACKAGE = ROOT / "atlas"
IMPORTED_PROJECT = re.compile(r"atlas\.roadmap\.(\w+)")
DEPENDENCIES = ["pydantic>=2.7,<3", "openai>=1.40,<4", "pytest>=9,<10"]
EXTRA_DEPENDENCIES = {"mcp_server": ["mcp>=1.9,<3"]}

PYPROJECT = """\
[project]
name = "{name}"
version = "0.1.0"
description = "{title}: a project built on the AI Engineering Atlas roadmap."
requires-python = ">=3.11"
dependencies = [{dependencies}]

[tool.pytest.ini_options]
# The done-when check, run against {module}.py by conftest.py.
testpaths = ["atlas/roadmap/{folder}/check.py"]
python_files = ["check.py"]
pythonpath = ["."]
addopts = ["--import-mode=importlib", "-p", "no:cacheprovider"]
"""

CONFTEST = """\
\"\"\"Point the done-when check at this project's own code, {module}.py.\"\"\"

import os
from pathlib import Path

os.environ.setdefault("ATLAS_SOLUTION", str(Path(__file__).parent / "{module}.py"))
"""

README = """\
# {title}

{summary}

Built by following the AI Engineering Atlas roadmap project "{title}". `{module}.py` is
my code; `atlas/` holds the site's chat-model interface, its offline stand-in (a
deterministic program, not a language model) and the project's done-when check (MIT
licence).

## Run the check

```bash
python -m venv .venv && .venv/bin/pip install -r requirements.txt
.venv/bin/pytest
```

## What I measured

Write here what you changed (your own data, your own prompts), what you measured and
what you learned.
"""


def needed_projects(folder: str) -> list[str]:
    """``folder`` and every roadmap project its files import, in a stable order."""
    seen, todo = [], [folder]
    while todo:
        name = todo.pop()
        if name in seen or not (HERE / name).is_dir():
            continue
        seen.append(name)
        for path in sorted((HERE / name).glob("*.py")):
            todo.extend(IMPORTED_PROJECT.findall(path.read_text(encoding="utf-8")))
    return sorted(seen)


def copy_tree(source: Path, target: Path) -> None:
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))


def graduate(project: Project, workfile: Path, destination: Path) -> str:
    """Create ``destination`` from the learner's ``workfile``; never overwrite a folder."""
    if not workfile.is_file():
        raise LearnerError(f"{workfile} does not exist yet. Run: make start P={project.slug}")
    if destination.exists() and any(destination.iterdir()):
        raise LearnerError(f"{destination} exists and is not empty: choose another TO=")
    folder = project.folder.name
    destination.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(workfile, destination / f"{folder}.py")
    (destination / "atlas" / "roadmap").mkdir(parents=True)
    shutil.copyfile(PACKAGE / "__init__.py", destination / "atlas" / "__init__.py")
    copy_tree(PACKAGE / "llm", destination / "atlas" / "llm")
    for name in ("__init__.py", "checking.py"):
        shutil.copyfile(HERE / name, destination / "atlas" / "roadmap" / name)
    for name in needed_projects(folder):
        copy_tree(HERE / name, destination / "atlas" / "roadmap" / name)
    dependencies = DEPENDENCIES + EXTRA_DEPENDENCIES.get(folder, [])
    values = {
        "name": project.slug,
        "title": project.title,
        "summary": project.summary,
        "module": folder,
        "folder": folder,
        "dependencies": ", ".join(f'"{d}"' for d in dependencies),
    }
    (destination / "pyproject.toml").write_text(PYPROJECT.format(**values), encoding="utf-8")
    requirements = "".join(f"{d}\n" for d in dependencies)
    (destination / "requirements.txt").write_text(requirements, encoding="utf-8")
    (destination / "conftest.py").write_text(CONFTEST.format(**values), encoding="utf-8")
    (destination / "README.md").write_text(README.format(**values), encoding="utf-8")
    (destination / ".gitignore").write_text(".venv/\n__pycache__/\n", encoding="utf-8")
    return f"Created {destination}.\n" + check_there(destination)


def check_there(destination: Path) -> str:
    """Run pytest in the new folder, with nothing from the site's repository on the path."""
    env = {"PATH": "/usr/bin:/bin", "PYTHONHASHSEED": "0", "HOME": str(destination)}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "--no-header", "-p", "no:randomly"],
        cwd=destination,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    last = done.stdout.strip().splitlines()[-1] if done.stdout.strip() else "no output"
    if done.returncode == 0:
        return f"Its check passes there ({last}). Next: cd {destination} && git init"
    return f"Its check does not pass there yet ({last}): finish it with: cd {destination} && pytest"
