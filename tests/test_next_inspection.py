"""The estimate of the next full inspection: the framework's window from data/frameworks.yaml, the
reasons it gives none, the intervals and the backtest, and how pages say them."""

from __future__ import annotations

import datetime as dt

from generator.model import Dataset
from generator.next_inspection import (
    EARLY,
    IN_WINDOW,
    LATE,
    NO_WINDOW,
    NoWindow,
    Window,
    add_months,
    backtest,
    spreads,
    window_after,
)
from generator.render.charts import chart_rows
from generator.render.next_page import next_page
from generator.render.overview import overview_page
from generator.render.pages import authority_page
from tests.factories import AS_OF, FRAMEWORKS, authority, dataset, event, html, inspection, section, timeline
from tests.test_pages import SETTINGS


def test_months_are_added_to_the_calendar() -> None:
    assert add_months(dt.date(2023, 3, 15), 30) == dt.date(2025, 9, 15)
    assert add_months(dt.date(2024, 8, 31), 42) == dt.date(2028, 2, 29)  # a shorter month: its last day
    assert add_months(dt.date(2025, 11, 30), 3) == dt.date(2026, 2, 28)


def test_after_good_or_requiring_improvement_the_window_is_the_frameworks() -> None:
    good = inspection("good", "2023-03-06", "good", end="2023-03-17")
    window = window_after(good, FRAMEWORKS)
    assert isinstance(window, Window)
    rule = window.rule
    assert rule.months == (30, 42) and rule.next == "ILACS short inspection"
    assert (window.earliest, window.latest) == (dt.date(2025, 9, 17), dt.date(2026, 9, 17))
    ri = window_after(inspection("ri", "2022-05", "requires_improvement"), FRAMEWORKS)
    # Known only to its month, the window spans every day the month allows.
    assert isinstance(ri, Window) and ri.rule.next == "ILACS standard inspection"
    assert (ri.earliest, ri.latest) == (dt.date(2024, 11, 1), dt.date(2025, 11, 30))


def test_no_window_where_the_framework_gives_none() -> None:
    inadequate = window_after(inspection("bad", "2023-03-06", "inadequate", end="2023-03-17"), FRAMEWORKS)
    assert isinstance(inadequate, NoWindow) and inadequate.rule is not None
    assert "monitoring visits" in inadequate.why
    ungraded = window_after(inspection("new", "2026-06-08", None, end="2026-06-19",
                                       judgements={"help_and_protection": "good"}), FRAMEWORKS)
    assert isinstance(ungraded, NoWindow) and ungraded.rule is None
    assert ungraded.why.startswith("it made no overall effectiveness judgement")
    missing = window_after(inspection("missing", "2024-06-03", None, end="2024-06-14"), FRAMEWORKS)
    assert isinstance(missing, NoWindow) and "not given in these sources" in missing.why
    sif = window_after(inspection("sif", "2016-05-09", "good", framework="sif"), FRAMEWORKS)
    assert isinstance(sif, NoWindow) and "Single inspection framework" in sif.why
    undated = window_after(inspection("when", "unknown", "good"), FRAMEWORKS)
    assert isinstance(undated, NoWindow) and "dates it" in undated.why


def _tested() -> Dataset:
    """Four authorities whose inspections the backtest reads: one in its window, one late, one with no
    window (inadequate), and one whose later inspection is before the backtest begins."""
    return dataset(
        timeline(authority("inside"), inspection("a", "2019-10-07", "good", end="2019-10-18"),
                 inspection("b", "2022-06-06", "good", end="2022-06-10")),
        timeline(authority("late"), inspection("a", "2018-06-04", "requires_improvement", end="2018-06-15"),
                 inspection("b", "2022-01-10", "good", end="2022-01-21")),
        timeline(authority("monitored"), inspection("a", "2019-05-13", "inadequate", end="2019-05-24"),
                 inspection("b", "2022-11-07", "requires_improvement", end="2022-11-18")),
        timeline(authority("earlier"), inspection("a", "2018-02-05", "good", end="2018-02-09"),
                 inspection("b", "2021-09-06", "good", end="2021-09-10")),
    )


def test_the_backtest_tries_each_later_inspection_against_the_window_read_the_day_after_the_one_before() -> None:
    tested = backtest(_tested())
    assert {t.timeline.authority.slug: t.verdict for t in tested.trials} == {
        "inside": IN_WINDOW, "late": LATE, "monitored": NO_WINDOW}  # "earlier" began before 2022
    assert (tested.count(IN_WINDOW), tested.count(EARLY), tested.count(LATE), tested.windowed) == (1, 0, 1, 2)
    assert tested.hit_rate == 0.5
    assert tested.summary() == (
        "Backtest: 3 full inspections from 1 January 2022 on follow another; 2 had a window, and 1 of them began "
        "within it (50%), 0 before it and 1 after it; 1 had no window.")


