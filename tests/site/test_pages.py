"""The page-source rules of atlas/site/pages.py, one pure function each: (line, message).

The build applies them to every page (hooks/pages.py); tests/site/test_contributor_mistakes.py
proves a strict build fails with each warning naming file and line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from atlas.site import pages

ROOT = Path(__file__).resolve().parents[2]
GOOD = """---
description: One sentence long enough for a search result.
---

# Title

**What you will learn:** something.

## A section

```markdown
## Not a heading: it is inside a code block
```

## Where to go next

- [Next page](next.md)
"""


def test_a_page_that_keeps_every_rule_has_no_problems():
    assert pages.page_problems(GOOD, ROOT) == []


def test_every_page_on_the_site_keeps_the_rules():
    """The build checks this too; here it fails faster, and names every page at once."""
    problems = [
        f"{page.relative_to(ROOT)}:{line}: {message}"
        for page in sorted((ROOT / "docs").rglob("*.md"))
        for line, message in pages.page_problems(page.read_text(encoding="utf-8"), ROOT)
    ]
    assert problems == []


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("---\ntitle: [unclosed\n---\n", [(2, "front matter is not valid YAML")]),
        ("---\ndescription: x\n", [(1, "front matter opened with '---' is never closed")]),
        ("---\n- a list\n---\n", [(2, "front matter must be a mapping")]),
        ("---\ndescripton: x\n---\n", [(2, "unknown front matter key 'descripton' (did you")]),
        ("---\ntitle: x\nhide:\n  - toc\n---\n", []),
        ("---\n---\n", []),
    ],
)
def test_front_matter_problems(front, expected):
    found = pages.front_matter_problems(front + "# T\n")
    assert len(found) == len(expected), found
    for (line, message), (expected_line, start) in zip(found, expected, strict=True):
        assert (line, message[: len(start)]) == (expected_line, start)


@pytest.mark.parametrize(
    "front",
    [
        "",  # no front matter at all
        "---\ntitle: Only a title\n---\n",
        "---\n---\n",
        "---\ndescription: Too short.\n---\n",
        "---\ndescription: [a, list, is, not, a sentence]\n---\n",
    ],
)
def test_a_page_needs_a_description_of_a_sentence(front):
    [(line, message)] = pages.description_problems(front + "# T\n")
    assert line == 1 and "add 'description: <one sentence>'" in message


def test_invalid_front_matter_is_reported_once_not_as_every_rule():
    text = "---\ntitle: [unclosed\n---\n\n# T\n\nNo opener.\n"
    assert [message[:28] for _, message in pages.page_problems(text, ROOT)] == [
        "front matter is not valid YA"
    ]


@pytest.mark.parametrize(
    ("body", "line"),
    [
        ("# T\n\nAn ordinary first paragraph.\n", 7),
        ("# T\n\n**What you will learn here:** the old form.\n", 7),
        ("# T\n\n## A heading first\n\n**What you will learn:** x\n", 7),
        ("# T\n", 5),
    ],
)
def test_the_first_paragraph_must_open_with_what_you_will_learn_or_find(body, line):
    text = "---\ndescription: a b c d e\n---\n\n" + body
    [(found, message)] = pages.opener_problems(text)
    assert found == line and "'**What you will learn:**' or '**What you will find" in message


@pytest.mark.parametrize("opener", pages.OPENERS)
def test_both_openers_are_accepted_after_comments_and_the_title(opener):
    text = f"---\ndescription: a b c d e\n---\n<!-- a note -->\n\n# T\n\n{opener} x\n"
    assert pages.opener_problems(text) == []


@pytest.mark.parametrize(
    ("tail", "line", "says"),
    [
        ("## Where to go next\n\n- [a](a.md)\n\n## Appendix\n\nx\n", 11, "must be '## Where"),
        ("## Next steps\n\n- [a](a.md)\n", 7, "must be '## Where to go next'"),
        ("## Where to go next\n\nNowhere.\n", 7, "needs at least one link"),
        ("No sections at all.\n", 7, "must be '## Where to go next'"),
        ("## Where to go next\n\n```\n[a](a.md)\n```\n", 7, "needs at least one link"),
    ],
)
def test_the_last_section_must_be_where_to_go_next_with_a_link(tail, line, says):
    text = "---\ndescription: a b c d e\n---\n\n# T\n\n" + tail
    [(found, message)] = pages.closer_problems(text)
    assert found == line and says in message


def test_a_heading_inside_a_code_block_is_not_the_last_section():
    text = GOOD + "\n```markdown\n## Appendix\n```\n"
    assert pages.closer_problems(text) == []


def test_an_include_that_does_not_exist_is_named_with_its_line():
    text = (
        GOOD + '\n```python\n--8<-- "atlas/no_such_file.py"\n--8<-- "atlas/__init__.py:1:2"\n```\n'
    )
    line = GOOD.count("\n") + 3
    assert pages.include_problems(text, ROOT) == [
        (
            line,
            "--8<-- snippet at path 'atlas/no_such_file.py' could not be found "
            "(paths start at the project root)",
        )
    ]
