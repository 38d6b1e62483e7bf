"""Facts across authorities (counts, positions, movement, recent inspections, succession) and over
time (days since, time judged inadequate, time under intervention), on small hand-made data."""

from __future__ import annotations

from generator.durations import Days, inadequate_spells, intervention_spells, since_last_inspection
from generator.model import Grade, JudgementArea, PartialDate
from generator.standing import (
    crosstab,
    current,
    former,
    movement,
    movements,
    position,
    predecessors,
    recently_inspected,
    tally,
)
from generator.timeline import possible_areas
from tests.factories import AS_OF, authority, dataset, event, inspection, timeline

NW = "north_west"


def test_tally_counts_current_authorities_by_latest_grade_and_keeps_the_ungraded() -> None:
    timelines = [
        timeline(authority("a", NW), inspection("i1", "2019-03-04", "inadequate"), inspection("i2", "2023-05-01", "good")),
        timeline(authority("b", NW), inspection("i1", "2024-02-05", "outstanding")),
        timeline(authority("c", NW)),  # no inspection in the data
        timeline(authority("d", NW, abolished="2019-04-01"), inspection("i1", "2018-01-08", "good")),
    ]
    counts = tally(timelines, AS_OF)
    assert counts.counts == {Grade.OUTSTANDING: 1, Grade.GOOD: 1, Grade.ADEQUATE: 0,
                             Grade.REQUIRES_IMPROVEMENT: 0, Grade.INADEQUATE: 0, None: 1}
    assert (counts.total, counts.ungraded) == (3, 1)
    assert [t.authority.slug for t in current(timelines)] == ["a", "b", "c"]
    assert [t.authority.slug for t in former(timelines)] == ["d"]


def test_position_counts_the_grade_with_those_above_or_below_it() -> None:
    grades = {"ash": "outstanding", "beech": "good", "cedar": "good", "deal": "requires_improvement", "elm": "inadequate"}
    graded = [timeline(authority(slug, NW), inspection("i", "2024-01-08", grade)) for slug, grade in grades.items()]
    group = tally(graded, AS_OF)
    found = {grade: (p.band, p.matching) for grade in Grade if (p := position(grade, group))}
    assert found == {
        Grade.OUTSTANDING: ((Grade.OUTSTANDING,), 1),
        Grade.GOOD: ((Grade.GOOD, Grade.OUTSTANDING), 3),
        Grade.ADEQUATE: ((Grade.ADEQUATE,), 0),
        Grade.REQUIRES_IMPROVEMENT: ((Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE), 2),
        Grade.INADEQUATE: ((Grade.INADEQUATE,), 1),
    }


def test_movement_compares_the_last_two_dated_inspections_that_gave_an_overall_grade() -> None:
    history = timeline(
        authority("a"),
        inspection("sif", "2014-06", "inadequate", framework="sif"),
        inspection("ilacs", "2019-03-04", "requires_improvement"),
        inspection("ilacs-2023", "2023-01-09", "good"),
        inspection("ilacs-2026", "2026-06-08", None),  # from April 2026: no overall grade
        inspection("undated", "unknown", "outstanding"),
    )
    move = movement(history)
    assert move is not None
    assert (move.before.id, move.after.id, move.before_grade, move.after_grade, move.change) == (
        "ilacs", "ilacs-2023", Grade.REQUIRES_IMPROVEMENT, Grade.GOOD, 1)
    old_scale = timeline(authority("b"), inspection("slac", "2012-01", None, framework=None,
                                                   judgements={"overall_effectiveness": "adequate"}),
                         inspection("sif", "2015-02", "requires_improvement", framework="sif"))
    assert movement(old_scale).change == 0  # type: ignore[union-attr]
    assert movement(timeline(authority("c"), inspection("one", "2020-01-06", "good"))) is None
    moves = movements([history, old_scale])
    assert crosstab(moves) == {(Grade.REQUIRES_IMPROVEMENT, Grade.GOOD): 1,
                               (Grade.ADEQUATE, Grade.REQUIRES_IMPROVEMENT): 1}


def test_recently_inspected_is_newest_first_then_by_name_and_leaves_out_former_authorities() -> None:
    timelines = [
        timeline(authority("zeta"), inspection("i", "2026-05-11", None)),
        timeline(authority("alpha"), inspection("i", "2026-05-11", "good")),
        timeline(authority("beta"), inspection("i", "2026-05", "good")),  # earliest day: 1 May
        timeline(authority("gone", abolished="2026-06-01"), inspection("i", "2026-05-20", "good")),
        timeline(authority("old"), inspection("i", "2019-01-07", "good")),
    ]
    recent = recently_inspected(timelines, 3)
    assert [(t.authority.slug, e.id) for t, e in recent] == [("alpha", "i"), ("zeta", "i"), ("beta", "i")]


