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
from collections.abc import Callable, Iterable
from typing import Any

from generator.importer.observations import Observation
from generator.importer.report import Report
from generator.importer.inspection_report import ILACS, SIF, SIF_REINSPECTION
from generator.model import (
    INTERVENTIONS_ORIGIN,
    LETTERS_ORIGIN,
    OFFICIAL_ORIGIN,
    OVERALL,
    REPORTS_ORIGIN,
    SCRAPE_ORIGIN,
    Frameworks,
    Kind,
)

#: The types of ILACS inspection; a report's own type, ILACS, does not say which of the others it was.
_ILACS = {"ilacs_standard", "ilacs_short", ILACS}
#: What a report's type leaves open: an ILACS report never says standard or short, and a SIF
#: report whose title names no re-inspection may still be one (the releases say which).
_LEFT_OPEN = {ILACS: _ILACS, SIF: {SIF, SIF_REINSPECTION}}
#: Whose event it is when several sources give it: the origin of the first of these among them.
_ORIGINS = (OFFICIAL_ORIGIN, REPORTS_ORIGIN, LETTERS_ORIGIN, SCRAPE_ORIGIN, INTERVENTIONS_ORIGIN)
#: How far apart two accounts of the same report's publication may be, in days (the releases and
#: the report site sometimes differ by a day or two).
PUBLISHED_SLACK = 7
#: How far apart two accounts of the same full inspection's first day may be, in days.
START_SLACK = 7
#: How far a misdated publication may lie from the true one when all else agrees, in days.
MISDATED_SLACK = 92


def combine(observations: Iterable[Observation], official_runs_to: dt.date, frameworks: Frameworks,
            report: Report) -> dict[str, list[dict[str, Any]]]:
    """The events of each authority (by DfE code), in the data files' format; ``frameworks`` says
    which judgements each framework made when, and the words for the notes."""
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
            (g for g in groups if _misdated(g[0], observation) or _same_report(g[0], observation)), None)
        if match is not None:
            match.append(observation)
        elif observation.origin != SCRAPE_ORIGIN or _after(observation, official_runs_to, published_to):
            groups.append([observation])
        else:
            report.skip(observation.where, f"authority {observation.authority}: report published "
                                           f"{observation.published}, inspection from {observation.date}; the "
                                           "official releases, which cover these dates, do not list it, so it is "
                                           "not imported (official statistics win)")
    with_reports = [g for groups in clusters.values() for g in groups if any(o.origin == REPORTS_ORIGIN for o in g)]
    joined = [g for g in with_reports if any(o.origin != REPORTS_ORIGIN for o in g)]
    report.figures.append(f"Ofsted's reports joined to the event that the releases or the scrape give: {len(joined)} of "
                          f"{len(with_reports)}; the others are events of their own.")
    return {authority: _with_unique_ids([_event(g, frameworks, report) for g in groups])
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
    if first.kind is not other.kind or first.kind is Kind.INTERVENTION or not _frameworks_agree(first, other):
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


def _same_report(first: Observation, other: Observation) -> bool:
    """Whether one of two accounts is a report of the inspection that the other dates otherwise
    (in either order): a report is published once, so the same kind and framework published within
    a week is the same inspection, whatever the dates (the report's dates are then shown, and the
    others reported)."""
    return (REPORTS_ORIGIN in {first.origin, other.origin} and first.kind is other.kind is Kind.FULL_INSPECTION
            and _frameworks_agree(first, other) and first.published is not None and other.published is not None
            and abs((first.published - other.published).days) <= PUBLISHED_SLACK)


def _frameworks_agree(first: Observation, other: Observation) -> bool:
    """Same framework, or not stated by one, or types of ILACS inspection (standard and short may
    differ between releases), or one a report's type leaves open."""
    a, b = first.framework, other.framework
    return (not a or not b or a == b or {a, b} <= _ILACS or b in _LEFT_OPEN.get(a, ()) or a in _LEFT_OPEN.get(b, ()))


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
            and OVERALL in shared
            and all(first.judgements[a] == other.judgements[a] for a in shared))


