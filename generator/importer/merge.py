"""Fold freshly imported events into an authority's file without losing an editor's work.

Three rules. A hand-made event is kept with every field as the editor wrote it; when it is the
same event as an imported one (same kind, dates that contain one another, same overall grade
or action), the import only adds what the hand event lacks (a more precise date inside the
editor's, a framework, other judgements, its sources), so the file never holds the event twice.
An event imported before takes the new import's values, except the fields an editor has listed
under ``corrected``, and keeps any field and source an editor added to it. An event imported
before that no source gives any more (a release corrected, or the importer read a row wrongly)
is removed and reported, unless an editor worked on it (a correction, a field or a source of
their own) or another event refers to it: then it is kept and reported, for an editor to check.

The fetch (``fetch``) adds to the files rather than rewriting them: its events are Ofsted's
publications that no other source gives, so an import keeps them as it keeps an editor's
(``KEPT_ORIGINS``), and ``add_events`` folds a fetched event into the file's own account of the
same inspection or visit, if it has one, as the import folds an event into an editor's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Any

from generator.importer.combine import DOCUMENT_FIELDS, IMPORTED_FIELDS
from generator.importer.report import Report
from generator.model import FETCH_ORIGIN, Kind, PartialDate, SourceType, parse_date

#: Whether a source in a data file is one an importer wrote (any other, an editor added).
ImportedSource = Callable[[dict[str, Any]], bool]
#: The origins of events an import keeps as they are, only adding to them: an editor's, and the
#: fetch's (Ofsted's publications that the import's sources do not hold).
KEPT_ORIGINS = frozenset({"hand", FETCH_ORIGIN})
#: Accounts of one full inspection start within this many days; two publications of one event
#: come out within this many days.
_START_SLACK = 7
_PUBLISHED_SLACK = 7
#: How a fetched publication fits an event (``_fit``).
_SAME_DAY, _WITHIN = 2, 1


def merge_events(existing: list[dict[str, Any]], imported: list[dict[str, Any]], is_imported: ImportedSource,
                 where: str, report: Report) -> list[dict[str, Any]]:
    """The events of one file after an import, sorted by date then id."""
    left = list(imported)
    result = []
    claimed: dict[str, str] = {}  # the id of a fresh import -> the hand event that took it
    referred_to = {e["about"] for e in existing if e.get("about")}
    # Hand events first: an editor's event takes its imported twin even where a copy imported
    # earlier sorts before it, so the file holds the event once after a single run.
    for event in sorted(existing, key=lambda e: e.get("origin", "hand") not in KEPT_ORIGINS):
        if event.get("origin", "hand") in KEPT_ORIGINS:
            match = next((i for i in left if _same_hand_event(event, i)), None)
            if match is not None:
                claimed[match["id"]] = event["id"]
            result.append(_refine(event, match) if match else event)
        else:
            match = next((i for i in left if i["id"] == event["id"]), None) or next(
                (i for i in left if _same_hand_event(event, i)), None)
            if match is not None:
                result.append(_update(event, match, is_imported))
            else:
                twin = claimed.get(event["id"])
                why = f"hand event {twin} is the same event and now takes the import" if twin else (
                    "no source gives it now")
                if _edited(event, is_imported) or event["id"] in referred_to:
                    report.disagree(where, f"event {event['id']} was imported before and {why}; kept, because an "
                                           "editor changed it or another event refers to it: check it by hand")
                    result.append(event)
                else:
                    report.removed(where, f"event {event['id']} was imported before and {why}; removed")
        if match is not None:
            left.remove(match)
    return sorted(result + _with_free_ids(left, result), key=_order)


def add_events(existing: list[dict[str, Any]], fetched: list[dict[str, Any]], where: str,
               report: Report) -> tuple[list[dict[str, Any]], int]:
    """The events of one file with the fetched ones added, sorted by date then id, and how many of
    them joined an event the file had (which keeps every value it had and gains the publication
    as a source, with the fields it lacked). A publication joins the event of its day, or else the
    one event its dates or publication fit. Where several events fit and none is of its day, or
    where it fits an event by month or year alone beside another publication, it is added as an
    event of its own and reported, for an editor to check."""
    result = list(existing)
    choices: dict[int, int] = {}  # a fetched event -> the file's event it joins
    by_month: set[int] = set()  # the fetched events that fit their choice loosely (``_WITHIN``), not by day
    for number, event in enumerate(fetched):
        fits = {n: _fit(known, event) for n, known in enumerate(result)}
        exact = [n for n, fit in fits.items() if fit == _SAME_DAY]
        loose = [n for n, fit in fits.items() if fit == _WITHIN]
        if exact:
            choices[number] = exact[0]
        elif len(loose) == 1:
            choices[number] = loose[0]
            by_month.add(number)
        elif loose:
            report.disagree(where, f"the fetched event {event['id']} could be any of the events "
                                   f"{', '.join(result[n]['id'] for n in loose)}; added as an event of its own: "
                                   "check by hand")
    # An event that several fit is left to those of its day; those that fit it by month alone are added.
    for chosen, count in Counter(choices.values()).items():
        loosely = [n for n, c in choices.items() if c == chosen and n in by_month]
        if count > 1 and loosely:
            report.disagree(where, f"the fetched events {', '.join(fetched[n]['id'] for n in loosely)} each fit the "
                                   f"event {result[chosen]['id']} only by its dates' month or year, beside another; "
                                   "each added as an event of its own: check by hand")
            for n in loosely:
                del choices[n]
    new = [event for n, event in enumerate(fetched) if n not in choices]
    for number, chosen in choices.items():
        result[chosen] = _refine(result[chosen], fetched[number])
    return sorted(result + _with_free_ids(new, result), key=_order), len(fetched) - len(new)


def _with_free_ids(events: list[dict[str, Any]], beside: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``events`` with ids taken by ``beside`` (or by an earlier one of them) given a number."""
    taken = {e["id"] for e in beside}
    for event in events:
        base, n = event["id"], 1
        while event["id"] in taken:
            n += 1
            event["id"] = f"{base}-{n}"
        taken.add(event["id"])
    return events


