"""A build killed part way (issue 5): ``python -m generator build`` is killed, with everything it
started, while it generates pages and while MkDocs writes the site; each time build/site must be
byte for byte what the last good build left, and the next build must succeed and leave nothing of
the killed ones behind. A kill between the two renames that swap a new site in cannot be timed
from outside; the state it leaves is made by hand, and the next build must put the site back.

test_site.py checks a build that fails (bad data, a broken link); this one checks a build that
never gets to fail, as when a machine stops or a user kills it.
"""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from generator.build import Project, build
from generator.cli import main
from tests.conftest import SEED_AUTHORITIES, copy_project

#: Long enough for a loaded machine to reach the point a kill is meant for; the test waits for
#: that point, not for this long.
PATIENCE = 300.0


def digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def staging(project: Project) -> list[Path]:
    """The build's temporary folders (``build/.site-*``): MkDocs' output before it is swapped in."""
    return sorted(project.build.glob(".site-*"))


def start_build(project: Project) -> subprocess.Popen[str]:
    """The command a user runs, in a process group of its own, so that one kill stops it and every
    process it started (MkDocs, pools); its output unbuffered, so that each line comes as printed."""
    return subprocess.Popen([sys.executable, "-m", "generator", "--root", str(project.root), "build"],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"}, start_new_session=True)


def kill_when(process: subprocess.Popen[str], ready: Callable[[], bool]) -> None:
    """Kill ``process``'s whole group with SIGKILL (nothing can clean up) as soon as ``ready``."""
    deadline = time.monotonic() + PATIENCE
    while not ready():
        assert process.poll() is None, "the build ended before the point it was to be killed at"
        assert time.monotonic() < deadline, "the build did not reach the point it was to be killed at"
        time.sleep(0.02)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert process.returncode == -signal.SIGKILL  # killed, not finished


def test_a_build_killed_part_way_leaves_the_last_site_untouched(tmp_path: Path) -> None:
    project = copy_project(tmp_path, only=SEED_AUTHORITIES)
    build(project, log=lambda _: None)
    before = digest(project.build / "site")
    # Changed data, so that a killed build that had touched the site would show in it.
    events = project.data / "events" / "trafford.yaml"
    events.write_text(events.read_text("utf-8").replace("Some visits lack purpose", "Some visits lacked purpose"),
                      "utf-8")

    # While it generates pages and charts: after validation, before MkDocs starts.
    with start_build(project) as process:
        output = process.stdout
        assert output is not None
        kill_when(process, lambda: output.readline().startswith("Validated "))
    assert staging(project) == []  # MkDocs had not started
    assert digest(project.build / "site") == before

    # While MkDocs writes the site: its folder has files in it, and the build is still running.
    with start_build(project) as process:
        kill_when(process, lambda: any(p.is_file() for folder in staging(project) for p in folder.rglob("*")))
    assert staging(project) != []  # what the killed MkDocs left, never swapped in
    assert digest(project.build / "site") == before

    # Between the two renames that swap the new site in: build/site set aside, the new one not yet
    # in its place. The next build puts the last site back, even when it fails itself (a broken link).
    with subprocess.Popen([sys.executable, "-c", ""]) as ended:
        pass
    (project.build / "site").rename(project.build / f".site-old-{ended.pid}")
    (project.docs / "broken.md").write_text("[a link to nowhere](nowhere.md)\n", "utf-8")
    assert main(["--root", str(project.root), "build"]) == 2
    assert digest(project.build / "site") == before
    (project.docs / "broken.md").unlink()

    # The next build succeeds, takes the changed data, and clears what the killed ones left.
    assert main(["--root", str(project.root), "build"]) == 0
    assert staging(project) == []
    assert sorted(p.name for p in project.build.iterdir()) == ["cache", "docs", "mkdocs.yml", "site"]
    assert not list((project.build / "cache").rglob("*.tmp"))  # nor half-written charts
    page = (project.build / "site" / "authorities" / "trafford" / "index.html").read_text("utf-8")
    assert "Some visits lacked purpose" in page and "Some visits lack purpose" not in page
