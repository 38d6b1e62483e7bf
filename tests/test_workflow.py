"""The GitHub workflow checks what CI checks, and publishes with the least privilege it needs."""

from __future__ import annotations

import os
import re
import shlex
from typing import Any

import pytest
from ruamel.yaml import YAML

from tests.conftest import ROOT


@pytest.fixture(scope="module")
def workflow() -> dict[str, Any]:
    return YAML(typ="safe", pure=True).load((ROOT / ".github" / "workflows" / "site.yml").read_text("utf-8"))


def _runs(job: dict[str, Any]) -> list[str]:
    return [step["run"].strip() for step in job["steps"] if "run" in step]


def _uses(job: dict[str, Any]) -> list[str]:
    return [step["uses"].split("@")[0] for step in job["steps"] if "uses" in step]


def test_every_pull_request_and_push_to_main_runs_what_ci_runs(workflow: dict[str, Any]) -> None:
    assert "pull_request" in workflow["on"] and workflow["on"]["push"]["branches"] == ["main"]
    build = workflow["jobs"]["build"]
    assert _runs(build)[:2] == ['git config --global --add safe.directory "$GITHUB_WORKSPACE"', ".ci/run"]
    ci = (ROOT / ".ci" / "run").read_text("utf-8")
    readme = (ROOT / "README.md").read_text("utf-8")
    targets = re.findall(r"^make (\w+)$", ci, re.MULTILINE)
    assert targets == ["site", "test", "bench"]  # the benchmark last, as a report
    assert [f"make {t}" for t in targets[:2]] == re.findall(r"^    (make \w+)", readme, re.MULTILINE)[:2]


