"""Shared fixtures: the project, a copy of it to build in, the site built from the shipped data and
its model, and that site served to headless Chromium (see tests/chromium.py)."""

from __future__ import annotations

import shutil
from collections.abc import Collection, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import markdown
import pytest
from bs4 import BeautifulSoup
from ruamel.yaml import YAML

from generator.build import Project, build
from generator.builders import DEFAULT_BUILDER
from generator.importer.write import dump
from generator.load import load_document
from generator.model import Dataset
from generator.validate import EVENTS_DIR, REGISTER, load_dataset
from tests.chromium import Site, Tab, launched, opened, served

if TYPE_CHECKING:
    from playwright.sync_api import Browser

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


@pytest.fixture(autouse=True)
def _outside_github_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test sees the command line as it is outside GitHub Actions, where CI runs them too:
    there, ``GITHUB_ACTIONS=true`` would turn problems into annotations (see generator/github.py)."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


_MEASURED = pytest.StashKey[list[str]]()


@pytest.fixture(scope="session")
def measured(pytestconfig: pytest.Config) -> list[str]:
    """Lines of figures that tests measured (the accessibility tests'), printed at the end of the
    run so that they can be quoted."""
    return pytestconfig.stash.setdefault(_MEASURED, [])


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    lines = config.stash.get(_MEASURED, [])
    if lines:
        terminalreporter.section("measured")
        for line in lines:
            terminalreporter.write_line(line)


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


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, started once for all the browser tests (skipped, or failed in CI, if absent)."""
    with launched() as chromium:
        yield chromium


@pytest.fixture
def tab(browser: Browser, request: pytest.FixtureRequest) -> Iterator[Tab]:
    """A fresh tab, in the light palette unless a test's indirect parameter gives the browser
    context's options, e.g. ``{"color_scheme": "dark"}`` or ``{"java_script_enabled": False}``."""
    with opened(browser, **getattr(request, "param", {})) as fresh:
        yield fresh


@pytest.fixture(scope="session")
def served_project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Project, str]]:
    """The full site, built for and served from localhost, and its address; once a session, as the
    build takes a minute or two (test_browser.py, test_compare.py and test_zensical.py share it)."""
    project = copy_project(tmp_path_factory.mktemp("served"))
    with served(project) as url:
        yield project, url


@pytest.fixture(scope="session")
def site_url(served_project: tuple[Project, str]) -> str:
    """The address of the full site built by MkDocs (the default builder) and served from localhost."""
    return served_project[1]


@pytest.fixture(scope="session")
def zensical_url(served_project: tuple[Project, str], tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The address of the full site built by Zensical, from a copy of the project given the charts
    the MkDocs build drew (they do not depend on the address), and served beside it."""
    project = copy_project(tmp_path_factory.mktemp("zensical"))
    shutil.copytree(served_project[0].build / "cache", project.build / "cache")
    with served(project, "zensical") as url:
        yield url


@pytest.fixture(params=["mkdocs", "zensical"])
def any_site(request: pytest.FixtureRequest) -> Site:
    """The full site as each builder builds it, served: a test taking it runs on both."""
    url = request.getfixturevalue("site_url" if request.param == DEFAULT_BUILDER else f"{request.param}_url")
    return Site(url, request.param)


def site_markdown() -> markdown.Markdown:
    """Python-Markdown with the extensions and options mkdocs.yml gives MkDocs, and those MkDocs
    always adds (toc, tables, fenced_code)."""
    config = YAML(typ="safe", pure=True).load((ROOT / "mkdocs.yml").read_text("utf-8"))
    names, options = ["fenced_code"], {}
    for entry in config["markdown_extensions"]:
        name, settings = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        names.append(name)
        options[name] = settings or {}
    return markdown.Markdown(extensions=names, extension_configs=options)


def html(project: Project, path: str) -> BeautifulSoup:
    """A built page, parsed: ``path`` is its URL path, e.g. ``authorities/trafford/``."""
    return BeautifulSoup((project.build / "site" / path / "index.html").read_text("utf-8"), "html.parser")


def line_of(path: Path, text: str) -> int:
    """The line of a file on which ``text`` (one whole line, or its start) first stands: the
    shipped data change with each import, so tests do not write line numbers of them out."""
    lines = path.read_text("utf-8").splitlines(keepends=True)
    return next(n for n, line in enumerate(lines, start=1) if line.startswith(text))


#: The line of Trafford's inspection of March 2019 (its fourth event) that gives its first day.
TRAFFORD_2019 = line_of(ROOT / "data" / "events" / "trafford.yaml", "    date: 2019-03-04")


def shared_file(relative: str) -> Path:
    """A file under ../shared/, or skip the test naming it (CI has ../shared beside the clone)."""
    path = SHARED / relative
    if not path.exists():
        pytest.skip(f"needs {path}, which is not present here (CI has ../shared/ beside the clone)")
    return path
