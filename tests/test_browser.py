"""The built site in headless Chromium (Debian's), served from localhost.

The site is built with its one address setting, ``site_url``, pointing at the local server, and
served under a sub-path, as GitHub Pages serves it; the theme's instant navigation only follows
links that match the address the site was built for.

Skipped only where Chromium is absent; CI installs it and sets REQUIRE_BROWSER=1, which turns
the skip into a failure so that the browser tests can never silently stop running there.
"""

from __future__ import annotations

import functools
import http.server
import os
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.build import build
from tests.conftest import copy_project

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync"]
CHARTED = ["hartlepool", "kingston-upon-hull", "trafford", "west-sussex"]

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
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


@pytest.fixture(scope="module")
def site_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
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
    scheme = getattr(request, "param", "light")
    context = browser.new_context(color_scheme=scheme, viewport={"width": 1280, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    opened = Tab(page)
    page.on("console", lambda message: opened.errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: opened.errors.append(str(error)))
    page.on("request", lambda req: opened.requests.append(req.url))
    yield opened
    context.close()


def chart_state(page: object, variant: str) -> dict[str, object]:
    return page.evaluate(  # type: ignore[attr-defined]
        """variant => {
            const img = document.querySelector(`img.it-chart[src$="#only-${variant}"]`);
            const box = img.getBoundingClientRect();
            return {loaded: img.complete && img.naturalWidth > 0, shown: box.width > 300 && box.height > 100};
        }""", variant)


@pytest.mark.parametrize("tab", ["light", "dark"], indirect=True)
@pytest.mark.parametrize("slug", CHARTED)
def test_chart_is_drawn_without_errors_or_outside_requests(tab: Tab, site_url: str, slug: str) -> None:
    page = tab.page
    scheme = "dark" if page.evaluate("matchMedia('(prefers-color-scheme: dark)').matches") else "light"  # type: ignore[attr-defined]
    page.goto(f"{site_url}authorities/{slug}/", wait_until="networkidle")  # type: ignore[attr-defined]
    other = "light" if scheme == "dark" else "dark"
    assert chart_state(page, scheme) == {"loaded": True, "shown": True}
    assert chart_state(page, other)["shown"] is False
    assert tab.errors == []
    assert tab.requests and tab.foreign_requests() == []


def test_search_finds_hull(tab: Tab, site_url: str) -> None:
    page = tab.page
    page.goto(site_url, wait_until="networkidle")  # type: ignore[attr-defined]
    page.click(".md-search__input")  # type: ignore[attr-defined]
    page.keyboard.type("Hull")  # type: ignore[attr-defined]
    first = page.wait_for_selector(".md-search-result__item a")  # type: ignore[attr-defined]
    assert urlsplit(first.get_attribute("href")).path.endswith("/authorities/kingston-upon-hull/")
    assert tab.errors == [] and tab.foreign_requests() == []


def test_instant_navigation_from_index_draws_the_chart(tab: Tab, site_url: str) -> None:
    page = tab.page
    page.goto(f"{site_url}authorities/", wait_until="networkidle")  # type: ignore[attr-defined]
    page.evaluate("window.stillTheSameDocument = true")  # type: ignore[attr-defined]
    page.click("article table a:text('Kingston upon Hull')")  # type: ignore[attr-defined]
    page.wait_for_url("**/authorities/kingston-upon-hull/")  # type: ignore[attr-defined]
    page.wait_for_function("document.querySelector('img.it-chart')?.complete")  # type: ignore[attr-defined]
    assert page.evaluate("window.stillTheSameDocument") is True  # type: ignore[attr-defined]
    assert chart_state(page, "light") == {"loaded": True, "shown": True}
    assert tab.errors == [] and tab.foreign_requests() == []