def test_the_intervals_are_counted_from_the_end_of_one_to_the_start_of_the_next() -> None:
    found = {tuple(g.value for g in rule.grades): spread for rule, spread in spreads(_tested()).items()}
    good = found[("outstanding", "good")]
    assert good.days == tuple(sorted([(dt.date(2021, 9, 6) - dt.date(2018, 2, 9)).days,
                                      (dt.date(2022, 6, 6) - dt.date(2019, 10, 18)).days]))
    assert (good.shortest, good.longest) == good.days and good.median == sum(good.days) / 2
    assert found[("inadequate",)].days == ((dt.date(2022, 11, 7) - dt.date(2019, 5, 24)).days,)


def test_the_method_page_shows_the_rule_its_source_and_the_backtest() -> None:
    data = _tested()
    page = html(next_page(data))
    rules = section(page, "rhythm")
    assert "outstanding or good overall effectiveness ILACS short inspection 30 to 42 months" in rules
    assert page.select_one("#rhythm ~ ol a")["href"].startswith("https://www.gov.uk/")
    assert backtest(data).summary() in section(page, "backtest")
    assert "inadequate overall effectiveness 1 41 months 41 months 41 months" in section(page, "intervals")


def test_a_page_leads_with_its_summary_and_folds_its_caveats() -> None:
    who = authority("testshire", name="Testshire", neighbours=["otherton"])
    one = timeline(who,
                   inspection("ilacs", "2025-01-13", "good", end="2025-01-24"),
                   event("fv", "focused_visit", "2025-10-07", theme="Children in care"),
                   event("notice", "intervention", "2019-05-23", action="improvement_notice_issued"))
    other = timeline(authority("otherton", name="Otherton"), inspection("x", "2024-03-04", "good", end="2024-03-08"))
    page = html(authority_page(one, dataset(one, other), chart_rows(one, AS_OF), SETTINGS))
    first = page.find("h2")
    assert first["id"] == "latest" and first.get_text().rstrip("¶") == "Where it stands"
    text = section(page, "latest")
    assert text.startswith("Where it stands Latest full inspection: the full inspection of 13–24 January 2025, "
                           "ILACS standard inspection (ILACS as revised in January 2023). Overall effectiveness: Good")
    assert "Since it ended: 668 days (about 1.8 years), from its end (24 January 2025)" in text
    assert "DfE intervention with no recorded end: Improvement notice from 23 May 2019." in text
    assert "Visits since: 1: focused visit, 7 October 2025." in text
    assert ("Next full inspection: between July 2027 and July 2028 (ILACS short inspection): an estimate from the "
            "framework's rhythm after good overall effectiveness") in text
    links = {a.get_text(): a["href"] for a in page.find(id="latest").find_all_next("a", limit=12)}
    assert links["How this is estimated"] == "../../next-inspection/index.md"
    assert links["Compare it with its statistical neighbours"] == "../../compare/?neighbours=testshire"
    assert links["Follow its new events in a feed reader"] == "../../feed-testshire.xml"
    # What the data hold comes after the summary, folded; nothing before the summary is a caveat.
    box = page.find("details", class_="warning")
    assert box.find("summary").get_text() == "What these data hold" and not box.has_attr("open")
    assert box.find_previous("h2") is first
    assert not first.find_all_previous(class_="admonition")


def test_the_tables_of_authorities_head_each_row_with_the_short_summary() -> None:
    one = timeline(authority("testshire", name="Testshire"),
                   inspection("ilacs", "2025-01-13", "good", end="2025-01-24"),
                   event("fv", "focused_visit", "2025-10-07", theme="Children in care"))
    bad = timeline(authority("badshire", name="Badshire"), inspection("ilacs", "2025-02-03", "inadequate", end="2025-02-14"))
    page = html(overview_page(dataset(one, bad), None))
    glances = {row.find("a").get_text(): row.select_one(".it-glance") for row in page.select("#all ~ * tbody tr, "
                                                                                          "table tbody tr")
               if row.select_one(".it-glance")}
    assert glances["Testshire"].get_text() == "668 days (about 1.8 years) since · 1 visit since · estimated next: July 2027 to July 2028"
    assert glances["Testshire"].find("a")["href"] == "../next-inspection/"
    assert glances["Badshire"].get_text().endswith("· estimated next: no window")
