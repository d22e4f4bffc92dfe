"""A project page's course blocks as a reader meets them: the diagnostic that says whether
to skip the project, with each answer hidden until asked for; the transfer task, the
portfolio version and the review questions, all from the project's course.yaml.

The load of each project page also serves the roadmap's check that every project page has
its progress controls (tests/browser/test_roadmap.py tests how they work)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from atlas.roadmap.catalogue import load
from atlas.roadmap.course import load_course
from tests.browser.instant import follow

PROJECTS = load()[1]


@pytest.mark.parametrize("project", PROJECTS, ids=lambda p: p.slug)
def test_a_project_page_has_its_controls_and_its_diagnostic_hides_each_answer(page, project):
    course = load_course(project)
    assert course is not None, f"atlas/roadmap/{project.folder.name}/course.yaml is missing"
    page.goto(f"roadmap/{project.slug}/")
    # The page's progress controls, for an empty store: a labelled status and a notes box.
    status = page.locator(f"select[data-project='{project.slug}']")
    expect(status).to_have_value("not-started")
    expect(page.locator(f"textarea[data-project='{project.slug}']")).to_be_visible()
    label = page.locator(f"label[for='{status.get_attribute('id')}']")
    expect(label).to_have_text(f"Status of {project.title}")
    section = page.locator(".atlas-diagnostic > ol")
    questions = section.locator(":scope > li")
    expect(questions).to_have_count(len(course.diagnostic.questions))
    first = questions.first
    answer = first.locator("details").first
    expect(answer.locator(":scope > :not(summary)").first).to_be_hidden()
    answer.locator("summary").click()
    expect(answer.locator(":scope > :not(summary)").first).to_be_visible()
    for heading in ("use-it-somewhere-new", "make-it-yours", "review"):
        expect(page.locator(f"h2#{heading}")).to_have_count(1)
    expect(page.locator(f".atlas-review[data-project='{project.slug}'] li")).to_have_count(3)


def test_the_blocks_are_there_after_an_in_site_click(page):
    page.goto("roadmap/")
    follow(page, f"roadmap/{PROJECTS[0].slug}/")
    expect(page.locator("h2#can-you-skip-this")).to_be_visible()
    answer = page.locator(".atlas-diagnostic details").first
    answer.locator("summary").click()
    expect(answer.locator(":scope > :not(summary)").first).to_be_visible()
