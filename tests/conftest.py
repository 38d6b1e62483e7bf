"""Shared fixtures: the project, a copy of it to build in, the site built from the shipped data, and
that site served to headless Chromium.

The browser tests (test_browser.py, test_compare.py) use Debian's Chromium: the site is built with
its one address setting, ``site_url``, pointing at a local server, and served under a sub-path,
as GitHub Pages serves it; the theme's instant navigation only follows links that match the
address the site was built for. They are skipped only where Chromium is absent; CI installs it and
sets REQUIRE_BROWSER=1, which turns the skip into a failure so that the browser tests can never
silently stop running there.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import markdown
import pytest
from bs4 import BeautifulSoup
from ruamel.yaml import YAML

from generator.build import Project, build
from generator.importer.write import dump
from generator.load import load_document
from generator.model import Dataset
from generator.validate import EVENTS_DIR, REGISTER, load_dataset

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


#: The authorities of the source documents: enough for tests that build again and again.
SEED_AUTHORITIES = frozenset({"hartlepool", "kingston-upon-hull", "southend-on-sea", "trafford", "west-sussex"})


def copy_project(destination: Path, only: Collection[str] | None = None) -> Project:
    """A copy of everything the build reads (data, hand-written pages, settings).

    With ``only``, the copy holds just those authorities, and their neighbours and successors
    among them: a national build takes about a minute, too long for tests that build repeatedly.
    """
    for name in ("data", "docs", "overrides"):
        shutil.copytree(ROOT / name, destination / name)
    shutil.copy(ROOT / "mkdocs.yml", destination / "mkdocs.yml")
    if only is not None:
        _keep_only(destination / "data", set(only))
    return Project(destination)


def _keep_only(data: Path, slugs: set[str]) -> None:
    document, problems = load_document(data / REGISTER, REGISTER)
    assert document is not None and not problems, problems
    register = document.data
    register["authorities"] = [a for a in register["authorities"] if a["slug"] in slugs]
    for authority in register["authorities"]:
        for field in ("neighbours", "successors"):
            kept = [s for s in authority.get(field, []) if s in slugs]
            authority.pop(field, None)
            if kept:
                authority[field] = kept
    (data / REGISTER).write_text(dump(register, "A test's copy of the register."), encoding="utf-8")
    for path in (data / EVENTS_DIR).glob("*.yaml"):
        if path.stem not in slugs:
            path.unlink()


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The site built from the shipped data by the real pipeline (generator, then MkDocs)."""
    project = copy_project(tmp_path_factory.mktemp("site"))
    build(project, log=lambda _: None)
    return project


@pytest.fixture(scope="session")
def dataset(built: Project) -> Dataset:
    """The model of the data the ``built`` site was built from."""
    return load_dataset(built.data, built.root)


def site_markdown() -> markdown.Markdown:
    """Python-Markdown with the extensions and options mkdocs.yml gives MkDocs."""
    config = YAML(typ="safe", pure=True).load((ROOT / "mkdocs.yml").read_text("utf-8"))
    names, options = [], {}
    for entry in config["markdown_extensions"]:
        name, settings = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        names.append(name)
        options[name] = settings or {}
    return markdown.Markdown(extensions=names, extension_configs=options)


def html(project: Project, path: str) -> BeautifulSoup:
    """A built page, parsed: ``path`` is its URL path, e.g. ``authorities/trafford/``."""
    return BeautifulSoup((project.build / "site" / path / "index.html").read_text("utf-8"), "html.parser")


def shared_file(relative: str) -> Path:
    """A file under ../shared/, or skip the test naming it (CI has ../shared beside the clone)."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"needs {path}, which is not present here (CI has ../shared/ beside the clone)")
    return path


# ---------------------------------------------------------------------------------------------
# The site in a browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync"]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    """Chromium, once a module: Playwright's loop is not left running through other modules' tests."""
    if not CHROMIUM.exists():
        message = f"Chromium not found at {CHROMIUM}; install Debian's chromium package to run browser tests"
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


SUB_PATH = "/inspection-timelines/"


class _SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under SUB_PATH only, as a project's GitHub Pages site is served."""

    def translate_path(self, path: str) -> str:
        if not path.startswith(SUB_PATH):
            return str(Path(self.directory) / "no-such-file")
        return super().translate_path("/" + path.removeprefix(SUB_PATH))

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The address of the full site, built for and served from localhost; once a session, as the
    build takes a minute or two."""
    project = copy_project(tmp_path_factory.mktemp("served"))
    handler = functools.partial(_SubPathHandler, directory=str(project.build / "site"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{server.server_port}{SUB_PATH}"
    # The custom-domain override of the derived GitHub Pages address points at this server.
    project.config.write_text(project.config.read_text("utf-8") + f"site_url: {url}\n", "utf-8")
    build(project, log=lambda _: None)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield url
    server.shutdown()
    server.server_close()


@dataclass
class Tab:
    """A page in a fresh browser context that records console errors and every request."""

    page: object
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        return [u for u in self.requests if urlsplit(u).scheme not in ("data", "blob")
                and urlsplit(u).hostname != "127.0.0.1"]


@pytest.fixture
def tab(browser: object, request: pytest.FixtureRequest) -> Iterator[Tab]:
    """A fresh page; a test's indirect parameter, where it gives one, is the browser context's
    options, e.g. ``{"color_scheme": "dark"}`` or ``{"java_script_enabled": False}``."""
    options = {"color_scheme": "light", "viewport": {"width": 1280, "height": 900},
               **getattr(request, "param", {})}
    context = browser.new_context(**options)  # type: ignore[attr-defined]
    page = context.new_page()
    opened = Tab(page)
    page.on("console", lambda message: opened.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: opened.errors.append(str(error)))
    page.on("request", lambda req: opened.requests.append(req.url))
    yield opened
    context.close()
