"""The live preview: a change to a data file reaches the served page; a broken change does not."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from tests.conftest import SEED_AUTHORITIES, TRAFFORD_2019, copy_project


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_for(condition: Callable[[], bool], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.3)


def _page(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def test_preview_follows_data_changes_and_keeps_the_last_good_version(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", only=SEED_AUTHORITIES)
    port = _free_port()
    log = tmp_path / "serve.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "generator", "--root", str(project.root), "serve", "--address", f"127.0.0.1:{port}"],
            stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    url = f"http://127.0.0.1:{port}/inspection-timelines/authorities/trafford/"
    events = project.data / "events" / "trafford.yaml"
    try:
        _wait_for(lambda: "third monitoring visit" in _page(url))
        events.write_text(events.read_text("utf-8").replace("The third monitoring visit", "The 3rd monitoring visit"))
        _wait_for(lambda: "The 3rd monitoring visit" in _page(url))
        events.write_text(events.read_text("utf-8").replace("date: 2019-03-04\n", "date: 2019-02-30\n"))
        _wait_for(lambda: "The preview shows the last good version." in log.read_text("utf-8"))
        assert (f"data/events/trafford.yaml:{TRAFFORD_2019}: events[3].date: '2019-02-30' is not a real date"
                in log.read_text("utf-8"))
        assert "The 3rd monitoring visit" in _page(url)
    finally:
        os.killpg(server.pid, signal.SIGINT)
        server.wait(timeout=30)
