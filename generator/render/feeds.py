"""Atom feeds (RFC 4287) of the newest events: across England, for each kind of event and for
each authority, so that readers can follow new inspections, visits and interventions.

A feed is written from the data alone, never the clock, so the same data give the same bytes.
An entry is published on its event's first possible day (or its report's publication, where only
that is known) and updated when its authority's data last changed, if later; a feed is updated
with its latest entry. An event no source dates has no place in a feed, which is in order of date.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from collections.abc import Iterable

from generator.model import Dataset, Event, Kind, PartialDate, Role, Timeline
from generator.render import grades
from generator.render.dates import when
from generator.render.paths import ENGLAND_FEED, ENGLAND_PAGE, anchor, authority_feed, kind_feed, page_path, page_url
from generator.render.provenance import SCRAPE_NOTE, is_scraped
from generator.timeline import judgements_in_order, overall_grade, placed_on

ATOM = "http://www.w3.org/2005/Atom"
ET.register_namespace("", ATOM)  # written as the default namespace, without a prefix
#: How many of the newest events the feeds of England and of each kind hold.
LIMIT = 50
#: The site's name, as feeds and citations give it (mkdocs.yml's site_name says the same).
SITE = "Inspection Timelines"


def authority_feed_file(timeline: Timeline, as_of: PartialDate, site_url: str) -> dict[str, str]:
    """An authority's feed, by path in the docs."""
    title = f"{SITE}: {timeline.authority.name}"
    return {authority_feed(timeline): _feed(title, authority_feed(timeline), page_url(page_path(timeline)), site_url,
                                            as_of, [(timeline, e) for e in timeline.events])}


def dataset_feed_files(dataset: Dataset, site_url: str) -> dict[str, str]:
    """The feed of the newest events in England and one for each kind of event, by path in the docs."""
    everything = [(t, e) for t in dataset.timelines for e in t.events]
    files = {ENGLAND_FEED: _feed(f"{SITE}: newest events in England", ENGLAND_FEED, page_url(ENGLAND_PAGE), site_url,
                                 dataset.as_of, everything, LIMIT)}
    for kind in Kind:
        files[kind_feed(kind)] = _feed(f"{SITE}: newest events of the kind '{kind.label}'", kind_feed(kind),
                                       page_url(ENGLAND_PAGE), site_url, dataset.as_of,
                                       [(t, e) for t, e in everything if e.kind is kind], LIMIT)
    return files


def newest(events: Iterable[tuple[Timeline, Event]], limit: int | None = None) -> list[tuple[Timeline, Event, PartialDate]]:
    """The dated events, each with the date it is placed on, newest first (then by authority and
    id, so that the order is the same on every build); at most ``limit``."""
    dated = [(t, e, day) for t, e in events if (day := placed_on(e)) is not None]
    dated.sort(key=lambda item: (item[2].first_day(), item[0].authority.slug, item[1].id), reverse=True)
    return dated[:limit]


def _feed(title: str, path: str, page: str, site_url: str, as_of: PartialDate,
          events: Iterable[tuple[Timeline, Event]], limit: int | None = None) -> str:
    """The feed's date is its newest entry's; a feed with no dated event takes the data's date."""
    dated = newest(events, limit)
    changed = [max(day.first_day(), t.updated.first_day()) for t, _, day in dated]
    feed = ET.Element(f"{{{ATOM}}}feed")
    _text(feed, "id", site_url + path)
    _text(feed, "title", title)
    _text(feed, "updated", _stamp(max(changed, default=as_of.first_day())))
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="self", type="application/atom+xml", href=site_url + path)
    ET.SubElement(feed, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=site_url + page)
    _text(ET.SubElement(feed, f"{{{ATOM}}}author"), "name", SITE)
    for (timeline, event, day), updated in zip(dated, changed):
        entry = ET.SubElement(feed, f"{{{ATOM}}}entry")
        address = f"{site_url}{page_url(page_path(timeline))}#{anchor(event.id)}"
        _text(entry, "id", address)
        _text(entry, "title", _title(timeline, event))
        _text(entry, "published", _stamp(day.first_day()))
        _text(entry, "updated", _stamp(updated))
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=address)
        _text(entry, "summary", _summary(event))
    ET.indent(feed)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="unicode") + "\n"


def event_label(event: Event) -> str:
    """What an event was, in words: its kind or action, and its framework."""
    what = event.action.label if event.action else event.kind.label
    return what + (f" ({grades.framework_words(event)})" if event.framework else "")


def _title(timeline: Timeline, event: Event) -> str:
    grade = overall_grade(event)
    dates = when(event).replace("Published", "published", 1)  # mid-sentence here
    return f"{timeline.authority.name}: {event_label(event)}, {dates}" + (f": {grades.label(grade)}" if grade else "")


def _summary(event: Event) -> str:
    """What the page says first about the event: its summary, theme or judgements, its lead
    inspector, what needs to improve and its first quotation, and its sources."""
    parts = [event.summary or ""]
    if event.theme:
        parts.append(f"Theme: {event.theme}.")
    parts += [f"{area.label}: {grades.label(grade)}." for area, grade in judgements_in_order(event)]
    leads = [p.name for p in event.people if p.role is Role.LEAD_INSPECTOR]
    if leads:
        parts.append(f"Lead inspector: {', '.join(leads)}.")
    if event.findings and event.findings.to_improve:
        parts.append("What needs to improve: " + "; ".join(p.rstrip(".") for p in event.findings.to_improve) + ".")
    if event.quotes:
        parts.append(f"“{event.quotes[0].text}” ({event.quotes[0].by})")
    if is_scraped(event):
        parts.append(SCRAPE_NOTE)
    count = len(event.sources)
    parts.append(f"{count} source{'s' if count > 1 else ''} on the page.")
    return " ".join(p for p in parts if p)


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _text(parent: ET.Element, name: str, value: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{name}").text = value
