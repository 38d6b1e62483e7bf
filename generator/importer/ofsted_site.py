"""Ofsted's report site as the fetch reads it: an authority's page and the publications it lists.

Each local authority's children's services have a page, ``provider/44/URN`` under
https://reports.ofsted.gov.uk/, that lists every publication about them, newest first: full
inspection reports, focused and monitoring visit letters, joint targeted area inspections and
other kinds (area SEND inspections among them). Each is a link of class ``publication-link`` to
the file on Ofsted's file server (``https://files.ofsted.gov.uk/v1/file/NNN``), holding a span
of class ``nonvisual`` with the publication's name and date for screen readers: "Children's
services inspection - 09 May 2025, pdf" (some of 2013: "Children's services inspection, pdf -
23 August 2013"). This is the structure that the Data to Insight scrape tools read every day
(ofsted-ilacs-scrape-tool and ofsted-focused-visit-scrape-tool, ``process_provider_links``).

A page that lists nothing in that form is taken as a page whose layout has changed, never as an
authority with nothing published: every authority has had an inspection since 2012. A link that
cannot be read (no date in its name, an address off Ofsted's servers) is reported, not followed.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from bs4 import BeautifulSoup

from generator.importer import PROVIDER_PATH, ImportFailed
from generator.model import Kind

#: The hosts the files of publications may come from: Ofsted's file server, or the site itself.
FILE_HOSTS = ("files.ofsted.gov.uk",)

_NAME = re.compile(r"(?P<title>.+?)\s*(?:,\s*pdf\s*)?-\s*(?P<date>[0-9]{1,2}\s+[A-Za-z]+\s+(?:19|20)[0-9]{2})"
                   r"\s*(?:,\s*pdf)?\s*", re.IGNORECASE)
#: The kinds of the site's titles this site shows, by the words of the title (in lower case).
_KINDS = (
    (re.compile(r"children's services (?:focused visit|focussed visit)"), Kind.FOCUSED_VISIT),
    (re.compile(r"children's services monitoring visit"), Kind.MONITORING_VISIT),
    (re.compile(r"joint targeted area inspection|\bjtai\b"), Kind.JTAI),
    (re.compile(r"children's services inspection|single inspection of la children's services|"
                r"inspection of local authority children's services"), Kind.FULL_INSPECTION),
)


class LayoutChanged(ImportFailed):
    """An authority's page lists no publication in the form the fetch reads."""


@dataclass(frozen=True)
class Publication:
    """One publication an authority's page lists."""

    urn: str
    title: str  # as the page names it, e.g. "Children's services focused visit"
    published: dt.date
    url: str  # the file's address
    kind: Kind | None  # None: a kind this site does not show (an area SEND inspection, say)

    @property
    def name(self) -> str:
        """The publication as the page lists it, and as the shared folders name its file."""
        return f"{self.title} - {self.published.day:02d} {self.published:%B %Y}"


def provider_page(site: str, urn: str) -> str:
    """The address of the authority's page on the site (``site`` ends with a slash)."""
    return urljoin(site, PROVIDER_PATH + urn)


@dataclass(frozen=True)
class Listing:
    """What an authority's page lists: its publications, each address once, and the links that
    could not be read as one (each described), which the fetch reports rather than follows."""

    publications: list[Publication]
    odd: list[str]


def publications(html: bytes, page_url: str, urn: str) -> Listing:
    """Every publication the page lists, in its order. Raises ``LayoutChanged`` when it lists none,
    or none that can be read: a publication's link has a name and date, and leads to a file."""
    soup = BeautifulSoup(html, "html.parser")
    links = soup.find_all("a", class_="publication-link")
    if not links:
        raise LayoutChanged(f"{page_url}: no publication links (a.publication-link) on the page; the layout of "
                            "Ofsted's report site may have changed, so nothing can be read from it")
    found: dict[str, Publication] = {}
    odd = []
    for number, link in enumerate(links, start=1):
        label = link.find("span", class_="nonvisual")
        text = " ".join((label.get_text() if label else "").split())
        named = _NAME.fullmatch(text)
        published = _day(named["date"]) if named else None
        url = urljoin(page_url, str(link.get("href") or ""))
        if named is None or published is None:
            odd.append(f"publication link {number} is named {text[:120]!r}, not 'Title - D Month YYYY, pdf'")
        elif not is_file_address(url, page_url):
            odd.append(f"publication link {number} ({text[:120]}) leads to {url[:200]!r}, not to a file on Ofsted's "
                       "file server")
        elif url not in found:
            title = named["title"].strip()
            found[url] = Publication(urn, title, published, url, kind_of(title))
    if not found:
        raise LayoutChanged(f"{page_url}: no publication link could be read ({'; '.join(odd)}); the layout of "
                            "Ofsted's report site may have changed")
    return Listing(list(found.values()), odd)


def kind_of(title: str) -> Kind | None:
    """The kind of event a publication's title names, or None for a kind this site does not show."""
    words = " ".join(title.casefold().replace("’", "'").split())
    return next((kind for pattern, kind in _KINDS if pattern.search(words)), None)


def is_file_address(url: str, page_url: str) -> bool:
    """Whether a link may be downloaded: over https from Ofsted's file server, or from the site's own
    host by the site's own scheme."""
    parts, page = urlsplit(url), urlsplit(page_url)
    return ((parts.scheme == "https" and parts.hostname in FILE_HOSTS)
            or (parts.scheme == page.scheme and parts.netloc == page.netloc))


def _day(text: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(" ".join(text.split()), "%d %B %Y").date()
    except ValueError:
        return None
