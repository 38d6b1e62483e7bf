"""Observations of the same event, from several releases and the scrape, become one event.

Official observations come newest release first, and the first to give a fact wins: a later
release corrects an earlier one (the 2025 release says it corrected a 2024 grade). A fact that
another observation gives differently is kept out, said in the event's notes and reported.
The scrape is matched to an official event by its dates; it adds its report PDF as a source,
the inspection's end date and lead inspector that the releases lack, and grades only where no
release gives one. A scrape row that matches nothing becomes an event of its own only when the
releases could not have listed it (begun after they run to, or published after the last report
they list); other ones are reported, because the releases, which cover them, do not have them.
Ofsted's visit letters are the visits' own documents: a letter of a visit that a release lists
joins its event (same kind and first day), adding its end, publication, inspectors, priority
actions and quotations; the releases' theme, in Ofsted's category names, wins over the letter's
sentence without being reported as a disagreement. A letter of a visit no release lists is an
event of its own.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from generator.importer.observations import Observation
from generator.importer.report import Report
from generator.model import OFFICIAL_ORIGIN, SCRAPE_ORIGIN, Framework, JudgementArea, Kind, PartialDate, judgement_areas

_ILACS = {Framework.ILACS_STANDARD, Framework.ILACS_SHORT}
#: How far apart two accounts of the same report's publication may be, in days (the releases and
#: the report site sometimes differ by a day or two).
PUBLISHED_SLACK = 7
#: How far apart two accounts of the same full inspection's first day may be, in days.
START_SLACK = 7
#: How far a misdated publication may lie from the true one when all else agrees, in days.
MISDATED_SLACK = 92


def combine(observations: Iterable[Observation], official_runs_to: dt.date,
            report: Report) -> dict[str, list[dict[str, Any]]]:
    """The events of each authority (by DfE code), in the data files' format."""
    observations = list(observations)
    # The releases list reports published up to some weeks after the date they run to.
    published_to = max((o.published for o in observations if o.origin == OFFICIAL_ORIGIN and o.published),
                       default=official_runs_to)
    clusters: dict[str, list[list[Observation]]] = defaultdict(list)
    for observation in observations:
        groups = clusters[observation.authority]
        if observation.kind is Kind.INTERVENTION:
            groups.append([observation])
            continue
        match = next((g for g in groups if _same_event(g[0], observation)), None) or next(
            (g for g in groups if _misdated(g[0], observation)), None)
        if match is not None:
            match.append(observation)
        elif observation.origin != SCRAPE_ORIGIN or _after(observation, official_runs_to, published_to):
            groups.append([observation])
        else:
            report.skip(observation.where, f"authority {observation.authority}: report published "
                                           f"{observation.published}, inspection from {observation.date}; the "
                                           "official releases, which cover these dates, do not list it, so it is "
                                           "not imported (official statistics win)")
    return {authority: _with_unique_ids([_event(g, report) for g in groups])
            for authority, groups in clusters.items()}


def _after(observation: Observation, runs_to: dt.date, published_to: dt.date) -> bool:
    """Whether the official releases could not have listed it: it began after they run to, or its
    report came out after the last report they list."""
    if observation.published is not None and observation.published > published_to:
        return True
    return isinstance(observation.date, dt.date) and observation.date > runs_to


def _same_event(first: Observation, other: Observation) -> bool:
    """Whether two accounts are of one inspection or visit: same kind and framework (ILACS standard
    and short may differ between releases), and the same start (full inspections: within a week)
    or, where either lacks a start, the same publication (within a week)."""
    if first.kind is not other.kind or first.kind is Kind.INTERVENTION:
        return False
    if first.framework and other.framework and first.framework != other.framework and not (
            {first.framework, other.framework} <= _ILACS):
        return False
    if isinstance(first.date, dt.date) and isinstance(other.date, dt.date):
        if first.kind is Kind.FULL_INSPECTION:
            # Releases differ by a day on some starts (Cumbria 2022, Isles of Scilly 2023); an
            # authority never has two full inspections within days of each other.
            return abs((first.date - other.date).days) <= START_SLACK
        return first.date == other.date
    if first.published and other.published:
        return abs((first.published - other.published).days) <= PUBLISHED_SLACK
    return False


def _misdated(first: Observation, other: Observation) -> bool:
    """Whether an account known only by its publication is of an inspection another account
    publishes weeks apart: the 2009-2023 table misdates a few reports (Nottingham's of 5 September
    2022 as 5 November). Tried only when nothing matches exactly; everything else must agree."""
    if first.kind is not Kind.FULL_INSPECTION or other.kind is not Kind.FULL_INSPECTION:
        return False
    if first.framework is None or first.framework != other.framework or not (first.published and other.published):
        return False
    if first.date is not None and other.date is not None:
        return False
    shared = first.judgements.keys() & other.judgements.keys()
    return (abs((first.published - other.published).days) <= MISDATED_SLACK
            and JudgementArea.OVERALL_EFFECTIVENESS in shared
            and all(first.judgements[a] == other.judgements[a] for a in shared))


#: Every field ``_event`` may write from a release, the scrape or the interventions table; any other
#: field of an event they gave is an editor's.
IMPORTED_FIELDS = frozenset({"id", "kind", "date", "end", "published", "framework", "action", "theme", "judgements",
                             "summary", "people", "notes", "origin", "sources"})