def _fit(known: dict[str, Any], fetched: dict[str, Any]) -> int:
    """How a fetched publication fits an event the file has: ``_SAME_DAY`` (the same kind and start;
    a full inspection's within a week, as an authority never has two so close), ``_WITHIN`` (the
    start inside an editor's month or year, or, where either lacks a start, a publication within
    a week), or 0."""
    if known.get("kind") != fetched["kind"]:
        return 0
    date, new_date = _date(known.get("date")), _date(fetched.get("date"))
    if date and new_date and (_width(date) or _width(new_date)):
        return _WITHIN if _nested(date, new_date) else 0
    if date and new_date:
        apart = abs((date.first_day() - new_date.first_day()).days)
        return _SAME_DAY if apart <= (_START_SLACK if fetched["kind"] == Kind.FULL_INSPECTION.value else 0) else 0
    published, new_published = _date(known.get("published")), _date(fetched.get("published"))
    close = bool(published and new_published
                 and abs((published.first_day() - new_published.first_day()).days) <= _PUBLISHED_SLACK)
    return _WITHIN if close else 0


def _order(event: dict[str, Any]) -> tuple[str, str]:
    placed = event.get("date") if event.get("date") not in (None, "unknown") else event.get("published")
    return (placed or "9999", event["id"])


def _date(value: Any) -> PartialDate | None:
    return parse_date(value, allow_unknown=True) if value is not None else None


def _width(date: PartialDate) -> int:
    """How many days a date may mean, less one: 0 for a day, 30 for a 31-day month."""
    return (date.last_day() - date.first_day()).days


def _nested(a: PartialDate, b: PartialDate) -> bool:
    """Whether one date lies within the other (a year contains its months and days)."""
    inner, outer = sorted((a, b), key=_width)
    return outer.first_day() <= inner.first_day() and inner.last_day() <= outer.last_day()


