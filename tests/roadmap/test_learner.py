"""The learner's commands: start never overwrites, check reports, graduate stands alone.

The pages' own command blocks run in a fresh clone (tests/page_commands.py); these tests
drive the same functions with a finished file, which no page can show.
"""

from __future__ import annotations

import shutil

import pytest

from atlas.roadmap import learner
from atlas.roadmap.graduate import graduate

FIRST = learner.find("first-call")


def test_start_copies_the_starter_and_never_overwrites_the_learners_file(tmp_path):
    work = tmp_path / "work"
    assert "Created work/first_call.py" in learner.start(FIRST, work)
    mine = work / "first_call.py"
    assert mine.read_text() == (FIRST.folder / "starter.py").read_text()
    mine.write_text("# my work\n")
    assert "kept as it is" in learner.start(FIRST, work)
    assert mine.read_text() == "# my work\n"


def test_projects_are_found_by_slug_or_folder_and_a_typo_lists_them():
    assert learner.find("first_call") == FIRST
    with pytest.raises(learner.LearnerError, match="first-call, prompt-evals"):
        learner.find("frist-call")


def test_check_says_what_to_do_next_until_done_then_names_the_next_project(tmp_path, capsys):
    work = tmp_path / "work"
    with pytest.raises(learner.LearnerError, match="make start P=first-call"):
        learner.check(FIRST, work)
    learner.start(FIRST, work)
    assert learner.check(FIRST, work) is False
    assert "Not done yet. Start with test_step1" in capsys.readouterr().out
    shutil.copyfile(FIRST.folder / "solution.py", work / "first_call.py")
    assert learner.check(FIRST, work) is True
    out = capsys.readouterr().out
    assert "every test passes" in out and "Next: make start P=prompt-evals" in out


def test_check_without_a_project_prints_a_table_of_every_project(tmp_path, capsys):
    work = tmp_path / "work"
    work.mkdir()
    shutil.copyfile(FIRST.folder / "solution.py", work / "first_call.py")
    learner.start(learner.find("retrieval"), work)
    assert learner.check_all(work) is False  # retrieval is started, not done
    rows = {line.split()[0]: line for line in capsys.readouterr().out.splitlines()[1:]}
    assert set(rows) == {p.slug for p in learner.projects()}
    assert "done" in rows["first-call"]
    assert "tests pass" in rows["retrieval"] and "make check P=retrieval" in rows["retrieval"]
    assert "not started" in rows["capstone"] and "make start P=capstone" in rows["capstone"]


@pytest.mark.parametrize("slug", ["first-call", "capstone"])
def test_a_graduated_project_runs_its_check_without_the_site(slug, tmp_path):
    project = learner.find(slug)
    message = graduate(project, project.folder / "solution.py", tmp_path / "mine")
    assert "Its check passes there" in message, message
    assert (tmp_path / "mine" / f"{project.folder.name}.py").is_file()
    assert "## What I measured" in (tmp_path / "mine" / "README.md").read_text()


def test_graduate_refuses_a_folder_that_is_not_empty_and_a_missing_file(tmp_path):
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "notes.txt").write_text("mine")
    with pytest.raises(learner.LearnerError, match="not empty"):
        graduate(FIRST, FIRST.folder / "solution.py", tmp_path / "taken")
    with pytest.raises(learner.LearnerError, match="make start P=first-call"):
        graduate(FIRST, tmp_path / "nothing.py", tmp_path / "new")


def test_an_unfinished_graduate_says_so(tmp_path):
    message = graduate(FIRST, FIRST.folder / "starter.py", tmp_path / "mine")
    assert "does not pass there yet" in message
