"""The Atom feeds: well-formed Atom, newest first, dated from the data, announced by every page,
and every entry leading to its event on its authority's page."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

from bs4 import BeautifulSoup

from generator.build import Project
from generator.model import Kind
from generator.render.feeds import authority_feed_file, dataset_feed_files
from generator.render.paths import kind_feed
from generator.validate import load_dataset
from tests.factories import AS_OF, authority, dataset, event, inspection, timeline

A = "{http://www.w3.org/2005/Atom}"
SITE = "https://example.org/site/"


def _checked(text: str) -> ET.Element:
    """The feed, after checking what RFC 4287 requires of a feed and of each entry."""
    assert text.startswith('<?xml version="1.0" encoding="utf-8"?>\n')
    feed = ET.fromstring(text)
    assert feed.tag == f"{A}feed"
    for name in ("id", "title", "updated"):
        assert len(feed.findall(f"{A}{name}")) == 1, name
    assert feed.find(f"{A}author/{A}name") is not None
    assert [link.get("href") for link in feed.findall(f"{A}link[@rel='self']")] == [feed.findtext(f"{A}id")]
    for entry in feed.findall(f"{A}entry"):
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{A}{name}")) == 1, name
        assert entry.findtext(f"{A}updated").endswith("T00:00:00Z")
        assert entry.findtext(f"{A}published") <= entry.findtext(f"{A}updated")
        assert entry.find(f"{A}link[@rel='alternate']").get("href") == entry.findtext(f"{A}id")
    return feed


def _entries(feed: ET.Element) -> list[tuple[str, str, str]]:
    return [(e.findtext(f"{A}id").rsplit("#", 1)[1], e.findtext(f"{A}published")[:10], e.findtext(f"{A}title"))
            for e in feed.findall(f"{A}entry")]


def test_an_authoritys_feed_is_its_dated_events_newest_first_dated_by_the_data() -> None:
    bury = timeline(authority("bury", "north_west"),
                    inspection("ilacs", "2021-10-25", "inadequate", end="2021-11-05"),
                    event("notice", "intervention", "2022-01", action="improvement_notice_issued"),
                    event("undated", "news", "unknown"),
                    inspection("sif", "unknown", None, framework="sif", published="2014-03-01"))
    text = authority_feed_file(bury, AS_OF, SITE)["feed-bury.xml"]
    feed = _checked(text)
    assert feed.findtext(f"{A}id") == f"{SITE}feed-bury.xml"
    assert feed.findtext(f"{A}updated") == "2026-11-23T00:00:00Z"  # the authority's data last changed
    assert _entries(feed) == [
        ("event-notice", "2022-01-01", "Bury: Improvement notice issued, January 2022"),
        ("event-ilacs", "2021-10-25",
         "Bury: Full inspection (ILACS standard inspection (ILACS as introduced in January 2018)), 25 October – 5 November 2021: Inadequate"),
        ("event-sif", "2014-03-01", "Bury: Full inspection (Single Inspection Framework), published 1 March 2014")]
    assert feed.find(f"{A}entry/{A}id").text == f"{SITE}authorities/bury/#event-notice"
    assert authority_feed_file(bury, AS_OF, SITE)["feed-bury.xml"] == text
    empty = _checked(authority_feed_file(timeline(authority("wigan")), AS_OF, SITE)["feed-wigan.xml"])
    assert (empty.findtext(f"{A}updated"), _entries(empty)) == ("2026-11-23T00:00:00Z", [])


def test_feeds_of_england_and_of_each_kind_hold_only_their_events() -> None:
    data = dataset(timeline(authority("bury"), inspection("a", "2021-10-25", "inadequate"),
                            event("visit", "monitoring_visit", "2022-03-01")),
                   timeline(authority("wigan"), event("visit", "monitoring_visit", "2023-05")))
    files = dataset_feed_files(data, SITE)
    assert set(files) == {"feed.xml", *(kind_feed(k) for k in Kind)}
    assert [e[:2] for e in _entries(_checked(files["feed.xml"]))] == [
        ("event-visit", "2023-05-01"), ("event-visit", "2022-03-01"), ("event-a", "2021-10-25")]
    visits = _entries(_checked(files["feed-kind-monitoring-visit.xml"]))
    assert [title.split(":")[0] for _, _, title in visits] == ["Wigan", "Bury"]
    assert _entries(_checked(files["feed-kind-news.xml"])) == []


def _site_path(site: Path, address: str, base: str) -> tuple[Path, str]:
    path, _, fragment = address.removeprefix(base).partition("#")
    return site / path / "index.html", fragment


def test_every_page_announces_its_feeds_and_every_entry_leads_to_its_event(built: Project) -> None:
    site = built.build / "site"
    base = next(line.split(": ", 1)[1] for line in (built.build / "mkdocs.yml").read_text("utf-8").splitlines()
                if line.startswith("site_url:"))
    dataset_ = load_dataset(built.data, built.root)
    for path in site.rglob("index.html"):
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        announced = [link["href"] for link in soup.find_all("link", type="application/atom+xml")]
        targets = [(path.parent / href).resolve() for href in announced]
        assert targets[0] == (site / "feed.xml").resolve(), path
        assert all(t.exists() for t in targets), path
        if path.parent.parent == site / "authorities":
            assert targets[1:] == [site / f"feed-{path.parent.name}.xml"]
    for feed_path in [site / "feed.xml", site / "feed-kind-monitoring-visit.xml"] + [
            site / f"feed-{t.authority.slug}.xml" for t in dataset_.timelines]:
        feed = _checked(feed_path.read_text("utf-8"))
        assert urlsplit(feed.findtext(f"{A}id")).path.endswith(feed_path.relative_to(site).as_posix())
        for entry in feed.findall(f"{A}entry"):
            page, fragment = _site_path(site, entry.findtext(f"{A}id"), base)
            assert BeautifulSoup(page.read_text("utf-8"), "html.parser").find(id=fragment) is not None, fragment