def _same_hand_event(hand: dict[str, Any], imported: dict[str, Any]) -> bool:
    """Whether an editor's event is the imported one.

    Dated events agree when their dates (or their reports' publication dates) lie one within the
    other and their overall grades do not differ. An inspection the editor dated and the import
    knows only by its report is the same when the framework and grade agree and the report came
    out within half a year of the editor's date. Undated events agree only when they name the
    same person for the same action: there is nothing else to tell them apart by.
    """
    if hand.get("kind") != imported["kind"] or hand.get("action") != imported.get("action"):
        return False
    hand_date, new_date = _date(hand.get("date")), _date(imported.get("date"))
    hand_published, new_published = _date(hand.get("published")), _date(imported.get("published"))
    overall = (hand.get("judgements") or {}).get("overall_effectiveness")
    new_overall = (imported.get("judgements") or {}).get("overall_effectiveness")
    if overall and new_overall and overall != new_overall:
        return False
    if hand_published and new_published and not _nested(hand_published, new_published):
        return False
    if hand_date and new_date:
        return _nested(hand_date, new_date)
    if hand_published and new_published:
        return True
    if hand_date and new_published and not new_date:
        lag = (new_published.first_day() - hand_date.last_day()).days
        same = hand.get("framework") is not None and hand.get("framework") == imported.get("framework")
        return same and overall is not None and overall == new_overall and 0 <= lag <= 183
    if not hand_date and not new_date and not hand_published and not new_published:
        names = {p.get("name") for p in hand.get("people", [])}
        return bool(names & {p.get("name") for p in imported.get("people", [])})
    return False


def _edited(event: dict[str, Any], is_imported: ImportedSource) -> bool:
    """Whether an editor worked on an imported event: a correction, a field no importer writes (the
    findings and quotations of Ofsted's letters and reports are the import's where one is among its
    sources), or a source of their own."""
    documents = any(s.get("type") == SourceType.REPORT.value and is_imported(s) for s in event.get("sources", []))
    imported = IMPORTED_FIELDS | DOCUMENT_FIELDS if documents else IMPORTED_FIELDS
    return (bool(event.get("corrected")) or any(f not in imported for f in event)
            or not all(is_imported(s) for s in event.get("sources", [])))


def _refine(hand: dict[str, Any], imported: dict[str, Any]) -> dict[str, Any]:
    """The editor's event with what the import adds: never a field the editor gave, except a date
    the import gives more precisely within the editor's."""
    result = dict(hand)
    for field, value in imported.items():
        if field in ("id", "origin", "sources", "notes"):
            continue
        if field not in result or result[field] in (None, "unknown"):
            result[field] = value
    hand_date, new_date = _date(hand.get("date")), _date(imported.get("date"))
    if hand_date and new_date and _nested(hand_date, new_date) and _width(new_date) < _width(hand_date):
        result["date"] = imported["date"]
    if "judgements" in imported:
        result["judgements"] = {**imported["judgements"], **(hand.get("judgements") or {})}
    result["sources"] = _union_sources(hand.get("sources", []), imported["sources"])
    return result


def _update(previous: dict[str, Any], imported: dict[str, Any], is_imported: ImportedSource) -> dict[str, Any]:
    """The new import's values, with the editor's corrections and additions to the old one kept."""
    corrected = {c.get("field") for c in previous.get("corrected", [])}
    result = {**imported, "id": previous["id"]}
    for field, value in previous.items():
        if field in corrected or field not in imported:  # an editor's correction, or addition
            result[field] = value
    for field in corrected - set(previous):
        result.pop(field, None)  # an editor removed an imported field
    result = {field: result[field] for field in [*imported, *previous] if field in result}  # a stable order
    if "sources" not in corrected:
        added = [s for s in previous.get("sources", []) if not is_imported(s)]
        result["sources"] = _union_sources(imported["sources"], added)
    return result


def _union_sources(first: list[dict[str, Any]], more: list[dict[str, Any]]) -> list[dict[str, Any]]:
    seen = {(s.get("title"), s.get("url")) for s in first}
    return list(first) + [s for s in more if (s.get("title"), s.get("url")) not in seen]
