"""Completion codes: what ``make check`` prints (atlas/roadmap/completion.py) the page reads
(docs/assets/javascripts/progress-codes.js) the same way; a pasted code records "check
passed on DATE", a forged or malformed one is refused without touching the store, and the
overview counts both kinds of done."""

from __future__ import annotations

import datetime as dt
import json
import random
import re

import pytest
from playwright.sync_api import expect

from atlas.roadmap import completion
from tests.browser.instant import no_full_reload
from tests.browser.progress_helpers import (
    FIRST,
    PROJECTS,
    SECOND,
    document,
    model,
    raw,
    seed,
    start_clock,
    status,
    stored,
)

CODES = "docs/assets/javascripts/progress-codes.js"
TODAY = dt.date(2026, 11, 23)
NOON = "2026-11-23T12:00:00Z"


def code_for(slug: str, on: dt.date = TODAY, reference: bool = False) -> str:
    return completion.make_code(slug, on, reference=reference, digest="0badc0de")


def forgeries(code: str) -> dict[str, str]:
    """Casual edits of a valid code that keep its shape: each must fail the checksum."""
    prefix, slug, day, used, digest, check = code.split(".")
    other = "capstone" if slug != "capstone" else "first-call"
    later = (dt.date.fromisoformat(day) + dt.timedelta(days=1)).isoformat()
    return {
        "another project": ".".join([prefix, other, day, used, digest, check]),
        "another day": ".".join([prefix, slug, later, used, digest, check]),
        "own for ref": ".".join(
            [prefix, slug, day, "ref" if used == "own" else "own", digest, check]
        ),
        "a digest digit": ".".join([prefix, slug, day, used, "1" + digest[1:], check]),
        "a checksum digit": ".".join([prefix, slug, day, used, digest, check[:-1] + "0"])
        if check[-1] != "0"
        else ".".join([prefix, slug, day, used, digest, check[:-1] + "1"]),
    }


def js_read(page, codes: list[str]) -> list[dict]:
    return model(
        page,
        f"return {json.dumps(codes)}.map(c => A.codes.read(c, null, '2099-12-31'));",
    )


def test_codes_made_in_python_verify_in_the_page_and_forged_ones_do_not(page):
    rng = random.Random(20261123)
    made = []
    for _ in range(40):
        project = rng.choice(PROJECTS)
        on = dt.date(2026, 1, 1) + dt.timedelta(days=rng.randrange(700))
        digest = f"{rng.getrandbits(32):08x}"
        made.append(
            completion.make_code(project.slug, on, reference=rng.random() < 0.5, digest=digest)
        )
    read = js_read(page, made + [c.upper() for c in made[:3]] + [f"  {made[0]}\n"])
    for code, got in zip(made + made[:3] + made[:1], read, strict=True):
        want = completion.read_code(code)
        assert got["ok"], f"{CODES} refused {code!r}, which Python made: {got['problem']}"
        assert (got["project"], got["on"], got["reference"], got["digest"]) == (
            want["project"],
            want["date"].isoformat(),
            want["reference"],
            want["digest"],
        ), f"{CODES} and atlas/roadmap/completion.py read {code!r} differently"
    forged = [f for code in made[:8] for f in forgeries(code).values()]
    for code, got in zip(forged, js_read(page, forged), strict=True):
        with pytest.raises(ValueError, match="checksum"):
            completion.read_code(code)
        assert not got["ok"] and "does not add up" in got["problem"], (
            f"{CODES} accepted the forged code {code!r}: {got}"
        )
    # The checksum itself agrees on texts the codes do not use too.
    texts = ["", "a", "atlas1.x", "0" * 60, "the-quick.brown-fox.2026"]
    sums = model(page, f"return {json.dumps(texts)}.map(t => A.codes.checksum(t));")
    assert sums == [completion.checksum(t) for t in texts]


def widget_code(page):
    return page.locator(f".atlas-progress[data-project='{FIRST.slug}'] .atlas-progress__code")


def paste(page, code: str) -> None:
    box = widget_code(page)
    box.get_by_role("textbox").fill(code)
    box.get_by_role("button", name="Add code").click()


