"""Dates, ordering, current grades, the versions of frameworks and intervention periods, on small
hand-made events."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from generator.model import Event, PartialDate, parse_date
from generator.render.dates import when
from generator.timeline import (
    Gap,
    Standing,
    allowed_areas,
    intervention_periods,
    judged_under,
    last_given,
    newest_first,
    open_interventions,
    possible_areas,
    standing,
)
from tests.factories import FRAMEWORKS
from tests.factories import event as ev

AS_OF = PartialDate(2026, 11, 23)
OVERALL = FRAMEWORKS.find("area", "overall_effectiveness")
CARE = FRAMEWORKS.find("area", "children_in_care")


def inspection(id: str, date: str, grade: str | None = "good", **fields: Any) -> Event:
    judgements = fields.pop("judgements", {"overall_effectiveness": grade} if grade else {})
    return ev(id, "full_inspection", date, judgements=judgements, **fields)


def areas(event: Event) -> list[str]:
    return [a.value for a in possible_areas(event, FRAMEWORKS)]


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


def test_the_current_grade_is_the_latest_inspections_and_old_ones_are_flagged() -> None:
    found = standing([inspection("a", "2013-11", framework="sif"),
                      inspection("b", "2018-07-23", "outstanding", framework="ilacs_standard"),
                      inspection("c", "unknown", "inadequate")], OVERALL, AS_OF)
    assert isinstance(found, Standing) and (found.event.id, found.grade.value, found.old) == ("b", "outstanding", True)
    recent = standing([inspection("r", "2024-03-04")], OVERALL, AS_OF)
    assert isinstance(recent, Standing) and recent.old is False


def test_an_undated_grade_counts_only_when_no_inspection_is_dated_and_it_is_the_only_one() -> None:
    only = standing([inspection("u", "unknown", "requires_improvement")], OVERALL, AS_OF)
    assert isinstance(only, Standing) and (only.grade.value, only.dated, only.old) == ("requires_improvement", False, False)
    assert standing([inspection("u", "unknown"), inspection("v", "unknown")], OVERALL, AS_OF) == Gap(OVERALL, None, True)
    cra = inspection("cra", "2009-11-24", grade=None, framework="cra_2009")
    assert standing([cra, inspection("u", "unknown")], OVERALL, AS_OF) == Gap(OVERALL, cra, False)


def test_an_older_grade_is_history_once_a_later_inspection_gives_none() -> None:
    """ILACS inspections begun from April 2026 give no overall grade: the one of 2022 is history."""
    before = inspection("2022", "2022-11-21", "requires_improvement", framework="ilacs_standard", end="2022-12-02")
    after = inspection("2026", "2026-06-08", framework="ilacs_standard", judgements={
        "impact_of_leaders": "inadequate", "help_and_protection": "inadequate", "children_in_care": "good",
        "care_leavers": "requires_improvement"})
    assert standing([before, after], OVERALL, AS_OF) == Gap(OVERALL, after, judged=False)
    assert last_given([before, after], OVERALL) is before
    found = standing([before, after], CARE, AS_OF)
    assert isinstance(found, Standing) and (found.event, found.grade.value) == (after, "good")
    # A later inspection that makes the judgement but whose grade no source gives: not judged=False.
    unread = inspection("2025", "2025-03-03", grade=None, framework="ilacs_short")
    assert standing([before, unread], OVERALL, AS_OF) == Gap(OVERALL, unread, judged=True)


@pytest.mark.parametrize(("fields", "expected"), [
    # Dated: the version in force on the day it began.
    ({"date": "2019-03-04"}, ["overall_effectiveness", "impact_of_leaders", "help_and_protection",
                              "children_in_care_and_care_leavers"]),
    ({"date": "2023-01-16"}, ["overall_effectiveness", "impact_of_leaders", "help_and_protection",
                              "children_in_care", "care_leavers"]),
    ({"date": "2026-04-13"}, ["impact_of_leaders", "help_and_protection", "children_in_care", "care_leavers"]),
    # Dated only by its report, published before 2023: it began before, under the first version.
    ({"date": "unknown", "published": "2022-11-30"},
     ["overall_effectiveness", "impact_of_leaders", "help_and_protection", "children_in_care_and_care_leavers"]),
    # Not dated at all: any version; one graded in the separate form was not made in the combined one.
    ({"date": "unknown", "judgements": {"care_leavers": "good"}},
     ["overall_effectiveness", "impact_of_leaders", "help_and_protection", "children_in_care", "care_leavers"]),
])
def test_the_judgements_an_inspection_could_make_follow_the_version_in_force(fields: dict[str, Any],
                                                                            expected: list[str]) -> None:
    event = inspection("i", fields.pop("date"), grade=None, framework="ilacs_standard", **fields)
    assert areas(event) == expected


def test_an_undated_inspection_may_carry_what_any_version_judged() -> None:
    event = inspection("i", "unknown", grade=None, framework="ilacs_short")
    assert len(judged_under(event)) == 3
    assert [a.value for a in allowed_areas(event, FRAMEWORKS)] == [
        "overall_effectiveness", "impact_of_leaders", "help_and_protection", "children_in_care_and_care_leavers",
        "children_in_care", "care_leavers"]
    assert areas(inspection("n", "2019", grade="good")) == ["overall_effectiveness"]  # no framework stated


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
    from generator.render.charts import LIGHT, chart_rows, grade_domain, in_palette, svg, timeline_spec

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
    drawing = svg(in_palette(timeline_spec(rows, AS_OF, grade_domain(events, FRAMEWORKS), []), LIGHT))
    assert "end not known" in drawing and "no later inspection in these data" in drawing
