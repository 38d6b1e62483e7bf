"""Dates, ordering, the latest judgement and intervention periods, on small hand-made events."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from generator.model import Event, Grade, PartialDate, parse_date
from generator.render.dates import when
from generator.timeline import intervention_periods, latest_judgement, newest_first, open_interventions

AS_OF = PartialDate(2026, 11, 23)


def ev(id: str, kind: str, date: str, **fields: Any) -> Event:
    return Event.model_validate({"id": id, "kind": kind, "date": date,
                                 "sources": [{"title": "T", "publisher": "P"}], **fields})


def inspection(id: str, date: str, grade: str | None = "good", **fields: Any) -> Event:
    judgements = {"overall_effectiveness": grade} if grade else {}
    return ev(id, "full_inspection", date, judgements=judgements, **fields)


@pytest.mark.parametrize(("text", "shown", "first", "last"), [
    ("2019", "2019", "2019-01-01", "2019-12-31"),
    ("2020-02", "February 2020", "2020-02-01", "2020-02-29"),
    ("2018-07-23", "23 July 2018", "2018-07-23", "2018-07-23"),
])
def test_partial_dates_keep_their_precision(text: str, shown: str, first: str, last: str) -> None:
    date = parse_date(text)
    assert date is not None
    assert (str(date), date.display(), date.first_day().isoformat(), date.last_day().isoformat()) == (
        text, shown, first, last)


@pytest.mark.parametrize(("date", "end", "shown"), [
    ("2018-07-23", "2018-07-27", "23–27 July 2018"),
    ("2018-07-30", "2018-08-02", "30 July – 2 August 2018"),
    ("2018-12-30", "2019-01-02", "30 December 2018 to 2 January 2019"),
    ("2019", "2021", "2019 to 2021"),
    ("unknown", None, "Date not known"),
])
def test_when(date: str, end: str | None, shown: str) -> None:
    fields = {"end": end} if end else {}
    assert when(ev("e", "news", date, **fields)) == shown


def test_unknown_is_allowed_only_for_event_dates() -> None:
    assert ev("e", "news", "unknown").date is None
    with pytest.raises(ValidationError):
        ev("e", "news", "2021", published="unknown")


def test_newest_first_orders_by_earliest_possible_day_and_drops_undated() -> None:
    events = [ev("year", "news", "2022"), ev("day", "news", "2022-08-05"), ev("month", "news", "2022-07"),
              ev("none", "news", "unknown"), ev("old", "news", "2009-11-24", end="2009-11-25")]
    assert [e.id for e in newest_first(events)] == ["day", "month", "year", "old"]


def test_latest_judgement_prefers_the_latest_dated_and_flags_old_ones() -> None:
    latest = latest_judgement([inspection("a", "2013-11"), inspection("b", "2018-07-23", "outstanding"),
                               inspection("c", "unknown", "inadequate")], AS_OF)
    assert latest is not None and (latest.event.id, latest.grade, latest.old) == ("b", Grade.OUTSTANDING, True)
    recent = latest_judgement([inspection("r", "2024-03-04")], AS_OF)
    assert recent is not None and recent.old is False


def test_an_undated_judgement_counts_only_when_it_is_the_only_one() -> None:
    only = latest_judgement([inspection("u", "unknown", "requires_improvement")], AS_OF)
    assert only is not None and (only.grade, only.dated, only.old) == (Grade.REQUIRES_IMPROVEMENT, False, False)
    assert latest_judgement([inspection("u", "unknown"), inspection("v", "unknown")], AS_OF) is None
    assert latest_judgement([inspection("cra", "2009-11-24", grade=None, framework="cra_2009")], AS_OF) is None


def intervention(id: str, date: str, action: str) -> Event:
    return ev(id, "intervention", date, action=action)


def test_intervention_periods_pair_openings_with_closings() -> None:
    events = [
        intervention("n1", "2019-05-23", "improvement_notice_issued"),
        intervention("n2", "2020-01", "improvement_notice_issued"),  # a replacement notice
        intervention("lift", "2021", "improvement_notice_lifted"),
        intervention("d", "2019-06-04", "direction_issued"),
        intervention("revoked", "2022-08-05", "direction_revoked"),
        intervention("trust", "2020", "trust_established"),
        intervention("trust-end", "unknown", "trust_ended"),
        intervention("d2", "2023-01", "direction_issued"),
    ]
    periods = [(p.label, p.opened_by.id, p.closed_by.id if p.closed_by else None)
               for p in intervention_periods(events)]
    assert periods == [
        ("Improvement notice", "n1", "lift"),
        ("Statutory direction", "d", "revoked"),
        ("Children's trust", "trust", "trust-end"),
        ("Statutory direction", "d2", None),
    ]
    assert [p.opened_by.id for p in open_interventions(events)] == ["d2"]


@pytest.mark.parametrize("lifted", ["2019", "2019-06", "2019-06-10"])
def test_a_closing_dated_less_precisely_than_its_opening_still_closes_it(lifted: str) -> None:
    events = [intervention("z-issued", "2019-06-10", "improvement_notice_issued"),
              intervention("a-lifted", lifted, "improvement_notice_lifted")]
    assert [(p.opened_by.id, p.closed_by.id if p.closed_by else None) for p in intervention_periods(events)] == [
        ("z-issued", "a-lifted")]
    assert open_interventions(events) == []


def test_a_closing_before_any_opening_starts_nothing() -> None:
    events = [intervention("revoked", "2022-08-05", "direction_revoked"),
              intervention("notice", "2022-08-05", "improvement_notice_issued")]
    assert [(p.label, p.closed_by) for p in intervention_periods(events)] == [("Improvement notice", None)]


def test_an_intervention_no_source_ends_is_drawn_open_to_the_as_of_date() -> None:
    from generator.model import Authority, Timeline
    from generator.render.charts import LIGHT, chart_rows, in_palette, svg, timeline_spec

    authority = Authority.model_validate({"slug": "t", "name": "T", "region": "london", "type": "london_borough",
                                          "sources": [{"title": "T", "publisher": "P"}]})
    events = (intervention("notice", "2019-05-23", "improvement_notice_issued"),
              inspection("ilacs", "2019-03", "inadequate", framework="ilacs_standard"))
    rows = chart_rows(Timeline(authority, AS_OF, events, "data/events/t.yaml"), AS_OF)
    assert [(r.event_id, r.mark, r.start, r.end, r.note) for r in rows] == [
        ("ilacs", "span", "2019-03-01", "2019-04-01", None),
        ("notice", "point", "2019-05-23", "2019-05-24", None),
        ("notice", "period", "2019-05-23", "2026-11-24", "end not known"),
    ]
    assert (rows[2].what, rows[2].when) == ("Improvement notice", "from 23 May 2019; end not known")
    drawing = svg(in_palette(timeline_spec(rows, AS_OF), LIGHT))
    assert "end not known" in drawing and "no later graded inspection in these data" in drawing