#: Every field ``_event`` may write from a release, the scrape or the interventions table; any other
#: field of an event they gave is an editor's.
IMPORTED_FIELDS = frozenset({"id", "kind", "date", "end", "published", "framework", "action", "theme", "judgements",
                             "summary", "people", "notes", "origin", "sources"})
#: And the fields only Ofsted's own documents (letters and reports) give, which on an event no
#: such document gives are an editor's.
DOCUMENT_FIELDS = frozenset({"priority_actions", "findings", "quotes"})


def _event(group: list[Observation], frameworks: Frameworks, report: Report) -> dict[str, Any]:
    head = group[0]
    notes: list[str] = []
    # A report is the inspection's own document: its dates, judgements and inspectors come first.
    reports_first = sorted(group, key=lambda o: o.origin != REPORTS_ORIGIN)

    def first(field: str, describe: str, *, across_origins: bool = True, primary: bool = False) -> Any:
        """The first observation's value of ``field`` (a report's first, where ``primary``); a
        different value elsewhere is reported (only from an observation of the same origin, unless
        ``across_origins``; the scrape's only against a report's, as its errors are many)."""
        values = [(o, getattr(o, field)) for o in (reports_first if primary else group) if getattr(o, field) is not None]
        if not values:
            return None
        (chosen_by, chosen), *others = values
        for observation, value in others:
            compared = across_origins or observation.origin == chosen_by.origin
            scrape = observation.origin == SCRAPE_ORIGIN and chosen_by.origin != REPORTS_ORIGIN
            if value != chosen and not scrape and compared:
                _disagree(report, observation, chosen_by, describe, _text(value), _text(chosen), describe)
                notes.append(f"The sources differ on the {describe}: {_words(value, frameworks)} ({observation.where}) "
                             f"against {_words(chosen, frameworks)} ({chosen_by.where}), which is shown.")
        return chosen

    framework = _framework(group, first)
    date = first("date", "date", primary=True)
    event: dict[str, Any] = {"id": "", "kind": head.kind.value}
    event["date"] = _text(date) if date is not None else "unknown"
    end = first("end", "end date", primary=True)
    if end is not None and isinstance(date, dt.date) and end >= date:
        event["end"] = end.isoformat()
    published = first("published", "publication date")
    if published is not None and head.kind is not Kind.INTERVENTION:
        event["published"] = published.isoformat()
    if framework is not None:
        event["framework"] = framework
    if head.action is not None:
        event["action"] = head.action.value
    # The releases name a theme by its category, a letter in a sentence: other words, not other facts.
    theme = first("theme", "visit theme", across_origins=False)
    if theme is not None:
        event["theme"] = theme
    judgements = _judgements(reports_first, framework, date if isinstance(date, dt.date) else None, frameworks, notes,
                             report)
    if judgements:
        event["judgements"] = judgements
    priority_actions = first("priority_actions", "areas for priority action")
    if priority_actions is not None:  # [] says the document found none
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
    people = _people(reports_first, report)
    if people:
        event["people"] = people
    notes = list(dict.fromkeys([n for o in group for n in o.notes] + notes))
    if notes:
        event["notes"] = " ".join(notes)
    event["origin"] = next(origin for origin in (*_ORIGINS, head.origin) if any(o.origin == origin for o in group))
    event["sources"] = _sources(reports_first)
    event["id"] = _id(event)
    return event


def _judgements(group: list[Observation], framework: str | None, begun: dt.date | None, frameworks: Frameworks,
                notes: list[str], report: Report) -> dict[str, str]:
    """Each judgement the inspection's framework made, from the first account that gives it (a
    report's first); a judgement it did not make, or a grade not on its scale, is reported and left
    out, never written for validation to refuse."""
    allowed, scale = _allowed(framework, begun, frameworks)
    chosen: dict[str, tuple[Observation, str]] = {}
    for observation in group:
        for area, grade in observation.judgements.items():
            if area not in allowed:
                stated = "under this framework at this date" if framework else "where no framework is stated"
                report.unused(observation.where, f"{_label('area', area, frameworks)} is not judged {stated}; left out")
                continue
            if scale is not None and grade not in scale:
                report.unused(observation.where, f"{_label('area', area, frameworks)}: "
                                                 f"{_label('grade', grade, frameworks)} is not a grade of this "
                                                 "framework's scale at this date; left out")
                continue
            if area not in chosen:
                chosen[area] = (observation, grade)
            elif chosen[area][1] != grade:
                first_by, first_grade = chosen[area]
                area_words = _label("area", area, frameworks)
                grade_words, first_words = _label("grade", grade, frameworks), _label("grade", first_grade, frameworks)
                _disagree(report, observation, first_by, area_words, grade_words, first_words, "judgement")
                notes.append(f"The sources differ on '{area_words}': {grade_words} ({observation.where}) against "
                             f"{first_words} ({first_by.where}), which is shown.")
    return {area: chosen[area][1] for area in allowed if area in chosen}


