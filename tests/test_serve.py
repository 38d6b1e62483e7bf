"""The live preview: a change to a data file reaches the served page; a broken change does not; and
the page served after a change, an authority renamed among them, is the page a clean build gives,
with either site builder."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from generator.build import Project, build
from generator.builders import BUILDERS, PREVIEW_BUILDER, site_folder
from generator.site_config import read_settings
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


@contextmanager
def _previewing(project: Project, log: Path, builder: str = PREVIEW_BUILDER) -> Iterator[str]:
    """``make serve`` on ``project``, its output into ``log``; gives the address of its site."""
    port = _free_port()
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "generator", "--root", str(project.root), "serve", "--address", f"127.0.0.1:{port}",
             "--builder", builder], stdout=output, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        yield f"http://127.0.0.1:{port}/inspection-timelines/"
    finally:
        os.killpg(server.pid, signal.SIGINT)
        server.wait(timeout=30)


def test_preview_follows_data_changes_and_keeps_the_last_good_version(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "project", only=SEED_AUTHORITIES)
    log = tmp_path / "serve.log"
    events = project.data / "events" / "trafford.yaml"
    with _previewing(project, log) as site:
        url = f"{site}authorities/trafford/"
        _wait_for(lambda: "third monitoring visit" in _page(url))
        events.write_text(events.read_text("utf-8").replace("The third monitoring visit", "The 3rd monitoring visit"))
        _wait_for(lambda: "The 3rd monitoring visit" in _page(url))
        events.write_text(events.read_text("utf-8").replace("date: 2019-03-04\n", "date: 2019-02-30\n"))
        _wait_for(lambda: "The preview shows the last good version." in log.read_text("utf-8"))
        assert (f"data/events/trafford.yaml:{TRAFFORD_2019}: events[3].date: '2019-02-30' is not a real date"
                in log.read_text("utf-8"))
        assert "The 3rd monitoring visit" in _page(url)


#: What a preview's server adds to a page: MkDocs' script that reloads it, before ``</body>``, and
#: Zensical's, after ``</html>``.
_RELOADER = re.compile(r"<script>\s*var livereload = function.*?</script>(?=</body>)|(?<=</html>).*", re.DOTALL)


def _as_built(served: str, site: str, site_url: str) -> str:
    """A served page as a build writes it: without the reloading script, at the site's address
    (MkDocs' preview gives the page its own)."""
    return _RELOADER.sub("", served).replace(site, site_url)


@pytest.mark.parametrize("builder", BUILDERS)
def test_the_page_served_after_a_change_is_the_page_a_clean_build_gives(tmp_path: Path, builder: str) -> None:
    """Only the pages whose files change are built again in the preview: after an event's words
    change, the pages served are a clean build's. An authority renamed then changes the navigation,
    which pages whose files did not change show too, and the preview builds them all again."""
    project = copy_project(tmp_path / "project", only=SEED_AUTHORITIES)
    log = tmp_path / "serve.log"
    events, register = project.data / "events" / "trafford.yaml", project.data / "authorities.yaml"
    pages = ["authorities/trafford/", "authorities/hartlepool/", "regions/north-east/", "authorities/", ""]
    with _previewing(project, log, builder) as site:
        _wait_for(lambda: "third monitoring visit" in _page(f"{site}authorities/trafford/"))
        events.write_text(events.read_text("utf-8").replace("The third monitoring visit", "The 3rd monitoring visit"))
        _wait_for(_serving(site, pages, _clean_build(tmp_path / "changed", project, builder)), 60)
        register.write_text(register.read_text("utf-8").replace("    name: Hartlepool\n", "    name: Hartlepool Borough\n"))
        _wait_for(lambda: "settings changed" in log.read_text("utf-8"))
        _wait_for(_serving(site, pages, _clean_build(tmp_path / "renamed", project, builder)), 120)


def _clean_build(folder: Path, project: Project, builder: str) -> tuple[Path, str]:
    """A clean build, with ``builder``, of a copy of ``project``'s data as it is now: its site's
    folder and address."""
    clean = copy_project(folder)
    shutil.rmtree(clean.data)
    shutil.copytree(project.data, clean.data)
    return site_folder(build(clean, log=lambda _: None, builder=builder).parent, builder), read_settings(
        clean.config).site_url


def _serving(site: str, pages: list[str], built: tuple[Path, str]) -> Callable[[], bool]:
    """Whether the preview at ``site`` serves each of ``pages`` as the clean build ``built`` has it."""
    folder, site_url = built
    return lambda: all(_as_built(_page(site + page), site, site_url) == (folder / page / "index.html").read_text("utf-8")
                       for page in pages)


def test_the_preview_stops_on_ctrl_c_though_started_as_a_background_job(tmp_path: Path) -> None:
    """A shell starts a background job with SIGINT ignored, and Python leaves it so: the preview
    makes Ctrl-C (and SIGTERM) stop it all the same, with its builder's server."""
    project = copy_project(tmp_path / "project", only=SEED_AUTHORITIES)
    port = _free_port()
    server = subprocess.Popen(
        ["sh", "-c", 'trap "" INT; exec "$0" "$@"', sys.executable, "-m", "generator", "--root", str(project.root),
         "serve", "--address", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        _wait_for(lambda: "</html>" in _page(f"http://127.0.0.1:{port}/inspection-timelines/"))
    finally:
        os.killpg(server.pid, signal.SIGINT)
        assert server.wait(timeout=30) == 0
