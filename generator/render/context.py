"""The parts of an authority page that place it among others and in time: its regions and codes,
whom it succeeded or who succeeded it, its statistical neighbours, its position in its region and
in England, and how long it has been since its last full inspection, judged inadequate or under
DfE intervention.

The facts come from ``standing`` and ``durations``; this module only puts them into words. Every
string from the data goes through ``markdown.text``, or ``raw_html.text`` in the table of neighbours.
"""

from __future__ import annotations

from generator.durations import (
    JUDGED_INADEQUATE,
    Days,
    Moment,
    Spell,
    inadequate_spells,
    intervention_spells,
    since_last_inspection,
)
from generator.model import Dataset, Event, Kind, Timeline
from generator.render import grades
from generator.render import markdown as md
from generator.render import raw_html as h
from generator.render.dates import when
from generator.render.paths import ENGLAND_PAGE, anchor, page_link, page_path, region_page, relative
from generator.standing import position, predecessors, standing_now, tallies, views
from generator.timeline import Standing, latest_full_inspection, overall_grade, possible_areas


def _link(from_timeline: Timeline, to_timeline: Timeline) -> str:
    """A link from one authority's page to another's."""
    return f"[{md.text(to_timeline.authority.name)}]({relative(page_path(from_timeline), page_path(to_timeline))})"


def _region_link(timeline: Timeline) -> str:
    region = timeline.authority.region
    return f"[{md.text(region.label)}]({relative(page_path(timeline), region_page(region))})"


def identity(timeline: Timeline, dataset: Dataset) -> str:
    """Type, ONS and Ofsted regions, codes past and present, other names, and predecessors."""
    authority = timeline.authority
    ofsted = md.text(authority.ofsted_region.label) if authority.ofsted_region else "not given in these sources"
    lines = [f"{md.text(authority.type.label)} · ONS region: {_region_link(timeline)} · Ofsted region: {ofsted}"]
    codes = [_code("ONS code", authority.ons_code, authority.former_ons_codes),
             _code("DfE code", authority.dfe_code, authority.former_dfe_codes),
             _code("Ofsted URN", authority.ofsted_urn, ())]
    if any(codes):
        lines.append(" · ".join(c for c in codes if c))
    if authority.aliases:
        lines.append("Also known as: " + md.text("; ".join(authority.aliases)))
    earlier = predecessors(dataset, authority.slug)
    if earlier:
        lines.append("Took over children's services from: " + "; ".join(
            f"{_link(timeline, t)} (abolished {t.authority.abolished.display()})" for t in earlier  # type: ignore[union-attr]
        ))
    return "  \n".join(lines)


def _code(name: str, code: str | None, former: tuple[str, ...]) -> str:
    text = f"{name} {code}" if code else ""
    if former:
        text += f" (formerly {', '.join(former)})" if code else f"Former {name}: {', '.join(former)}"
    return md.text(text)


def abolition(timeline: Timeline, dataset: Dataset) -> str | None:
    """For an abolished authority, the box that says so, with links to its successors."""
    authority = timeline.authority
    if authority.abolished is None:
        return None
    day = authority.abolished.display()
    successors = [dataset.timeline(slug) for slug in authority.successors]
    passed = ("its children's services passed to " + " and ".join(_link(timeline, t) for t in successors)
              if successors else "no successor is recorded in these data")
    return (f'!!! warning "Abolished on {day}"\n\n' + md.indent(
        f"{md.text(authority.name)} ceased to exist on {day}; {passed}. This page keeps its history. "
        "It has no current grade and counts in no current total."))


def position_text(timeline: Timeline, dataset: Dataset) -> str:
    """The authority's current grade in each judgement pages count by, against its region's and
    England's current authorities; the counts by grade are on the region's and England's pages."""
    authority = timeline.authority
    england_link = relative(page_path(timeline), ENGLAND_PAGE)
    lines = []
    for area in views(dataset):
        region, england = tallies(dataset, area)[authority.region], tallies(dataset, area)[None]
        found = standing_now(timeline, area, dataset)
        if not isinstance(found, Standing):
            lines.append(f"- **{md.text(area.label)}**: {grades.gap_words(found).lower()}, so it is not placed "
                         "against others.")
            continue
        here, everywhere = (position(found, group, dataset.frameworks) for group in (region, england))
        words = md.text(" or ".join(grades.label(g).lower() for g in here.band))
        joint = f" (from its judgement of {md.text(found.by.label.lower())})" if found.by else ""
        lines.append(f"- **{md.text(area.label)}**: {grades.badge(found.grade)}{joint}. In the {_region_link(timeline)} "
                     f"region, {here.matching} of {region.total} current authorities are graded {words}; in "
                     f"[England]({england_link}), {everywhere.matching} of {england.total}.")
    counted = (f"[the {md.text(authority.region.label)} region's page]"
               f"({relative(page_path(timeline), region_page(authority.region))}#grades) and "
               f"[England's]({england_link}#grades)")
    return "\n\n".join([
        "Each current authority's grade in each judgement is the one its latest full inspection in these data gave; "
        "an authority whose latest inspection made no such judgement, or whose grade no source here gives, is "
        f"counted apart. The counts by grade are on {counted}.",
        "\n".join(lines),
    ])


