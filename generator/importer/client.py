"""A polite client for Ofsted's report site: one request at a time, a pause between requests, a
time-out, a limit on size, and retries with back-off when the server or the network fails.

It is written on ``requests`` rather than left to urllib3's ``Retry`` because a body cut short
(fewer bytes than the server announced) must be retried as well, and ``Retry`` only sees the
status line. A server error (5xx) or "too many requests" (429, after the wait its Retry-After
asks for, up to a minute) is asked again; any other answer but 200 is final: the address is
wrong, and asking again will not help.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import requests

from generator.importer import ImportFailed

#: The most a page or file may weigh: Ofsted's longest reports weigh a few megabytes.
MAX_BYTES = 50_000_000
#: The longest wait a Retry-After may ask for, in seconds.
_LONGEST_WAIT = 60.0


def user_agent(repository: str) -> str:
    """Names the project and its repository, so that Ofsted can see who asks and whom to tell."""
    return f"InspectionTimelines/1.0 (+{repository}; a weekly check of reports on children's services)"


class FetchFailed(ImportFailed):
    """A request failed after its retries; the message says which and why."""


class Client:
    """Sends GET requests in turn, ``delay`` seconds apart, each given ``timeout`` seconds and up to
    ``retries`` more tries after a server error, a time-out or a cut connection, waiting
    max(``delay``, ``backoff``) × 2, × 4 … before each. Counts what it asked for."""

    def __init__(self, repository: str, delay: float = 1.0, timeout: float = 30.0, retries: int = 3,
                 backoff: float = 1.0, sleep: Callable[[float], None] = time.sleep,
                 max_bytes: int = MAX_BYTES) -> None:
        self.delay, self.timeout, self.retries, self.backoff, self.sleep = delay, timeout, retries, backoff, sleep
        self.max_bytes = max_bytes
        self.session = requests.Session()
        self.session.headers["User-Agent"] = user_agent(repository)
        self.requests = 0  # every request sent, retries included
        self._last = 0.0

    def get(self, url: str, accept: str) -> bytes:
        """The body at ``url``, complete. Raises ``FetchFailed`` with the reason."""
        problem, wait = "", 0.0
        for attempt in range(self.retries + 1):
            if attempt:
                self.sleep(max(wait, max(self.delay, self.backoff) * 2 ** attempt))
            self._pause()
            self.requests += 1
            try:
                with self.session.get(url, timeout=self.timeout, headers={"Accept": accept}, stream=True) as response:
                    if response.status_code >= 500 or response.status_code == 429:
                        problem, wait = f"the server answered {response.status_code} {response.reason}", _wait(response)
                        continue
                    if response.status_code != 200:
                        raise FetchFailed(f"{url}: the server answered {response.status_code} {response.reason}")
                    return self._body(url, response)
            except requests.Timeout:
                problem, wait = f"no answer within {self.timeout:g} s", 0.0
            except (requests.ConnectionError, requests.exceptions.ChunkedEncodingError) as error:
                problem, wait = f"the connection failed or was cut short ({_first_line(error)})", 0.0
            except requests.RequestException as error:  # an address or answer no retry will mend
                raise FetchFailed(f"{url}: {_first_line(error)}") from error
        tries = self.retries + 1
        raise FetchFailed(f"{url}: {problem}, {tries} time{'s' if tries > 1 else ''}")

    def _body(self, url: str, response: requests.Response) -> bytes:
        """The whole body, read in parts so that one too large is refused before it is all here;
        urllib3 raises if the body ends before the length the server announced."""
        body = bytearray()
        for part in response.iter_content(65536):
            body += part
            if len(body) > self.max_bytes:
                raise FetchFailed(f"{url}: larger than {self.max_bytes:,} bytes; not downloaded")
        return bytes(body)

    def _pause(self) -> None:
        """Wait until ``delay`` seconds have passed since the last request began."""
        wait = self._last + self.delay - time.monotonic()
        if wait > 0:
            self.sleep(wait)
        self._last = time.monotonic()


def _wait(response: requests.Response) -> float:
    """The seconds a Retry-After header asks for (a number of them), at most a minute; else 0."""
    try:
        return min(max(float(response.headers.get("Retry-After", "0")), 0.0), _LONGEST_WAIT)
    except ValueError:
        return 0.0


def _first_line(error: Exception) -> str:
    """What went wrong, in a line: urllib3's reason where requests wraps one ("Failed to resolve
    'reports.ofsted.gov.uk'", "Connection refused"), without the connection's description."""
    reason = getattr(error.args[0], "reason", None) if error.args else None
    text = str(reason or error) or type(error).__name__
    text = re.sub(r"^HTTPS?Connection\([^)]*\): ", "", text.splitlines()[0])
    return text[:200]
