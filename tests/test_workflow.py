"""The GitHub workflow checks what CI checks, and publishes with the least privilege it needs."""

from __future__ import annotations

import re
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
    assert _runs(build)[0] == ".ci/run"
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
    assert step["run"].strip().splitlines()[-2:] == [
        'git config --global --add safe.directory "$GITHUB_WORKSPACE"',
        '.venv/bin/python -m generator affected --base "$BASE" --summary "$GITHUB_STEP_SUMMARY"',
    ]
