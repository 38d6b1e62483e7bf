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
    targets = re.findall(r"^make (\w+)$", ci, re.M)
    assert targets == ["site", "test"]
    assert [f"make {t}" for t in targets] == re.findall(r"^    (make \w+)", readme, re.M)[:2]


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