def neighbours(timeline: Timeline, dataset: Dataset) -> str | None:
    """The statistical neighbours, closest first, with their current grades in each judgement pages
    count by."""
    slugs = timeline.authority.neighbours
    if not slugs:
        return None
    areas = views(dataset)
    rows = []
    for number, slug in enumerate(slugs, 1):
        other = dataset.timeline(slug)
        inspected = latest_full_inspection(other.events)
        if other.authority.abolished:
            judged = [f"Abolished {other.authority.abolished.display()}"] * len(areas)
        else:
            judged = [grades.current_words(standing_now(other, area, dataset)) for area in areas]
        rows.append([str(number), h.link(other.authority.name, page_link(page_path(timeline), page_path(other))),
                     h.text(other.authority.region.label), *judged,
                     h.text(when(inspected)) if inspected else "None dated in these data"])
    # In HTML, as a Markdown table with a link in every row took MkDocs 2 ms a page.
    return "\n\n".join([
        f"{md.text(timeline.authority.name)}'s statistical neighbours, closest first, as the sources at the foot "
        "of this page list them, with each one's grades at its latest full inspection in these data.",
        h.table(["", "Authority", "Region", *(h.text(a.label) for a in areas), "Latest full inspection"], rows),
    ])


def days(count: Days) -> str:
    """``1,234 days (about 3.4 years)``, or ``between 1,200 and 1,230 days`` when dates are imprecise."""
    if not count.exact:
        return f"between {count.least:,} and {count.most:,} days"
    text = f"{count.least:,} day{'s' if count.least != 1 else ''}"
    return text + (f" (about {count.least / 365.25:.1f} years)" if count.least >= 365 else "")


def _counted_to(timeline: Timeline, dataset: Dataset) -> str:
    if timeline.authority.abolished:
        return f"{timeline.authority.abolished.display()}, when {md.text(timeline.authority.name)} was abolished"
    return f"{dataset.as_of.display()}, the date these data were compiled"


def since_text(timeline: Timeline, dataset: Dataset) -> str | None:
    """For a current authority, how long ago its last full inspection ended, and from and to which
    dates that is counted; None for an abolished one, or one with no full inspection at all."""
    if timeline.authority.abolished:
        return None
    since = since_last_inspection(timeline, dataset.as_of)
    if since is None:
        if any(e.kind is Kind.FULL_INSPECTION for e in timeline.events):
            return "No full inspection in these data is dated, so the time since the last one cannot be counted."
        return None
    return f"**Since it ended**: {days(since.days)}, from {_moment(since.start)} to {_counted_to(timeline, dataset)}."


def inspection(event: Event) -> str:
    """A link to a full inspection in words: "the full inspection of 4–15 March 2019", or, where only
    its report is dated, "the full inspection reported on 24 February 2012"."""
    target = f"#{anchor(event.id)}"
    if event.date is None and event.published is not None:
        return f"the full inspection [reported on {event.published.display()}]({target})"
    return f"the full inspection of [{md.text(when(event))}]({target})"


def _moment(moment: Moment) -> str:
    if moment.published:
        return f"the publication of its report on {moment.date.display()} (the inspection itself ended earlier)"
    return f"its end ({moment.date.display()})"


def time_under(timeline: Timeline, dataset: Dataset) -> str | None:
    """Each time judged inadequate and each period under DfE intervention, measured; None if none."""
    inadequate = inadequate_spells(timeline, dataset.as_of)
    intervention = intervention_spells(timeline, dataset.as_of)
    if not inadequate and not intervention:
        return None
    parts = []
    if inadequate:
        parts.append("**Judged inadequate overall**: from the end of a full inspection graded inadequate (or "
                     "its report's publication, where only that is dated) to the end of the next full "
                     "inspection not graded inadequate.\n\n"
                     + "\n".join(f"- {_spell(s, timeline, dataset)}" for s in inadequate))
    if intervention:
        parts.append("**Under DfE intervention**: improvement notices, statutory directions and children's "
                     "trusts, from the day each began to the day it ended, where a source gives both.\n\n"
                     + "\n".join(f"- {_spell(s, timeline, dataset)}" for s in intervention))
    return "\n\n".join(parts)


def _spell(spell: Spell, timeline: Timeline, dataset: Dataset) -> str:
    opened = spell.opened_by
    if spell.label == JUDGED_INADEQUATE:
        text = f"From {inspection(opened)}{_ended(spell.start)}"
        if spell.end_known and spell.closed_by:
            ungraded = ""
            if overall_grade(spell.closed_by) is None:
                made = dataset.frameworks.overall in possible_areas(spell.closed_by, dataset.frameworks)
                ungraded = (", whose overall grade these data do not give" if made
                            else ", which gave no overall grade")
            return f"{text} to {inspection(spell.closed_by)}{_ended(spell.end)}{ungraded}: {days(spell.days)}."
        return (f"{text}: no later full inspection is in these data, so it is counted to "
                f"{_counted_to(timeline, dataset)}: {days(spell.days)}.")
    text = f"{md.text(spell.label)}: from [{md.text(when(opened))}](#{anchor(opened.id)})"
    if spell.closed_by and spell.end_known:
        closed = f"[{md.text(when(spell.closed_by))}](#{anchor(spell.closed_by.id)})"
        return f"{text} to {closed}: {days(spell.days)}."
    if spell.closed_by:
        return (f"{text} to [its end](#{anchor(spell.closed_by.id)}), which no source in these data dates, so how "
                "long it lasted is not known.")
    return f"{text}; no source in these data gives its end, so how long it lasted is not known."


def _ended(moment: Moment) -> str:
    """When an inspection's judgement is counted from, where the link's words do not say it."""
    return "" if moment.published else f" (ended {moment.date.display()})"
