"""Lighthouse's scores for a few kinds of page of a built site, for ``make bench``: figures, never a
test (its performance score moves from run to run, so each page is measured three times and the
median is given).

The site is served from localhost with gzip, as GitHub Pages serves it, under the same sub-path as
on GitHub Pages, and Lighthouse (from npm, pinned in bench/package-lock.json) drives Debian's
Chromium with its mobile preset. Without npm or Chromium the scores are skipped, saying why.
(bench/package.json pins two dependencies of Lighthouse's trace engine that it names as "latest",
which would otherwise never match the lock.)
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
LIGHTHOUSE = HERE / "node_modules" / ".bin" / "lighthouse"
CHROMIUM = "/usr/bin/chromium"
#: The pages measured: the home page, an authority page, the map and the compare page.
PAGES = {"home": "", "Kingston upon Hull": "authorities/kingston-upon-hull/", "map": "map/", "compare": "compare/"}
CATEGORIES = ("performance", "accessibility")
RUNS = 3
#: Compressed as GitHub Pages compresses them.
_COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml", ".txt")


class _Gzipped(http.server.SimpleHTTPRequestHandler):
    """Serves ``root`` under ``/prefix/``, gzipping text when the browser accepts it."""

    prefix = ""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (the base class's name)
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = self.path.split("?")[0].split("#")[0]
        if not path.startswith(self.prefix):
            self.send_error(404)
            return None
        self.path = "/" + path[len(self.prefix):]
        local = Path(self.translate_path(self.path))
        if local.is_dir():
            if not self.path.endswith("/"):
                self.send_response(301)
                self.send_header("Location", self.prefix + self.path.lstrip("/") + "/")
                self.end_headers()
                return None
            local = local / "index.html"
        if not local.is_file():
            self.send_error(404)
            return None
        body = local.read_bytes()
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(local)))
        if local.suffix in _COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body, 6, mtime=0)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")  # as GitHub Pages sends it
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def served(site: Path, prefix: str = "/inspection-timelines/") -> Iterator[str]:
    """The site's address while it is served with gzip from a thread of this process."""
    handler = functools.partial(type("Handler", (_Gzipped,), {"prefix": prefix}), directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


def missing() -> str | None:
    """Why Lighthouse cannot run here, or None."""
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is not installed"
    if not LIGHTHOUSE.exists():
        if shutil.which("npm") is None:
            return "npm is not installed"
        done = subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=HERE,
                              capture_output=True, text=True, check=False)
        if done.returncode != 0:
            return f"npm ci failed: {done.stderr.strip()[-300:]}"
    return None


def scores(url: str) -> dict[str, float]:
    """One Lighthouse run's scores (0 to 100) for ``url``, by category."""
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as profile:
        flags = "--headless=new --no-sandbox --disable-gpu --disable-background-networking " \
                f"--disable-component-update --disable-sync --user-data-dir={profile}"
        done = subprocess.run(
            [str(LIGHTHOUSE), url, "--output=json", "--quiet", f"--only-categories={','.join(CATEGORIES)}",
             f"--chrome-flags={flags}"],
            capture_output=True, text=True, check=False, env={**os.environ, "CHROME_PATH": CHROMIUM})
    if done.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url}: {done.stderr.strip()[-500:]}")
    report = json.loads(done.stdout)
    return {name: report["categories"][name]["score"] * 100 for name in CATEGORIES}


def medians(site: Path) -> dict[str, dict[str, float]]:
    """The median of ``RUNS`` runs of each category, for each page of ``PAGES``."""
    found: dict[str, dict[str, float]] = {}
    with served(site) as base:
        for name, path in PAGES.items():
            runs = [scores(base + path) for _ in range(RUNS)]
            found[name] = {c: statistics.median(r[c] for r in runs) for c in CATEGORIES}
    return found