def _framework(group: list[Observation], first: Callable[..., Any]) -> str | None:
    """The report's type of inspection, unless it leaves open what another account says (a
    release's "ILACS short inspection" where the report says only ILACS): then that one's."""
    reported = next((o.framework for o in group if o.origin == REPORTS_ORIGIN and o.framework), None)
    narrower = next((o.framework for o in group if o.origin != REPORTS_ORIGIN and o.framework not in (None, reported)
                     and o.framework in _LEFT_OPEN.get(reported or "", ())), None)
    return narrower or first("framework", "framework", primary=True)


def _people(reports_first: list[Observation], report: Report) -> list[dict[str, str]]:
    """The people of the first account that names any: a report's, a letter's, or else the scrape's.
    A lead inspector the scrape names otherwise than the report is reported."""
    named = sorted((o for o in reports_first if o.people), key=lambda o: o.origin == SCRAPE_ORIGIN)
    if not named:
        return []
    chosen = named[0]
    leads = {p["name"] for p in chosen.people if p["role"] == "lead_inspector"}
    for other in named[1:]:
        theirs = {p["name"] for p in other.people if p["role"] == "lead_inspector"}
        if leads and theirs and theirs != leads:
            _disagree(report, other, chosen, "lead inspector", "; ".join(sorted(theirs)), "; ".join(sorted(leads)),
                      "lead inspector")
    return chosen.people


def _disagree(report: Report, observation: Observation, chosen_by: Observation, what: str, value: str,
              chosen: str, kind: str) -> None:
    """Report that ``observation`` gives ``what`` otherwise than the account used; where that is a
    report, which is believed, the disagreement is counted by its ``kind`` and by whom (the figures
    of the import's report)."""
    report.disagree(observation.where, f"{what}: {value} here; {chosen} in {chosen_by.where} is used")
    if chosen_by.origin == REPORTS_ORIGIN:
        report.against_reports[(kind, observation.origin)] += 1


def _allowed(framework: str | None, begun: dt.date | None, frameworks: Frameworks) -> tuple[list[str], set[str] | None]:
    """The areas an inspection of type ``framework`` begun on ``begun`` (any day, if not known) may
    have judged, in the order its reports list them, and the grades of their scales; only the
    overall grade, on any scale (None), where no framework is stated."""
    found = frameworks.find("framework", framework) if framework else None
    if found is None:
        return [OVERALL], None
    first, last = (begun, begun) if begun else (dt.date.min, dt.date.max)
    versions = [v for v in found.versions if v.could_cover(first, last)]  # type: ignore[attr-defined]
    return (list(dict.fromkeys(a.value for v in versions for a in v.areas)),
            {g.value for v in versions if v.scale for g in v.scale.grades})


def _label(what: str, value: str, frameworks: Frameworks) -> str:
    """The words of data/frameworks.yaml for an id."""
    found = frameworks.find(what, value)
    return found.label if found else value


def _sources(group: list[Observation]) -> list[dict[str, Any]]:
    """One source per document, in the order given (a report first): rows of one release share it,
    and its note lists them."""
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


def _words(value: Any, frameworks: Frameworks) -> str:
    """A value as a note for readers says it: '10 July 2023', 'ILACS short inspection'."""
    if isinstance(value, dt.date):
        return f"{value.day} {value:%B %Y}"
    if isinstance(value, str) and frameworks.find("framework", value):
        return _label("framework", value, frameworks)
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
