"""What publishing relies on: workflows that use official actions only, and built pages
that carry a description, an edit link and a last-update date. (That every page's source
has a description is a build rule: atlas/site/pages.py.)"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def steps(workflow: dict):
    for job in workflow["jobs"].values():
        yield from job.get("steps", [])


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_is_valid_and_uses_only_official_actions(path):
    workflow = yaml.safe_load(path.read_text())
    assert isinstance(workflow, dict) and workflow.get("jobs"), f"{path.name}: no jobs"
    # YAML reads the key `on` as True.
    assert workflow.get("on") or workflow.get(True), f"{path.name}: no trigger"
    actions = [step["uses"] for step in steps(workflow) if "uses" in step]
    assert actions, f"{path.name}: uses no actions at all"
    unofficial = [a for a in actions if not re.match(r"actions/[\w-]+@v\d+$", a)]
    assert unofficial == [], f"{path.name}: not an official, version-pinned action"


def test_ci_runs_ci_run_which_runs_make_test_and_deploy_builds_strictly():
    ci = yaml.safe_load((ROOT / ".github/workflows/ci.yml").read_text())
    deploy = yaml.safe_load((ROOT / ".github/workflows/deploy.yml").read_text())
    assert any(step.get("run") == "bash .ci/run" for step in steps(ci)), "CI runs .ci/run"
    assert (ROOT / ".ci/run").read_text().rstrip().endswith("make test")
    assert any(step.get("run") == "make build" for step in steps(deploy))
    # What make would run for `make build`, not a reading of the Makefile's text.
    dry = subprocess.run(
        ["make", "-n", "build"],
        cwd=ROOT,
        text=True,
        capture_output=True,
        check=True,
    ).stdout
    assert "mkdocs build --strict" in dry, dry


def test_built_pages_carry_description_edit_link_and_date(site_dir):
    missing = []
    for page in sorted(site_dir.rglob("index.html")):
        html = page.read_text(encoding="utf-8")
        name = str(page.relative_to(site_dir))
        if "assets" in page.parts:
            continue
        if not re.search(r'<meta name="description" content="[^"]{20,}"', html):
            missing.append(f"{name}: meta description")
        if 'rel="edit"' not in html:
            missing.append(f"{name}: edit link")
        if "git-revision-date-localized-plugin-date" not in html:
            missing.append(f"{name}: last update")
    assert missing == []


def test_the_set_up_commands_show_the_repository_address_where_the_build_knows_it(monkeypatch):
    from hooks import repository

    page = "git clone REPOSITORY-ADDRESS ai-engineering-atlas"
    monkeypatch.delenv("ATLAS_REPO_URL", raising=False)
    assert repository.on_page_markdown(page) == page
    monkeypatch.setenv("ATLAS_REPO_URL", "https://example.invalid/owner/atlas.git")
    assert repository.on_page_markdown(page) == (
        "git clone https://example.invalid/owner/atlas.git ai-engineering-atlas"
    )
    deploy = (ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8")
    assert "ATLAS_REPO_URL: ${{ github.server_url }}/${{ github.repository }}.git" in deploy
