"""A polite client for Ofsted's report site: one request at a time, a pause between requests, a
time-out, and retries with back-off when the server or the network fails.

It is written on ``requests`` rather than left to urllib3's ``Retry`` because a body cut short
(fewer bytes than the server announced) must be retried as well, and ``Retry`` only sees the
status line. A 4xx answer is not retried: the address is wrong, and asking again will not help.
"""

from __future__ import annotations

import time
from collections.abc import Callable

import requests

from generator.importer import ImportFailed

#: Server errors worth asking again about; any other status is an answer.
RETRIED = frozenset({500, 502, 503, 504})


def user_agent(repository: str) -> str:
    """Names the project and its repository, so that Ofsted can see who asks and whom to tell."""
    return f"InspectionTimelines/1.0 (+{repository}; a weekly check of reports on children's services)"


class FetchFailed(ImportFailed):
    """A request failed after its retries; the message says which and why."""


class Client:
    """Sends GET requests in turn, ``delay`` seconds apart, each given ``timeout`` seconds and up to
    ``retries`` more tries after a server error, a time-out or a cut connection, waiting
    ``delay`` × 2, × 4 … (at least ``backoff`` × 2, × 4 …) before each. Counts what it asked for."""

    def __init__(self, repository: str, delay: float = 1.0, timeout: float = 30.0, retries: int = 3,
                 backoff: float = 1.0, sleep: Callable[[float], None] = time.sleep) -> None:
        self.delay, self.timeout, self.retries, self.backoff, self.sleep = delay, timeout, retries, backoff, sleep
        self.session = requests.Session()
        self.session.headers["User-Agent"] = user_agent(repository)
        self.requests = 0  # every request sent, retries included
        self._last = 0.0

    def get(self, url: str, accept: str) -> bytes:
        """The body at ``url``, complete. Raises ``FetchFailed`` with the reason."""
        problem = ""
        for attempt in range(self.retries + 1):
            if attempt:
                self.sleep(max(self.delay, self.backoff) * 2 ** attempt)
            self._pause()
            self.requests += 1
            try:
                response = self.session.get(url, timeout=self.timeout, headers={"Accept": accept})
                body = response.content  # urllib3 raises here if the body is shorter than announced
            except requests.Timeout:
                problem = f"no answer within {self.timeout:g} s"
                continue
            except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as error:
                problem = f"the connection failed or was cut short ({_first_line(error)})"
                continue
            if response.status_code in RETRIED:
                problem = f"the server answered {response.status_code} {response.reason}"
                continue
            if response.status_code != 200:
                raise FetchFailed(f"{url}: the server answered {response.status_code} {response.reason}")
            return body
        tries = self.retries + 1
        raise FetchFailed(f"{url}: {problem}, {tries} time{'s' if tries > 1 else ''}")

    def _pause(self) -> None:
        """Wait until ``delay`` seconds have passed since the last request began."""
        wait = self._last + self.delay - time.monotonic()
        if wait > 0:
            self.sleep(wait)
        self._last = time.monotonic()


def _first_line(error: Exception) -> str:
    text = str(error).splitlines()[0] if str(error) else type(error).__name__
    return text[:200]
