"""Ofsted's report site, played back on 127.0.0.1 for the fetch's tests (no test uses the network).

Pages are the templates of ``tests/recorded`` filled in with each authority's publications; files
are served from bytes, each with how it misbehaves (a status, failures before it succeeds, a
delay longer than the client waits, a body cut short of its announced length). Links are written
as the real site writes them, to ``https://files.ofsted.gov.uk/``, and served with that address
replaced by the server's own, as data copied for a test must be (``local``). Every request is
counted by path, so that a test can say that a second run asked for no file.
"""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

RECORDED = Path(__file__).parent / "recorded"
FILES = "https://files.ofsted.gov.uk/"


@dataclass
class Served:
    """A file, and how the server gives it."""

    body: bytes | Path  # a path is read when served
    status: int = 200
    content_type: str = "application/pdf"
    fail_first: int = 0  # answer fail_status this many times first
    fail_status: int = 500
    delay: float = 0.0  # seconds to wait before answering
    short_by: int = 0  # send this many bytes fewer than the Content-Length says, then close


@dataclass(frozen=True)
class Listed:
    """One publication on an authority's page."""

    title: str  # "Children's services inspection"
    published: dt.date
    file_id: str  # the last part of its address on Ofsted's file server

    @property
    def url(self) -> str:
        return f"{FILES}v1/file/{self.file_id}"


@dataclass
class Site:
    """The pages by URN (name and publications, or raw HTML) and the files by id."""

    names: dict[str, str] = field(default_factory=dict)
    listed: dict[str, list[Listed]] = field(default_factory=dict)
    raw_pages: dict[str, bytes] = field(default_factory=dict)  # a page whose layout changed, say
    files: dict[str, Served] = field(default_factory=dict)
    requests: Counter[str] = field(default_factory=Counter)
    agents: set[str] = field(default_factory=set)
    base: str = ""

    def page(self, urn: str) -> bytes:
        if urn in self.raw_pages:
            return self.raw_pages[urn]
        entry = (RECORDED / "publication.html").read_text(encoding="utf-8")
        items = "".join(entry.format(iso=p.published.isoformat(), day=f"{p.published.day} {p.published:%B %Y}",
                                     url=p.url, title=p.title,
                                     nonvisual=f"{p.title} - {p.published.day:02d} {p.published:%B %Y}, pdf")
                        for p in sorted(self.listed.get(urn, []), key=lambda p: p.published, reverse=True))
        page = (RECORDED / "provider.html").read_text(encoding="utf-8")
        return page.replace("{name}", self.names.get(urn, urn)).replace("{urn}", urn).replace(
            "{publications}", items).encode("utf-8")

    def local(self, text: str) -> str:
        """``text`` with Ofsted's file server's address as this server's."""
        return text.replace(FILES, self.base)

    def file_requests(self) -> int:
        return sum(n for path, n in self.requests.items() if path.startswith("/v1/file/"))


@contextmanager
def serving(site: Site) -> Iterator[str]:
    """Serve ``site`` on a free port of 127.0.0.1; yields the site's address."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (the name http.server calls)
            site.requests[self.path] += 1
            site.agents.add(self.headers.get("User-Agent", ""))
            if self.path.startswith("/provider/44/") and self.path.count("/") == 3:
                urn = self.path.rsplit("/", 1)[1]
                if urn in site.names or urn in site.raw_pages:
                    return self._send(200, "text/html; charset=utf-8", site.local(site.page(urn).decode()).encode())
            if self.path.startswith("/v1/file/"):
                served = site.files.get(self.path.rsplit("/", 1)[1])
                if served is not None:
                    return self._file(served, site.requests[self.path])
            self._send(404, "text/html", b"<!DOCTYPE html><title>Page not found</title><h1>Page not found</h1>")

        def _file(self, served: Served, asked: int) -> None:
            time.sleep(served.delay)
            if asked <= served.fail_first:
                return self._send(served.fail_status, "text/html", b"<!DOCTYPE html><title>Error</title><h1>Error</h1>")
            body = served.body.read_bytes() if isinstance(served.body, Path) else served.body
            self._send(served.status, served.content_type, body, served.short_by)

        def _send(self, status: int, content_type: str, body: bytes, short_by: int = 0) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body[:len(body) - short_by])
            except (BrokenPipeError, ConnectionResetError):  # the client gave up waiting
                pass
            if short_by:
                self.close_connection = True

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (http.server's name)
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    site.base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        yield site.base
    finally:
        server.shutdown()
        server.server_close()
