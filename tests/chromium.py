"""Headless Chromium (Debian's) against a built site served from localhost: what the browser tests share.

The site is built with its one address setting, ``site_url``, pointing at the local server, and
served under a sub-path, as GitHub Pages serves it; the theme's instant navigation only follows
links that match the address the site was built for.

A browser test skips only where something it needs is absent (Chromium, or axe-core from npm);
CI installs both and sets REQUIRE_BROWSER=1, which turns the skip into a failure so that the
browser tests can never silently stop running there.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import pytest

from generator.build import Project, build
from generator.builders import DEFAULT_BUILDER, site_folder

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync"]
SUB_PATH = "/inspection-timelines/"


def require(present: bool, message: str) -> None:
    """Skip the test for want of ``message``'s tool, or fail it where CI requires browser tests to run."""
    if not present:
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)


@contextmanager
def launched() -> Iterator[Browser]:
    """Debian's Chromium, headless (never a browser downloaded by Playwright)."""
    require(CHROMIUM.exists(), f"Chromium not found at {CHROMIUM}; install Debian's chromium package to run browser tests")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


class _SubPathHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site under SUB_PATH only, as a project's GitHub Pages site is served."""

    def translate_path(self, path: str) -> str:
        if not path.startswith(SUB_PATH):
            return str(Path(self.directory) / "no-such-file")
        return super().translate_path("/" + path.removeprefix(SUB_PATH))

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        """A missing page gets the site's own 404 page, with its status, as GitHub Pages serves it."""
        if code != 404:
            return super().send_error(code, message, explain)
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def served(project: Project, builder: str = DEFAULT_BUILDER) -> Iterator[str]:
    """Build ``project`` with ``builder`` for a local address under SUB_PATH, serve it there, and
    give the address."""
    handler = functools.partial(_SubPathHandler, directory=str(site_folder(project.build, builder)))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    url = f"http://127.0.0.1:{server.server_port}{SUB_PATH}"
    # The custom-domain override of the derived GitHub Pages address points at this server.
    project.config.write_text(project.config.read_text("utf-8") + f"site_url: {url}\n", "utf-8")
    build(project, log=lambda _: None, builder=builder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield url
    finally:
        server.shutdown()
        server.server_close()


@dataclass(frozen=True)
class Search:
    """How a reader reaches the theme's search in a built site: Material's field is in the page;
    Zensical's is in a dialog (in a shadow root, which Playwright's selectors enter) that a button
    in the header opens."""

    opener: str | None  # what opens the search, where its field is not in the page until then
    dialog: str
    field: str
    result: str  # a result's link


SEARCH = {
    "mkdocs": Search(None, ".md-search[role=dialog]", ".md-search__input", ".md-search-result__item a"),
    "zensical": Search(".md-search__button", "dialog[aria-label]", "dialog input[role=combobox]",
                       "ol[role=listbox] a[role=option]"),
}


@dataclass(frozen=True)
class Site:
    """A served build of the site, and the builder that built it."""

    url: str
    builder: str

    @property
    def search(self) -> Search:
        return SEARCH[self.builder]


@dataclass
class Tab:
    """A page in a fresh browser context that records console errors and every request."""

    page: Page
    errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)

    def foreign_requests(self) -> list[str]:
        return [u for u in self.requests if urlsplit(u).scheme not in ("data", "blob")
                and urlsplit(u).hostname != "127.0.0.1"]


@contextmanager
def opened(browser: Browser, **options: Any) -> Iterator[Tab]:
    """A tab in a fresh browser context with ``options`` (Playwright's): the light colour scheme,
    which the site's palette follows, unless ``color_scheme="dark"``."""
    context = browser.new_context(**{"color_scheme": "light", "viewport": {"width": 1280, "height": 900}, **options})
    page = context.new_page()
    tab = Tab(page)
    page.on("console", lambda message: tab.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: tab.errors.append(str(error)))
    page.on("request", lambda req: tab.requests.append(req.url))
    try:
        yield tab
    finally:
        context.close()
