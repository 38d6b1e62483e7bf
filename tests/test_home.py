"""The front page as built from the shipped data: search first, the newest events across England,
the map in its first view, what the latest update changed, and the caveats folded below."""

from __future__ import annotations

from urllib.parse import urlsplit

from generator.build import Project
from generator.model import Dataset
from generator.render.feeds import newest
from generator.render.hexmap import map_views
from generator.render.home import NEWEST
from tests.conftest import html
from tests.factories import section


def test_the_front_page_lists_the_newest_events_each_linked_to_its_page(built: Project, dataset: Dataset) -> None:
    page = html(built, "")
    expected = newest(((t, e) for t in dataset.timelines for e in t.events), NEWEST)
    rows = page.select("#newest ~ table tbody tr, #newest ~ div table tbody tr")
    assert len(rows) == NEWEST == len(expected)
    for row, (timeline, event, _) in zip(rows, expected):
        when, who, _what = row.find_all("td")
        assert who.get_text() == timeline.authority.name
        target = urlsplit(when.a["href"])
        assert target.path.endswith(f"authorities/{timeline.authority.slug}/") and target.fragment == f"event-{event.id}"
        # The link leads to an event on the built page.
        assert html(built, f"authorities/{timeline.authority.slug}/").find(id=f"event-{event.id}") is not None
    dates = [e.date or e.published for _, e, _ in expected]
    assert [d.first_day() for d in dates] == sorted((d.first_day() for d in dates), reverse=True)


def test_the_front_page_shows_the_map_s_first_view_and_what_the_latest_update_changed(built: Project,
                                                                                      dataset: Dataset) -> None:
    page = html(built, "")
    view = map_views(dataset)[0]
    images = [img["src"] for img in page.select("#map ~ p img.it-map")]
    assert images == [f"map/{view.name}-light.svg#only-light", f"map/{view.name}-dark.svg#only-dark"]
    assert all((built.build / "site" / src.split("#")[0]).is_file() for src in images)
    latest = max((t.updated for t in dataset.timelines), key=lambda day: day.first_day())
    changed = sorted(t.authority.name for t in dataset.timelines if t.updated == latest)
    update = section(page, "update")
    assert f"These data were compiled on {dataset.as_of.display()}" in update
    assert f"The latest change to an authority's data was on {latest.display()}, to {len(changed)} authorit" in update
    named = [a.get_text() for a in page.select("#update ~ p a") if a.get_text() in changed]
    assert named == changed[:12]
    # The caveats follow, folded; the search comes first.
    assert page.find("details", class_="warning").find("summary").get_text() == "What these data hold"
    search = page.select_one(".it-home-search")
    assert search.find_previous("h2") is None and "“Hull” finds Kingston upon Hull" in search.get_text()


def test_how_to_read_the_site_is_a_page_of_its_own_linked_from_the_front_page(built: Project) -> None:
    page = html(built, "")
    assert page.find("a", string="How to read this site")["href"] == "guide/"
    guide = html(built, "guide/")
    assert guide.find("h1").get_text().rstrip("¶") == "How to read this site"
    assert guide.find(id="words-used-on-this-site") is not None
