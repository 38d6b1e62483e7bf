"""Authority pages for situations the shipped data do not show, read as the reader's HTML."""

from __future__ import annotations

from typing import Any

from bs4 import BeautifulSoup

from generator.model import Authority, Dataset, Event, PartialDate, Timeline
from generator.render.charts import chart_rows
from generator.render.pages import authority_page, index_page
from tests.conftest import site_markdown

AS_OF = PartialDate(2026, 11, 23)
AUTHORITY = Authority.model_validate({"slug": "testshire", "name": "Testshire", "region": "south_west",
                                      "type": "county", "sources": [{"title": "T", "publisher": "P"}]})


def event(id: str, kind: str, date: str, **fields: Any) -> Event:
    return Event.model_validate({"id": id, "kind": kind, "date": date,
                                 "sources": [{"title": "Source", "publisher": "Ofsted"}], **fields})


def render(*events: Event) -> tuple[BeautifulSoup, BeautifulSoup]:
    """The authority page and the index, converted as MkDocs converts them."""
    timeline = Timeline(AUTHORITY, AS_OF, events, "data/events/testshire.yaml")
    dataset = Dataset(AS_OF, "Test data.", (timeline,))
    converter = site_markdown()

    def html(text: str) -> BeautifulSoup:
        body = text.split("\n---\n", 1)[1]  # drop the front matter, as MkDocs does
        return BeautifulSoup(converter.reset().convert(body), "html.parser")

    page = authority_page(timeline, dataset, chart_rows(timeline, AS_OF), "https://example.org/data")
    return html(page), html(index_page(dataset))


def admonitions(page: BeautifulSoup) -> dict[str, str]:
    """Each admonition's title and the text of its body."""
    boxes = {}
    for div in page.select("div.admonition"):
        title = div.find(class_="admonition-title")
        body = " ".join(child.get_text() for child in div.find_all(recursive=False) if child is not title)
        boxes[title.get_text()] = " ".join(body.split())
    return boxes


def test_open_intervention_and_old_judgement_are_labelled() -> None:
    page, index = render(
        event("ilacs", "full_inspection", "2019-03-04", end="2019-03-15", framework="ilacs_standard",
              judgements={"overall_effectiveness": "inadequate"}),
        event("notice", "intervention", "2019-05-23", action="improvement_notice_issued"),
    )
    boxes = admonitions(page)
    assert "This judgement was made more than 3 years before 23 November 2026" in boxes[
        "Judged more than 3 years ago"]
    assert boxes["Under DfE intervention, as far as these data show"].endswith(
        "Improvement notice: 23 May 2019. No source in these data gives its end.")
    row = [td.get_text(" ", strip=True) for td in index.select("tbody tr td")]
    assert row[1:] == ["South West", "Inadequate", "4–15 March 2019", "Improvement notice from 23 May 2019"]


def test_a_recent_judgement_and_an_ended_intervention_carry_no_warning() -> None:
    page, index = render(
        event("ilacs", "full_inspection", "2025-01-13", end="2025-01-24", framework="ilacs_standard",
              judgements={"overall_effectiveness": "good", "children_in_care": "good", "care_leavers": "outstanding"}),
        event("notice", "intervention", "2019-05-23", action="improvement_notice_issued"),
        event("lifted", "intervention", "2021", action="improvement_notice_lifted"),
    )
    assert set(admonitions(page)) == {"What these data hold"}
    cell = page.find(id="full-inspections").find_next("table").select("tbody td")[3]
    lines = [BeautifulSoup(part, "html.parser").get_text() for part in cell.decode_contents().split("<br/>")]
    assert lines == ["Impact of leaders on social work practice: not given in these sources",
                     "Children who need help and protection: not given in these sources",
                     "Children in care: Good", "Care leavers: Outstanding"]
    assert [td.get_text(strip=True) for td in index.select("tbody tr td")][4] == "None in these data"


def test_people_of_other_roles_are_described_by_their_title() -> None:
    page, _ = render(event("letter", "ministerial_letter", "2018-08-28", people=[
        {"name": "A. Minister", "role": "minister", "title": "Parliamentary Under-Secretary"},
        {"name": "B. Copied", "role": "other", "title": "Sent a copy"},
        {"name": "C. Named", "role": "other"}]))
    people = [li.get_text() for li in page.find("strong", string="People named").find_next("ul").find_all("li")]
    assert people == ["A. Minister (Minister: Parliamentary Under-Secretary)", "B. Copied (Sent a copy)", "C. Named"]