def test_predecessors_are_derived_from_successors() -> None:
    merged = timeline(authority("merged"))
    data = dataset(merged, timeline(authority("east", abolished="2019-04-01", successors=["merged"])),
                   timeline(authority("west", abolished="2019-04-01", successors=["merged"])),
                   timeline(authority("other")))
    assert [t.authority.slug for t in predecessors(data, "merged")] == ["east", "west"]
    assert predecessors(data, "other") == []


def test_days_since_the_last_full_inspection_count_from_its_end_or_its_report() -> None:
    exact = since_last_inspection(timeline(authority("a"), inspection("i", "2026-11-02", "good", end="2026-11-13")), AS_OF)
    assert exact is not None and (exact.start.date, exact.start.published, exact.days) == (
        PartialDate(2026, 11, 13), False, Days(10, 10))
    month = since_last_inspection(timeline(authority("b"), inspection("i", "2026-10", "good")), AS_OF)
    assert month is not None and month.days == Days(23, 53)  # 31 October to 1 October
    report = since_last_inspection(timeline(authority("c"), inspection("i", "unknown", "good", framework="sif",
                                                                         published="2016-11-23")), AS_OF)
    assert report is not None and (report.start.published, report.days) == (True, Days(3652, 3652))
    gone = since_last_inspection(timeline(authority("d", abolished="2019-04-01"),
                                          inspection("i", "2019-03-04", "good", end="2019-03-15")), AS_OF)
    assert gone is not None and (gone.to, gone.days) == (PartialDate(2019, 4, 1), Days(17, 17))
    assert since_last_inspection(timeline(authority("e"), inspection("i", "unknown", "good")), AS_OF) is None


def test_time_judged_inadequate_runs_to_the_next_inspection_not_graded_inadequate() -> None:
    history = timeline(
        authority("a"),
        inspection("first", "2015-01-05", "inadequate", framework="sif", end="2015-01-30"),
        inspection("again", "2017-01-09", "inadequate", framework="sif", end="2017-01-20"),
        inspection("better", "2019-03-04", "requires_improvement", end="2019-03-15"),
        inspection("worse", "2024-06", "inadequate"),
        inspection("new", "2026-06-08", None, end="2026-06-19"),  # no overall grade: ends the spell
    )
    spells = inadequate_spells(history, AS_OF)
    assert [(s.opened_by.id, s.closed_by.id if s.closed_by else None, s.end_known, s.days) for s in spells] == [
        ("first", "better", True, Days(1505, 1505)),  # 30 January 2015 to 15 March 2019
        ("worse", "new", True, Days(719, 748)),  # June 2024 (30th to 1st) to 19 June 2026
    ]
    still = inadequate_spells(timeline(authority("b"), inspection("i", "2025-03-03", "inadequate", end="2025-03-14")),
                              AS_OF)
    assert [(s.end.date, s.end_known, s.days) for s in still] == [(AS_OF, False, Days(619, 619))]


def test_time_under_intervention_counts_an_unknown_end_to_the_as_of_date_or_the_abolition() -> None:
    events = [event("notice", "intervention", "2019-05-23", action="improvement_notice_issued"),
              event("lifted", "intervention", "2021-05", action="improvement_notice_lifted"),
              event("direction", "intervention", "2022-08-05", action="direction_issued"),
              event("revoked", "intervention", "unknown", action="direction_revoked")]
    spells = intervention_spells(timeline(authority("a"), *events), AS_OF)
    assert [(s.label, s.end_known, s.end.date, s.days) for s in spells] == [
        ("Improvement notice", True, PartialDate(2021, 5), Days(709, 739)),
        ("Statutory direction", False, AS_OF, Days(1571, 1571)),  # revoked, but no source dates it
    ]
    gone = intervention_spells(timeline(authority("b", abolished="2023-04-01"), events[2]), AS_OF)
    assert [(s.end_known, s.end.date, s.days) for s in gone] == [(False, PartialDate(2023, 4, 1), Days(239, 239))]


def test_possible_areas_tell_an_ungiven_judgement_from_one_never_made() -> None:
    combined, apart = JudgementArea.CHILDREN_IN_CARE_AND_CARE_LEAVERS, JudgementArea.CHILDREN_IN_CARE
    published_2019 = inspection("p", "unknown", "good", published="2019-06-20")
    assert combined in possible_areas(published_2019) and apart not in possible_areas(published_2019)
    published_2023 = inspection("q", "unknown", "good", published="2023-03-01")
    assert {combined, apart} <= set(possible_areas(published_2023))  # began before or after the split
    split_given = inspection("r", "unknown", None, published="2023-03-01",
                             judgements={"overall_effectiveness": "good", "children_in_care": "good"})
    assert combined not in possible_areas(split_given)
    assert JudgementArea.OVERALL_EFFECTIVENESS not in possible_areas(inspection("s", "2026-05-11", None))
