"""Completion codes (atlas/roadmap/completion.py): a passing check prints one; it names the
project, the day, the file and whether the reference was used; a changed character fails
its checksum. tests/browser/test_progress_codes.py checks that the page reads them alike."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import pytest

from atlas.roadmap import completion, learner

FIRST = learner.find("first-call")
SOLUTION = FIRST.folder / "solution.py"
CODE = re.compile(r"^Completion code: (\S+)$", re.M)


def test_a_code_reads_back_and_every_single_character_change_is_caught():
    code = completion.make_code(
        "first-call", dt.date(2026, 11, 23), reference=True, digest="0a1b2c3d"
    )
    assert completion.read_code(code) == {
        "project": "first-call",
        "date": dt.date(2026, 11, 23),
        "reference": True,
        "digest": "0a1b2c3d",
    }
    caught = 0
    for index, char in enumerate(code):
        for other in "0123456789abcdef-.":
            if other == char:
                continue
            changed = code[:index] + other + code[index + 1 :]
            with pytest.raises(ValueError):
                completion.read_code(changed)
            caught += 1
    assert caught > 500


def test_the_reference_counts_as_used_when_the_file_is_the_solution_in_all_but_spacing(tmp_path):
    same = tmp_path / "same.py"
    same.write_text(SOLUTION.read_text().replace("\n", "  \r\n") + "\n\n")
    own = tmp_path / "own.py"
    own.write_text(SOLUTION.read_text().replace("def ", "def  ", 1))
    assert completion.is_reference(SOLUTION, SOLUTION)
    assert completion.is_reference(same, SOLUTION)
    assert not completion.is_reference(own, SOLUTION)
    code = completion.completion_code("first-call", own, SOLUTION, on=dt.date(2026, 1, 2))
    assert code.split(".")[2:5] == ["2026-01-02", "own", completion.file_digest(own)]


def test_check_prints_a_code_only_when_it_passes_and_reference_prints_a_ref_code(tmp_path, capsys):
    work = tmp_path / "work"
    learner.start(FIRST, work)
    assert learner.check(FIRST, work) is False
    assert "Completion code" not in capsys.readouterr().out

    mine = work / "first_call.py"
    shutil.copyfile(SOLUTION, mine)
    assert learner.check(FIRST, work) is True
    out = capsys.readouterr().out
    read = completion.read_code(CODE.search(out)[1])
    assert read["project"] == "first-call" and read["date"] == dt.date.today()
    assert read["reference"], "a work file identical to the solution counts as the reference"
    assert "not who ran it" in out, "the message must not oversell what a code proves"

    mine.write_text(mine.read_text() + "\n# my own comment\n")
    assert learner.check(FIRST, work) is True
    read = completion.read_code(CODE.search(capsys.readouterr().out)[1])
    assert not read["reference"] and read["digest"] == completion.file_digest(mine)

    assert learner.reference(FIRST) is True
    assert completion.read_code(CODE.search(capsys.readouterr().out)[1])["reference"]