@pytest.mark.parametrize(
    "name, code, words",
    [
        ("malformed", "atlas1 first call passed", "This is not a completion code"),
        ("forged", forgeries(code_for(FIRST.slug))["another day"], "does not add up"),
        ("another project's", code_for(SECOND.slug), f"for the project \u201c{SECOND.slug}\u201d"),
        ("dated after today", code_for(FIRST.slug, dt.date(2026, 11, 24)), "is after today"),
        ("empty", "   ", "Paste the code"),
    ],
)
def test_a_refused_code_says_why_and_never_changes_the_store(page, name, code, words):
    before = document(
        {FIRST.slug: {"status": "learning", "note": "Mine.", "updated": "2026-11-22T09:00:00Z"}}
    )
    seed(page, before)
    start_clock(page, NOON)
    page.goto(f"roadmap/{FIRST.slug}/")
    paste(page, code)
    message = widget_code(page).locator(".atlas-progress__code-message")
    expect(message).to_contain_text("Code refused: ")
    expect(message).to_contain_text(words)
    expect(message).to_contain_text("Your saved progress is unchanged.")
    assert raw(page) == before, f"a {name} code changed the stored progress"
    expect(status(page, FIRST.slug)).to_have_value("learning")
    expect(widget_code(page).locator(".atlas-progress__done")).to_have_text("")


def test_a_code_records_check_passed_and_the_overview_counts_both_kinds(page, tmp_path):
    """The code printed for the learner's own file, pasted after an in-site click; a second
    project marked done by hand on the overview; both counted, each said as what it is."""
    mine = tmp_path / "first_call.py"
    mine.write_text((FIRST.folder / "solution.py").read_text() + "\n# my own touch\n")
    code = completion.completion_code(FIRST.slug, mine, FIRST.folder / "solution.py", on=TODAY)
    start_clock(page, NOON)
    page.goto("roadmap/")
    with no_full_reload(page):
        page.locator("article table a", has_text=FIRST.title).click()
        expect(page).to_have_url(re.compile(rf"/roadmap/{FIRST.slug}/(#.*)?$"))
        paste(page, f"  {code.upper()} ")
        expect(widget_code(page).locator(".atlas-progress__code-message")).to_have_text(
            "Code accepted: the check passed on 2026-11-23."
        )
    expect(widget_code(page).locator(".atlas-progress__done")).to_have_text(
        "Check passed on 2026-11-23."
    )
    expect(status(page, FIRST.slug)).to_have_value("done")
    entry = stored(page)["projects"][FIRST.slug]
    assert entry["done"] == {"on": "2026-11-23", "by": "check", "code": code}
    assert stored(page)["version"] == 2

    with no_full_reload(page):
        page.locator("article a", has_text="All projects").click()
        expect(page).to_have_url(re.compile(r"/roadmap/$"))
        status(page, SECOND.slug).select_option("done")
        expect(page.locator("#atlas-overall-label")).to_have_text(
            f"Overall: 2 of {len(PROJECTS)} done (1 by check, 1 by hand)"
        )
        page.locator("article table a", has_text=SECOND.title).click()
        expect(page).to_have_url(re.compile(rf"/roadmap/{SECOND.slug}/(#.*)?$"))
    done = page.locator(f".atlas-progress[data-project='{SECOND.slug}'] .atlas-progress__done")
    expect(done).to_have_text("Marked done by hand on 2026-11-23.")
    assert stored(page)["projects"][SECOND.slug]["done"] == {"on": "2026-11-23", "by": "hand"}


def test_a_reference_code_says_so_and_a_status_change_drops_it(page):
    code = code_for(FIRST.slug, dt.date(2026, 11, 20), reference=True)
    start_clock(page, NOON)
    page.goto(f"roadmap/{FIRST.slug}/")
    paste(page, code)
    done = widget_code(page).locator(".atlas-progress__done")
    expect(done).to_have_text("Check passed on 2026-11-20 (on the reference solution).")
    status(page, FIRST.slug).select_option("learning")
    expect(done).to_have_text("")
    assert "done" not in stored(page)["projects"][FIRST.slug]
