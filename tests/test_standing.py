"""Facts across authorities (counts, positions, movement, recent inspections, succession) and over
time (days since, time judged inadequate, time under intervention), on small hand-made data."""

from __future__ import annotations

from generator.durations import Days, inadequate_spells, intervention_spells, since_last_inspection
from generator.model import PartialDate
from generator.standing import (
    NO_GRADE,
    NOT_JUDGED,
    crosstab,
    current,
    former,
    movement,
    movements,
    position,
    predecessors,
    recently_inspected,
    tally,
    views,
)
from generator.timeline import Standing, standing
from tests.factories import AS_OF, FRAMEWORKS, authority, dataset, event, inspection, timeline

NW = "north_west"
OVERALL = FRAMEWORKS.find("area", "overall_effectiveness")
LEADERS = FRAMEWORKS.find("area", "impact_of_leaders")
#: The judgements of ILACS as revised in April 2026, which gives no overall grade.
REVISED = {"impact_of_leaders": "good", "help_and_protection": "good", "children_in_care": "good",
           "care_leavers": "good"}


def grade(value: str):  # type: ignore[no-untyped-def]
    return FRAMEWORKS.find("grade", value)


def test_tally_counts_current_authorities_by_their_latest_inspection_and_keeps_those_without_a_grade() -> None:
    timelines = [
        timeline(authority("a", NW), inspection("i1", "2019-03-04", "inadequate"), inspection("i2", "2023-05-01", "good")),
        timeline(authority("b", NW), inspection("i1", "2024-02-05", "outstanding")),
        timeline(authority("c", NW)),  # no inspection in the data
        timeline(authority("d", NW, abolished="2019-04-01"), inspection("i1", "2018-01-08", "good")),
        # Inspected under ILACS as revised in April 2026: its grade of 2022 is no longer counted.
        timeline(authority("e", NW), inspection("i1", "2022-03-07", "inadequate"),
                 inspection("i2", "2026-05-11", None, judgements=REVISED)),
    ]
    data = dataset(*timelines)
    counts = tally(timelines, data, OVERALL)
    assert {str(k): n for k, n in counts.counts.items()} == {
        "outstanding": 1, "good": 1, "adequate": 0, "requires_improvement": 0, "inadequate": 0, NOT_JUDGED: 1,
        NO_GRADE: 1}
    assert (counts.total, counts.ungraded) == (4, 2)
    leaders = tally(timelines, data, LEADERS)
    assert (leaders.counts[grade("good")], leaders.counts[NO_GRADE]) == (1, 3)  # the others gave only overall here
    assert [t.authority.slug for t in current(timelines)] == ["a", "b", "c", "e"]
    assert [t.authority.slug for t in former(timelines)] == ["d"]


def test_views_are_the_overall_grade_and_the_judgements_of_the_newest_version() -> None:
    assert [a.value for a in views(dataset())] == [
        "overall_effectiveness", "impact_of_leaders", "help_and_protection", "children_in_care", "care_leavers"]


def test_position_counts_the_grade_with_those_above_or_below_it_on_its_scale() -> None:
    grades = {"ash": "outstanding", "beech": "good", "cedar": "good", "deal": "requires_improvement", "elm": "inadequate"}
    graded = [timeline(authority(slug, NW), inspection("i", "2024-01-08", value)) for slug, value in grades.items()]
    group = tally(graded, dataset(*graded), OVERALL)
    found = {}
    for one in graded:
        now = standing(one.events, OVERALL, AS_OF)
        assert isinstance(now, Standing)
        placed = position(now, group, FRAMEWORKS)
        found[now.grade.value] = ([g.value for g in placed.band], placed.matching)
    assert found == {"outstanding": (["outstanding"], 1), "good": (["good", "outstanding"], 3),
                     "requires_improvement": (["requires_improvement", "inadequate"], 2),
                     "inadequate": (["inadequate"], 1)}
    old = standing([inspection("o", "2012-01", None, framework=None, judgements={"overall_effectiveness": "adequate"})],
                   OVERALL, AS_OF)
    assert isinstance(old, Standing)
    assert [g.value for g in position(old, group, FRAMEWORKS).band] == ["adequate", "inadequate"]


def test_movement_is_from_the_inspection_before_the_latest_that_gave_a_grade_there() -> None:
    history = timeline(
        authority("a"),
        inspection("sif", "2014-06", "inadequate", framework="sif"),
        inspection("ilacs", "2019-03-04", "requires_improvement", judgements={
            "overall_effectiveness": "requires_improvement", "impact_of_leaders": "inadequate"}),
        inspection("ilacs-2023", "2023-01-09", "good", judgements={
            "overall_effectiveness": "good", "impact_of_leaders": "requires_improvement"}),
        inspection("ilacs-2026", "2026-06-08", None, judgements=REVISED),  # from April 2026: no overall grade
        inspection("undated", "unknown", "outstanding"),
    )
    data = dataset(history)
    assert movement(history, OVERALL, data) is None  # the latest gave no overall grade: nothing is current
    move = movement(history, LEADERS, data)
    assert move is not None
    assert (move.before.id, move.after.id, move.before_grade.value, move.after_grade.value, move.change) == (
        "ilacs-2023", "ilacs-2026", "requires_improvement", "good", 1)
    old_scale = timeline(authority("b"), inspection("slac", "2012-01", None, framework=None,
                                                   judgements={"overall_effectiveness": "adequate"}),
                         inspection("sif", "2015-02", "requires_improvement", framework="sif"))
    assert movement(old_scale, OVERALL, data).change == 0  # type: ignore[union-attr]
    assert movement(timeline(authority("c"), inspection("one", "2020-01-06", "good")), OVERALL, data) is None
    moves = movements([history, old_scale], OVERALL, data)
    assert {(a.value, b.value): n for (a, b), n in crosstab(moves).items()} == {
        ("adequate", "requires_improvement"): 1}


def test_a_joint_judgement_stands_for_each_area_it_covers_until_they_are_judged_apart() -> None:
    # Dudley, 2022: children in care and care leavers judged together; Trafford, 2026: apart.
    in_care, leavers = FRAMEWORKS.find("area", "children_in_care"), FRAMEWORKS.find("area", "care_leavers")
    joint = FRAMEWORKS.find("area", "children_in_care_and_care_leavers")
    before = inspection("ilacs-2022", "2022-02-07", "requires_improvement", judgements={
        "overall_effectiveness": "requires_improvement", "children_in_care_and_care_leavers": "requires_improvement"})
    dudley = timeline(authority("dudley"), before)
    for area in (in_care, leavers):
        found = standing(dudley.events, area, AS_OF)
        assert isinstance(found, Standing) and (found.grade, found.by) == (grade("requires_improvement"), joint)
    trafford = timeline(authority("trafford"), before, inspection("ilacs-2026", "2026-06-08", None, judgements=REVISED))
    found = standing(trafford.events, in_care, AS_OF)
    assert isinstance(found, Standing) and (found.event.id, found.grade, found.by) == ("ilacs-2026", grade("good"), None)
    move = movement(trafford, in_care, dataset(trafford))
    assert move is not None and (move.before.id, move.before_grade.value, move.after_grade.value, move.change) == (
        "ilacs-2022", "requires_improvement", "good", 1)
    # A joint judgement is no grade for an area it does not cover.
    assert not isinstance(standing(dudley.events, LEADERS, AS_OF), Standing)


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
        inspection("new", "2026-06-08", None, end="2026-06-19", judgements=REVISED),  # no overall grade: ends it
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
