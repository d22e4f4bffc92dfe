"""Each common contributor mistake fails `make test` with a message naming the file.

Most tests make one mistake in a fresh copy of the project and run the check that must
catch it: the strict build, Sybil or the guard test. Mistakes that the build reports as
warnings share one copy that makes all of them (`warned`, below).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from atlas.site import harness

ROOT = harness.ROOT
COPIED = [
    "docs",
    "atlas",
    "includes",
    "hooks",
    "overrides",
    "tests",
    "conftest.py",
    "mkdocs.yml",
    "pyproject.toml",
]

pytestmark = pytest.mark.slow


def make_copy(folder: Path, *, execute_notebooks: bool = False) -> Path:
    """A copy of the project; its build executes no notebook unless asked (faster)."""
    copy = folder / "project"
    copy.mkdir()
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(
                source,
                copy / name,
                ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"),
            )
        else:
            shutil.copy2(source, copy / name)
    if not execute_notebooks:
        config = copy / "mkdocs.yml"
        text = config.read_text(encoding="utf-8")
        assert "\n      execute: true\n" in text, "mkdocs.yml: mkdocs-jupyter's execute moved"
        config.write_text(text.replace("\n      execute: true\n", "\n      execute: false\n"))
    return copy


@pytest.fixture
def project(tmp_path) -> Path:
    return make_copy(tmp_path)


def append(path: Path, text: str) -> int:
    """Append ``text`` to a page; return the line number its first line lands on."""
    before = path.read_text(encoding="utf-8")
    path.write_text(before.rstrip("\n") + "\n\n" + text, encoding="utf-8")
    return before.rstrip("\n").count("\n") + 3


def build(project: Path) -> str:
    result = harness.build(project, project / "site")
    assert result.returncode != 0, f"the build should have failed:\n{result.stdout}"
    return result.stdout


def lint_command(tool: str) -> list[str]:
    """`make lint`'s command for ``tool`` ("pymarkdown", "ruff format"...) as the Makefile
    writes it, with the program from this environment."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    found = re.search(rf"^\t\$\(BIN\)/({re.escape(tool)} [^#\n]*)", makefile, re.M)
    assert found, f"Makefile: make lint has no `$(BIN)/{tool} ...` line"
    words = found[1].split()
    return [str(Path(sys.executable).parent / words[0]), *words[1:]]


def run_pytest(project: Path, *targets: str) -> str:
    result = harness.run_pytest(project, *targets)
    assert result.returncode != 0, f"pytest should have failed:\n{result.stdout}"
    return result.stdout


def test_include_of_missing_file(project):
    line = append(project / "docs/index.md", '```python\n--8<-- "atlas/no_such_file.py"\n```')
    message = (
        f"docs/index.md:{line + 1}: --8<-- snippet at path 'atlas/no_such_file.py' could not "
        "be found (paths start at the project root)"
    )
    assert message in build(project)
    assert message in run_pytest(project, "docs/index.md")


def test_failing_python_block(project):
    line = append(project / "docs/index.md", "```python\nassert 1 + 1 == 3\n```")
    output = run_pytest(project, "docs/index.md")
    # The fence is on `line`; the failing statement on the line below it.
    assert f"docs/index.md:{line + 1}: AssertionError" in output


def test_python_block_fenced_as_py(project):
    line = append(project / "docs/index.md", "```py\nprint('never run')\n```")
    output = run_pytest(project, "tests/site/test_code_blocks.py")
    assert f"docs/index.md:{line}: block fenced as 'py'" in output


def test_notebook_cell_that_raises_fails_the_build(tmp_path):
    """The build executes notebooks (mkdocs.yml), as `make build` and the deploy do.

    The mistake is a cell that raises, put first in the site's notebook: the build stops
    there, so it runs one notebook's kernel, not one for the site's and one for a new page.
    """
    project = make_copy(tmp_path, execute_notebooks=True)
    notebooks = sorted((project / "docs").rglob("*.ipynb"))
    assert notebooks, "no notebook under docs/: give this mistake a page of its own"
    path = notebooks[0]
    notebook = json.loads(path.read_text(encoding="utf-8"))
    first_code = next(i for i, c in enumerate(notebook["cells"]) if c["cell_type"] == "code")
    raising = {
        "cell_type": "code",
        "execution_count": None,
        "id": "broken-on-purpose",
        "metadata": {},
        "outputs": [],
        "source": ["raise ValueError('broken on purpose')"],
    }
    notebook["cells"].insert(first_code, raising)
    path.write_text(json.dumps(notebook), encoding="utf-8")
    page = path.relative_to(project / "docs").as_posix()
    output = build(project)
    assert f"Error reading page '{page}': An error occurred while executing" in output
    assert "ValueError: broken on purpose" in ANSI.sub("", output)


def test_diagram_placeholder_naming_an_unknown_diagram(project):
    append(project / "docs/index.md", '<div class="atlas-diagram" data-diagram="nope"></div>')
    output = build(project)
    assert "index.md: diagram 'nope' failed: KeyError: \"no diagram called 'nope'" in output


# Mistakes that MkDocs reports as warnings: one strict build of a copy that makes all of
# them, each in its own file. It must fail printing exactly the warnings listed in
# `expected` (page-source rules name file and line), one each, and nothing else.
ANSI = re.compile(r"\x1b\[[0-9;]*m")  # the privacy plugin colours the page's name


def warnings_in(output: str) -> list[str]:
    return [
        ANSI.sub("", line).removeprefix("WARNING").strip(" -")
        for line in output.splitlines()
        if line.startswith("WARNING")
    ]


def replace_in(path: Path, old: str, new: str) -> int:
    """Replace the first ``old`` in a page; return the line it was on."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path}: {old!r} not found; update this test"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


@pytest.fixture(scope="module")
def warned(tmp_path_factory) -> tuple[str, dict[str, str]]:
    """(the build's output, {mistake: the warning it must print})."""
    project = make_copy(tmp_path_factory.mktemp("warnings"))
    docs = project / "docs"
    expected = {}

    append(docs / "glossary.md", "See [the missing page](no-such-page.md).")
    expected["link"] = (
        "Doc file 'glossary.md' contains a link 'no-such-page.md', "
        "but the target is not found among documentation files."
    )
    append(docs / "sources.md", "See [a section](index.md#no-such-section).")
    expected["anchor"] = (
        "Doc file 'sources.md' contains a link 'index.md#no-such-section', "
        "but the doc 'index.md' does not contain an anchor '#no-such-section'."
    )
    (docs / "orphan.md").write_text(
        "---\ndescription: A page that nobody lists in the nav.\n---\n\n# Orphan\n\n"
        "**What you will learn:** nothing.\n\n## Where to go next\n\n- [Home](index.md)\n"
    )
    expected["orphan"] = (
        "The following pages exist in the docs directory, "
        'but are not included in the "nav" configuration:'
    )
    roles = docs / "roles/index.md"
    roles.write_text("---\ndescription: fine\ntitle: [unclosed\n---\n" + roles.read_text())
    expected["bad yaml"] = "docs/roles/index.md:3: front matter is not valid YAML"
    line = replace_in(docs / "roadmap/index.md", "description:", "descripton:")  # codespell:ignore
    expected["typo"] = (
        f"docs/roadmap/index.md:{line}: unknown front matter key 'descripton' "
        "(did you mean 'description'?)"
    )
    expected["typo, so no description"] = (
        "docs/roadmap/index.md:1: front matter has no 'description'"
    )
    text = (docs / "map/index.md").read_text(encoding="utf-8")
    description = re.search(r"^description: .*\n", text, re.M)[0]
    replace_in(docs / "map/index.md", description, "")
    expected["no description"] = (
        "docs/map/index.md:1: front matter has no 'description': add 'description: "
        "<one sentence>' between '---' lines for search results and link previews"
    )
    line = replace_in(docs / "scenarios/index.md", "**What you will learn:**", "**In short:**")
    expected["no opener"] = (
        f"docs/scenarios/index.md:{line}: the first paragraph after the title must start "
        "with '**What you will learn:**' or '**What you will find here:**'"
    )
    line = replace_in(docs / "roles/timeline.md", "## Where to go next", "## Read on")
    expected["no closer"] = (
        f"docs/roles/timeline.md:{line}: the last section must be '## Where to go next'"
    )
    append(docs / "roles/debates.md", '<script src="https://cdn.example.com/x.js"></script>')
    expected["external file"] = "External file: https://cdn.example.com/x.js in 'roles/debates.md'"
    return build(project), expected


def test_the_build_prints_exactly_the_injected_warnings(warned):
    output, expected = warned
    printed = warnings_in(output)
    unexpected = [w for w in printed if not any(e in w for e in expected.values())]
    assert unexpected == [], f"warnings no mistake here explains:\n{output}"
    assert len(printed) == len(expected), f"each mistake should warn once:\n{output}"


@pytest.mark.parametrize(
    "mistake",
    [
        "link",
        "anchor",
        "orphan",
        "bad yaml",
        "typo",
        "typo, so no description",
        "no description",
        "no opener",
        "no closer",
        "external file",
    ],
)
def test_each_mistake_is_named(warned, mistake):
    output, expected = warned
    assert [w for w in warnings_in(output) if expected[mistake] in w], (
        f"no warning says {expected[mistake]!r}:\n{output}"
    )


def test_the_page_left_out_of_the_nav_is_named(warned):
    output, _ = warned
    assert 'not included in the "nav" configuration:\n  - orphan.md' in output


def test_image_without_alt_text_fails_lint(tmp_path):
    """`make lint`'s own pymarkdown command (MD045) fails naming file and line.

    It runs exactly as the Makefile says, so a scan that skips docs/*/ fails here. Images
    in raw HTML (<img>) are axe's image-alt, on every page in tests/browser/test_every_page.py.
    """
    command = lint_command("pymarkdown")
    for name in ("pyproject.toml", "README.md", "CONTRIBUTING.md"):  # its settings and files
        shutil.copy(ROOT / name, tmp_path)
    # One page, a folder down (the scan of all of docs/ is make lint's, in every make test).
    (tmp_path / "docs/map").mkdir(parents=True)
    shutil.copy(ROOT / "docs/map/index.md", tmp_path / "docs/map")
    line = append(tmp_path / "docs/map/index.md", "![](../assets/favicon.svg)\n")
    result = subprocess.run(
        command, cwd=tmp_path, text=True, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    assert result.returncode != 0, result.stdout
    assert result.stdout.splitlines() == [
        f"{tmp_path}/docs/map/index.md:{line}:1: MD045: "
        "Images should have alternate text (alt text) (no-alt-text)"
    ]


def test_ruff_lints_and_formats_every_python_file():
    """`make lint`'s ruff commands read every Python file. An exclude pattern without a
    slash matches a name anywhere in the tree: "site" (for the build's output) once kept
    atlas/site/ and tests/site/ out of ruff."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard", "*.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    for command in (
        [*lint_command("ruff check"), "--show-files"],
        [*lint_command("ruff format"), "-v"],
    ):
        ran = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        shown = ran.stdout + ran.stderr  # (format -v lists the files it read on stderr)
        missed = [name for name in listed if str(ROOT / name) not in shown]
        assert not missed, f"`{' '.join(command[1:])}` skips {missed[:5]}"


def test_a_misspelling_in_any_folder_fails_lint(tmp_path):
    """`make lint`'s own codespell command, with the project's settings, in every folder it
    names and one below (where a skip pattern like "site" hid atlas/site/)."""
    command = lint_command("codespell")
    shutil.copy(ROOT / "pyproject.toml", tmp_path)
    typo = "recieve"  # codespell:ignore
    typos = []
    for name in command[1:]:
        if name.endswith(".md"):
            (tmp_path / name).write_text("Nothing here.\n", encoding="utf-8")
            continue
        for folder in (tmp_path / name, tmp_path / name / "site"):
            folder.mkdir(parents=True, exist_ok=True)
            (folder / "example.py").write_text(f"# {typo}\n", encoding="utf-8")
            typos.append(f"{(folder / 'example.py').relative_to(tmp_path)}:1: {typo} ==> receive")
    result = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode != 0, result.stdout
    assert sorted(result.stdout.splitlines()) == sorted(typos)


# Broken entries in the data files the build makes tables from: one copy breaks both files,
# three entries in all; every one must be named with its file, entry and field.
DATA_MISTAKES = {
    "project effort": "atlas/roadmap/projects.yaml: project 2 ('prompt-evals'), field 'effort':"
    " effort 'a while' must read like '2–3 days'",
    "project summary": "atlas/roadmap/projects.yaml: project 3 ('retrieval'), field 'summary':"
    " Field required",
    "event precision": "atlas/site/timeline.yaml: event 4 ('The job title \"data scientist\"'),"
    " field 'precision': precision 'week' is not one of",
}


@pytest.fixture(scope="module")
def broken_data(tmp_path_factory) -> str:
    project = make_copy(tmp_path_factory.mktemp("data"))
    projects = project / "atlas/roadmap/projects.yaml"
    text = projects.read_text(encoding="utf-8")
    effort = re.search(r"  - slug: prompt-evals\n(?:    .*\n)*?    effort: .*\n", text)
    assert effort, "projects.yaml: no prompt-evals entry with an effort"
    text = text.replace(effort[0], re.sub(r"effort: .*", "effort: a while", effort[0]), 1)
    summary = "    summary: Chunk documents, retrieve the best chunks"
    assert summary in text
    projects.write_text(re.sub(rf"{summary}.*\n", "", text, count=1), encoding="utf-8")
    timeline = project / "atlas/site/timeline.yaml"
    text = timeline.read_text(encoding="utf-8")
    assert '  - date: "2008"\n    precision: approximate\n' in text
    timeline.write_text(
        text.replace(
            '  - date: "2008"\n    precision: approximate\n',
            '  - date: "2008"\n    precision: week\n',
        ),
        encoding="utf-8",
    )
    return build(project)


@pytest.mark.parametrize("mistake", DATA_MISTAKES)
def test_a_broken_data_entry_fails_the_build_naming_file_entry_and_field(broken_data, mistake):
    assert DATA_MISTAKES[mistake] in broken_data, broken_data
