"""Small in-memory datasets for tests of facts and pages, and their pages read as the reader's HTML."""

from __future__ import annotations

import re
from typing import Any

from bs4 import BeautifulSoup

from generator.model import Authority, DataCurrency, Dataset, Event, Frameworks, PartialDate, Timeline
from generator.validate import load_frameworks
from tests.conftest import ROOT, site_markdown

AS_OF = PartialDate(2026, 11, 23)
#: The shipped data/frameworks.yaml, which events in these datasets name.
FRAMEWORKS = load_frameworks(ROOT / "data", ROOT)


def authority(slug: str, region: str = "south_west", **fields: Any) -> Authority:
    name = fields.pop("name", slug.replace("-", " ").title())
    return Authority.model_validate({"slug": slug, "name": name, "region": region, "type": "county",
                                     "sources": [{"title": "T", "publisher": "P"}], **fields})


def event(id: str, kind: str, date: str, frameworks: Frameworks = FRAMEWORKS, **fields: Any) -> Event:
    return Event.model_validate({"id": id, "kind": kind, "date": date,
                                 "sources": [{"title": "Source", "publisher": "Ofsted"}], **fields},
                                context={"frameworks": frameworks})


def inspection(id: str, date: str, grade: str | None, **fields: Any) -> Event:
    """A full inspection (ILACS standard unless ``framework`` is given) with an overall grade, or none."""
    judgements = fields.pop("judgements", {"overall_effectiveness": grade} if grade else {})
    return event(id, "full_inspection", date, framework=fields.pop("framework", "ilacs_standard"),
                 judgements=judgements, **fields)


def timeline(who: Authority, *events: Event) -> Timeline:
    return Timeline(who, AS_OF, events, f"data/events/{who.slug}.yaml")


def dataset(*timelines: Timeline, currency: tuple[DataCurrency, ...] = (),
            frameworks: Frameworks = FRAMEWORKS) -> Dataset:
    """A dataset in name order, as the loader makes it."""
    ordered = tuple(sorted(timelines, key=lambda t: t.authority.name))
    return Dataset(AS_OF, "Test data.", ordered, frameworks, currency)


def html(markdown_page: str) -> BeautifulSoup:
    """A generated page converted as MkDocs converts it (front matter dropped)."""
    body = markdown_page.split("\n---\n", 1)[1]
    return BeautifulSoup(site_markdown().convert(body), "html.parser")


def words(element: Any) -> str:
    """An element's text with spacing as a reader sees it (no space before punctuation)."""
    return re.sub(r" ([.,;:)])", r"\1", " ".join(element.get_text(" ").replace("¶", "").split()))


def section(page: BeautifulSoup, element_id: str) -> str:
    """The text of a heading and what follows it up to the next heading of its level or higher."""
    heading = page.find(id=element_id)
    assert heading is not None, f"no element with id {element_id}"
    stops = {f"h{level}" for level in range(1, int(heading.name[1]) + 1)}
    parts = [words(heading)]
    for sibling in heading.find_next_siblings():
        if sibling.name in stops:
            break
        parts.append(words(sibling))
    return " ".join(parts)


def table_rows(page: BeautifulSoup, element_id: str) -> list[list[str]]:
    """The body rows of the first table after the element with ``element_id``, as cell texts."""
    table = page.find(id=element_id).find_next("table")
    return [[words(td) for td in tr.find_all("td")] for tr in table.select("tbody tr")]