def test_only_the_deploy_job_may_publish_and_one_deployment_runs_at_a_time(workflow: dict[str, Any]) -> None:
    assert workflow["permissions"] == {"contents": "read"}
    assert workflow["concurrency"]["group"] == "site-${{ github.ref }}"  # builds of main in turn
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    assert "permissions" not in build
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["needs"] == "build" and "refs/heads/main" in deploy["if"]
    assert deploy["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    assert _uses(build)[-1] == "actions/upload-pages-artifact"
    assert "refs/heads/main" in build["steps"][-1]["if"]
    assert _uses(deploy) == ["actions/configure-pages", "actions/deploy-pages"]
    assert "site_url" in build["outputs"] and "BUILT_FOR" in deploy["steps"][1]["env"]


def test_a_pull_request_shows_problems_on_their_lines_and_the_pages_it_affects(workflow: dict[str, Any]) -> None:
    """The annotations come from ``make site`` itself, which names no format, so that the generator
    chooses them in GitHub Actions (see generator/github.py) and .ci/run stays what CI runs anywhere."""
    makefile = (ROOT / "Makefile").read_text("utf-8")
    assert re.search(r"^site: .*\n\t\$\(BIN\)/python -m generator build$", makefile, re.MULTILINE)
    build = workflow["jobs"]["build"]
    steps = build["steps"]
    assert steps[0]["uses"].startswith("actions/checkout@") and steps[0]["with"]["fetch-depth"] == 0
    affected = next(i for i, step in enumerate(steps) if "generator affected" in step.get("run", ""))
    assert affected > next(i for i, step in enumerate(steps) if step.get("run") == ".ci/run")
    step = steps[affected]
    assert step["if"] == "${{ !cancelled() && github.event_name == 'pull_request' }}"
    assert step["env"] == {"BASE": "origin/${{ github.base_ref }}"}
    assert step["run"] == '.venv/bin/python -m generator affected --base "$BASE" --summary "$GITHUB_STEP_SUMMARY"'


@pytest.mark.parametrize("name", ["site.yml", "ofsted.yml"])
def test_git_may_read_the_checkout_before_anything_reads_its_history(name: str) -> None:
    """In a container, git refuses a checkout another user owns; the build reads the data's history
    (the front page's latest update), and without it would quietly fall back to the files' dates."""
    workflow = YAML(typ="safe", pure=True).load((ROOT / ".github" / "workflows" / name).read_text("utf-8"))
    job = next(iter(workflow["jobs"].values()))
    assert "container" in job
    steps = job["steps"]
    assert steps[0]["uses"].startswith("actions/checkout@") and steps[0]["with"]["fetch-depth"] == 0
    assert steps[1]["run"] == 'git config --global --add safe.directory "$GITHUB_WORKSPACE"'


# ---------------------------------------------------------------------------------------------
# The weekly update from Ofsted's report site (.github/workflows/ofsted.yml)


@pytest.fixture(scope="module")
def update() -> dict[str, Any]:
    return YAML(typ="safe", pure=True).load((ROOT / ".github" / "workflows" / "ofsted.yml").read_text("utf-8"))


def _commands(job: dict[str, Any]) -> list[str]:
    """Every command line of the job's scripts, with the workflow's expressions and shell variables
    given as a value the command would get."""
    lines = []
    for run in _runs(job):
        for line in run.splitlines():
            line = re.sub(r"\$\{\{[^}]*\}\}", "X", line)
            lines.append(re.sub(r"\$\{SINCE:\+(.*?)\}", r"\1", line).replace('"$SINCE"', "2026-11-01"))
    return lines


def test_the_update_runs_weekly_and_by_hand_with_the_least_permissions(update: dict[str, Any]) -> None:
    assert update["on"]["schedule"][0]["cron"].endswith("* * 1")  # Mondays
    assert "since" in update["on"]["workflow_dispatch"]["inputs"]
    assert update["permissions"] == {}
    job = update["jobs"]["update"]
    assert job["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert job["steps"][0]["with"]["persist-credentials"] is False
    proposal = next(step for step in job["steps"]
                    if step.get("uses", "").startswith("peter-evans/create-pull-request@"))
    assert proposal["with"]["base"] == "main" and proposal["with"]["branch"] not in ("main", "")
    assert proposal["with"]["add-paths"] == "data/" and proposal["with"]["token"] == "${{ secrets.GITHUB_TOKEN }}"
    assert not any(re.search(r"\bgit\s+push\b", line) for line in _commands(job))  # never pushes, let alone to main


def test_the_update_runs_fetch_import_validate_build_and_tests_and_proposes_only_after_them(
        update: dict[str, Any]) -> None:
    steps = update["jobs"]["update"]["steps"]
    order = [next(i for i, s in enumerate(steps) if needle in s.get("run", "") + s.get("uses", "")) for needle in (
        "generator fetch", "make import", "make site", "make test", "generator affected", "create-pull-request")]
    assert order == sorted(order)
    # A failed step ends the job before the pull request: no step between asks to run anyway, but for
    # the one that keeps the files downloaded, right after the fetch.
    ifs = [(i, step.get("uses", "").split("@")[0]) for i, step in enumerate(steps[:order[-1] + 1]) if "if" in step]
    assert ifs == [(order[0] + 1, "actions/cache/save")] and steps[order[0] + 1]["if"] == "${{ always() }}"
    restore = next(step for step in steps if step.get("uses", "").startswith("actions/cache/restore@"))
    assert restore["with"]["path"] == steps[order[0] + 1]["with"]["path"] == "build/ofsted"  # the fetch's default
    summary, artifact = steps[-2:]
    assert summary["if"] == artifact["if"] == "${{ always() }}" and "GITHUB_STEP_SUMMARY" in summary["run"]
    assert artifact["uses"].startswith("actions/upload-artifact@")
    assert "build/fetch-report.md" in artifact["with"]["path"]


def test_the_update_runs_commands_that_exist(update: dict[str, Any]) -> None:
    from generator.arguments import parser

    commands = _commands(update["jobs"]["update"])
    generator = [line.split("python -m generator", 1)[1] for line in commands if "python -m generator" in line]
    assert len(generator) == 2
    for line in generator:
        parser().parse_args(shlex.split(line))  # exits (a SystemExit) for an option that does not exist
    makefile = (ROOT / "Makefile").read_text("utf-8")
    targets = {t for line in commands for t in re.findall(r"\bmake (\w+)", line)}
    assert targets == {"validate", "import", "site", "test"}
    assert all(re.search(rf"^{t}:", makefile, re.MULTILINE) for t in targets)
    scripts = {s for line in commands for s in re.findall(r"(\.ci/\w+)", line)}
    assert scripts == {".ci/setup"} and all(os.access(ROOT / s, os.X_OK) for s in scripts)
    assert ".ci/setup" in (ROOT / ".ci/run").read_text("utf-8")
    guide = (ROOT / "docs/editing/index.md").read_text("utf-8")
    link = next(step["env"]["GUIDE"] for step in update["jobs"]["update"]["steps"] if "GUIDE" in step.get("env", {}))
    anchor = link.rsplit("#", 1)[1]
    headings = [re.sub(r"[^a-z0-9]+", "-", h.casefold()).strip("-") for h in re.findall(r"^#+ (.+)$", guide, re.M)]
    assert anchor in headings  # the pull request's link to how to review it leads to the guide's section