#: And the fields only a letter gives, which on an event of another origin are an editor's.
LETTER_FIELDS = frozenset({"priority_actions", "findings", "quotes"})


def _event(group: list[Observation], report: Report) -> dict[str, Any]:
    head = group[0]
    notes: list[str] = []

    def first(field: str, describe: str, *, across_origins: bool = True) -> Any:
        """The first observation's value of ``field``; a different value elsewhere is reported
        (only from an observation of the same origin, unless ``across_origins``)."""
        values = [(o, getattr(o, field)) for o in group if getattr(o, field) is not None]
        if not values:
            return None
        (chosen_by, chosen), *others = values
        for observation, value in others:
            compared = across_origins or observation.origin == chosen_by.origin
            if value != chosen and observation.origin != SCRAPE_ORIGIN and compared:
                text = f"{describe}: {_text(value)} in {observation.where}; {_text(chosen)} in {chosen_by.where} is used"
                report.disagree(observation.where, text)
                notes.append(f"The sources differ on the {describe}: {_words(value)} ({observation.where}) "
                             f"against {_words(chosen)} ({chosen_by.where}), which is shown.")
        return chosen

    framework = first("framework", "framework")
    date = first("date", "date")
    event: dict[str, Any] = {"id": "", "kind": head.kind.value}
    event["date"] = _text(date) if date is not None else "unknown"
    end = first("end", "end date")
    if end is not None and isinstance(date, dt.date) and end >= date:
        event["end"] = end.isoformat()
    published = first("published", "publication date")
    if published is not None and head.kind is not Kind.INTERVENTION:
        event["published"] = published.isoformat()
    if framework is not None:
        event["framework"] = framework.value
    if head.action is not None:
        event["action"] = head.action.value
    # The releases name a theme by its category, a letter in a sentence: other words, not other facts.
    theme = first("theme", "visit theme", across_origins=False)
    if theme is not None:
        event["theme"] = theme
    judgements = _judgements(group, framework, date if isinstance(date, dt.date) else None, notes, report)
    if judgements:
        event["judgements"] = judgements
    priority_actions = first("priority_actions", "areas for priority action")
    if priority_actions:
        event["priority_actions"] = priority_actions
    summary = first("summary", "summary")
    if summary:
        event["summary"] = summary
    to_improve = first("to_improve", "points of what needs to improve")
    if to_improve:
        event["findings"] = {"to_improve": to_improve}
    quotes = first("quotes", "quotations")
    if quotes:
        event["quotes"] = quotes
    people = {p["name"]: p for o in group for p in o.people}
    if people:
        event["people"] = list(people.values())
    notes = list(dict.fromkeys([n for o in group for n in o.notes] + notes))
    if notes:
        event["notes"] = " ".join(notes)
    event["origin"] = head.origin
    event["sources"] = _sources(group)
    event["id"] = _id(event)
    return event


def _judgements(group: list[Observation], framework: Framework | None, begun: dt.date | None,
                notes: list[str], report: Report) -> dict[str, str]:
    allowed = judgement_areas(framework, PartialDate(begun.year, begun.month, begun.day) if begun else None)
    chosen: dict[Any, tuple[Observation, Any]] = {}
    for observation in group:
        for area, grade in observation.judgements.items():
            if area not in allowed:
                report.unused(observation.where, f"{area.label} is not judged under this framework at this date; "
                                                 "left out")
                continue
            if area not in chosen:
                chosen[area] = (observation, grade)
            elif chosen[area][1] != grade:
                first_by, first_grade = chosen[area]
                report.disagree(observation.where, f"{area.label}: {grade.label} here; {first_grade.label} in "
                                                      f"{first_by.where} is used")
                notes.append(f"The sources differ on '{area.label}': {grade.label} ({observation.where}) against "
                             f"{first_grade.label} ({first_by.where}), which is shown.")
    return {area.value: chosen[area][1].value for area in allowed if area in chosen}


def _sources(group: list[Observation]) -> list[dict[str, Any]]:
    """One source per document: rows of one release share it, and its note lists them."""
    by_document: dict[str, tuple[dict[str, Any], list[str]]] = {}
    for observation in group:
        by_document.setdefault(observation.source["title"], (observation.source, []))[1].append(observation.where)
    sources = []
    for source, places in by_document.values():
        filled = dict(source)
        if "note" in filled:
            filled["note"] = filled["note"].replace("{where}", "; ".join(dict.fromkeys(places)))
        sources.append(filled)
    return sources


def _words(value: Any) -> str:
    """A value as a note for readers says it: '10 July 2023', 'ILACS short inspection'."""
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    return str(getattr(value, "label", value))


def _text(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(getattr(value, "value", value))


def _id(event: dict[str, Any]) -> str:
    """A readable id from what the event is and when: 'ilacs-standard-2019-02-18', 'focused-visit-…'."""
    what = event.get("framework") or event.get("action") or event["kind"]
    when = event["date"] if event["date"] != "unknown" else (
        f"published-{event['published']}" if "published" in event else "undated")
    return f"{what}-{when}".replace("_", "-")


def _with_unique_ids(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen: dict[str, int] = {}
    for event in events:
        base = event["id"]
        seen[base] = seen.get(base, 0) + 1
        if seen[base] > 1:
            event["id"] = f"{base}-{seen[base]}"
    return events
