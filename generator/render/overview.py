"""The national page and the region pages: current grades by region, how grades moved, the latest
inspections, intervention with no recorded end, and every authority in a table a reader can sort and filter.

One function writes both kinds of page for a scope (all of England, or one region), so that a
region page shows the national page's views for its own authorities. The facts come from
``standing``; abolished authorities are listed apart and count in no current total. Every string
from the data goes through ``markdown.text``.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import Dataset, Event, Grade, JudgementArea, Kind, Region, Timeline
from generator.render import grades
from generator.render import markdown as md
from generator.render.currency import data_box
from generator.render.dates import when
from generator.render.grade_chart import Segment, segments
from generator.render.paths import (
    ENGLAND_FEED,
    ENGLAND_PAGE,
    GRADES_DARK_SVG,
    GRADES_LIGHT_SVG,
    GRADES_SPEC_JSON,
    anchor,
    kind_feed,
    page_path,
    region_page,
    relative,
)
from generator.render.provenance import SCRAPE_NOTE, is_scraped
from generator.render.sortable import category, date, sortable
from generator.standing import (
    Movement,
    Tally,
    crosstab,
    current,
    former,
    interventions_without_end,
    movements,
    recently_inspected,
    tallies,
)
from generator.timeline import (
    OLD_AFTER_YEARS,
    latest_full_inspection,
    latest_judgement,
    open_interventions,
    placed_on,
)

ENGLAND = "England"
#: How many of the latest inspections each page lists.
RECENT_ENGLAND, RECENT_REGION = 12, 6
#: Today's four grades always have a column; the old scale's and "no grade" only when counted.
_ALWAYS = (Grade.OUTSTANDING, Grade.GOOD, Grade.REQUIRES_IMPROVEMENT, Grade.INADEQUATE)


def page_of(region: Region | None) -> str:
    """The page of a scope: the national page, or a region's."""
    return ENGLAND_PAGE if region is None else region_page(region)


@dataclass(frozen=True)
class _Scope:
    """What one overview page covers: all of England (``region`` None) or one region."""

    dataset: Dataset
    region: Region | None

    @property
    def path(self) -> str:
        return page_of(self.region)

    @property
    def name(self) -> str:
        return ENGLAND if self.region is None else f"the {self.region.label} region"

    @property
    def timelines(self) -> list[Timeline]:
        return [t for t in self.dataset.timelines if self.region in (None, t.authority.region)]

    def link(self, timeline: Timeline, event: Event | None = None) -> str:
        """A link to an authority's page by its name, or to one of its events by the event's date."""
        target = relative(self.path, page_path(timeline)) + (f"#{anchor(event.id)}" if event else "")
        return f"[{md.text(timeline.authority.name if event is None else when(event))}]({target})"

    def table(self, header: list[str], rows: list[tuple[Timeline, list[str]]]) -> str:
        """A table whose rows each start with an authority; the national page adds its region."""
        if self.region is not None:
            return md.table(header, [[self.link(t), *cells] for t, cells in rows])
        return md.table([header[0], "Region", *header[1:]],
                        [[self.link(t), md.text(t.authority.region.label), *cells] for t, cells in rows])


def chart_groups(dataset: Dataset, region: Region | None) -> list[tuple[str, Tally]]:
    """The bars of a scope's grade chart: every region then England, or the region then England."""
    regions = list(Region) if region is None else [region]
    return [(r.label, tallies(dataset)[r]) for r in regions] + [(ENGLAND, tallies(dataset)[None])]


def chart_segments(dataset: Dataset, region: Region | None) -> list[Segment]:
    """The segments of a scope's grade chart, from the same counts as its table."""
    return segments(chart_groups(dataset, region))


def overview_page(dataset: Dataset, region: Region | None) -> str:
    """The national page (``region`` None) or a region's page."""
    scope = _Scope(dataset, region)
    now, gone = current(scope.timelines), former(scope.timelines)
    if region is None:
        front = md.front_matter("All authorities in England", "Every English local authority's latest Ofsted "
                                "grade, by region, with how grades moved, the latest inspections and DfE intervention.")
        heading = "# All authorities in England"
        links = " · ".join(f"[{r.label}]({relative(scope.path, region_page(r))})" for r in Region)
        intro = f"{len(now)} current authorities in these data. Each region has a page of its own: {links}."
    else:
        front = md.front_matter(region.label, f"The latest Ofsted grades of the local authorities in the "
                                f"{region.label} region, with how grades moved, the latest inspections and DfE intervention.")
        heading = f"# {region.label}"
        intro = (f"{len(now)} current authorities of the {region.label} region (ONS) in these data. "
                 f"[All authorities in England]({relative(scope.path, ENGLAND_PAGE)}) are on the national page.")
    if gone:
        intro += " Former authorities are listed [at the end](#former)."
    if region is None:
        feeds = ", ".join(f"[{md.text(k.label)}]({relative(scope.path, kind_feed(k))})" for k in Kind)
        intro += (f" Follow new events in a feed reader: [all of England]({relative(scope.path, ENGLAND_FEED)}), "
                  f"or one kind of event: {feeds}. Each authority's page has its own feed.")
    parts = [front, heading, intro, data_box(dataset),
             "## Grades now {#grades}", _grades(scope, now),
             "## How grades moved {#movement}", _movement(scope, now),
             "## Inspected most recently {#recent}", _recent(scope, now),
             "## DfE intervention with no recorded end {#intervention}", _intervention(scope, now),
             "## Every authority {#all}", _all(scope, now)]
    if gone:
        parts += ["## Former authorities {#former}", _former(scope, gone)]
    return "\n\n".join(parts) + "\n"


# ---------------------------------------------------------------------------------------------
# Grades now


def grade_table(rows: list[tuple[str, Tally]]) -> str:
    """Each group's current authorities counted by grade; ``rows`` name groups in Markdown."""
    shown = [g for g in [*Grade, None] if g in _ALWAYS or any(t.counts[g] for _, t in rows)]
    header = ["", *[grades.label(g) if g else grades.NO_GRADE for g in shown], "Current authorities"]
    return md.table(header, [[label, *[str(t.counts[g]) for g in shown], str(t.total)] for label, t in rows])


def _grades(scope: _Scope, now: list[Timeline]) -> str:
    dataset, region = scope.dataset, scope.region
    groups = chart_groups(dataset, region)
    parts = ["Each current authority counted by its latest overall grade in these data: the overall "
             "effectiveness judgement of its latest full inspection that gave one."]
    judged = [(t, j) for t in now if (j := latest_judgement(t.events, dataset.as_of))]
    latest = [j for _, j in judged]
    old = sum(1 for j in latest if j.old)
    if old:
        parts[0] += (f" {old} of the {len(latest)} grades in this count were made more than {OLD_AFTER_YEARS} "
                     f"years before {dataset.as_of.display()}.")
    since = sum(1 for t, j in judged if j.dated and j.event is not latest_full_inspection(t.events))
    if since:
        parts[0] += (f" {since} of these authorities {'has' if since == 1 else 'have'} had a later full inspection "
                     f"with no overall grade in these data ({grades.NO_OVERALL_SINCE}); the table of "
                     "[every authority](#all) shows both.")
    if any(j.grade is Grade.ADEQUATE for j in latest):
        parts.append("*Adequate (old scale)* is the third grade of the 2009 to 2013 frameworks, not a grade of "
                     "today's scale; it is counted apart.")
    drawn = bool(segments(groups))
    if drawn:
        alt = md.text("Bar chart of the share of current authorities holding each latest overall grade, for "
                      + ("each region" if region is None else scope.name) + " and for England. The table below "
                      "gives the numbers.")
        parts.append(f"![{alt}]({GRADES_LIGHT_SVG}#only-light){{ .it-chart }}\n"
                     f"![{alt}]({GRADES_DARK_SVG}#only-dark){{ .it-chart }}")
    links = [relative(scope.path, region_page(r)) for r in Region] if region is None else [None]
    rows = [(f"[{label}]({link})" if link else label, t) for (label, t), link in zip(groups, [*links, None])]
    own_label, own = groups[-1] if region is None else groups[0]
    parts += [grade_table(rows), _tally_sentence(own_label, own) if own.total
              else "No current authority here is in these data."]
    if drawn:
        parts.append(f"The chart as data for reuse: [Vega-Lite specification]({GRADES_SPEC_JSON}) (JSON).")
    return "\n\n".join(parts)


def _tally_sentence(label: str, group: Tally) -> str:
    counted = [f"{n} {(grades.label(g) if g else 'with no overall grade in these data').lower()}"
               for g, n in group.counts.items() if n]
    return f"{md.text(label)}: {', '.join(counted)}, of {group.total} current authorities."


# ---------------------------------------------------------------------------------------------
# Movement, recent inspections, intervention


def _change(move: Movement) -> str:
    if move.change == 0:
        return "Same grade" if move.before_grade is move.after_grade else "Same place on each scale"
    places = abs(move.change)
    return f"{'Up' if move.change > 0 else 'Down'} {places} grade{'s' if places > 1 else ''}"


def _movement(scope: _Scope, now: list[Timeline]) -> str:
    moves = movements(now)
    if not moves:
        return "No current authority here has two dated full inspections with an overall grade in these data."
    up, down = sum(1 for m in moves if m.change > 0), sum(1 for m in moves if m.change < 0)
    parts = [f"Between each current authority's last two full inspections that gave an overall grade: "
             f"{len(moves)} of {len(now)} authorities have two in these data. {up} moved up, {down} moved "
             f"down and {len(moves) - up - down} stayed at the same grade."]
    counts = crosstab(moves)
    used = [g for g in Grade if any(g in pair for pair in counts)]
    if Grade.ADEQUATE in used:
        parts.append("Moving between *adequate (old scale)* and *requires improvement to be good* counts as "
                     "staying in the same place: each is the third grade of its scale.")
    rows = [[f"From {grades.label(before)}", *[str(counts[(before, after)]) for after in used],
             str(sum(counts[(before, after)] for after in used))] for before in used]
    parts.append(md.table(["Earlier grade ↓, later grade →", *[grades.label(g) for g in used], "Authorities"], rows))
    listed = scope.table(["Authority", "Earlier", "Later", "Change"], [
        (m.timeline, [f"{grades.badge(m.before_grade)} {scope.link(m.timeline, m.before)}",
                      f"{grades.badge(m.after_grade)} {scope.link(m.timeline, m.after)}", _change(m)]) for m in moves])
    parts.append('??? info "Each authority\'s last two grades"\n\n' + md.indent(listed))
    return "\n\n".join(parts)


def _recent(scope: _Scope, now: list[Timeline]) -> str:
    recent = recently_inspected(now, RECENT_ENGLAND if scope.region is None else RECENT_REGION)
    if not recent:
        return "No current authority here has a dated full inspection in these data."
    rows = []
    for timeline, event in recent:
        grade = grades.judgement_cell(event, JudgementArea.OVERALL_EFFECTIVENESS)
        if is_scraped(event):
            grade += "<br>*community scrape, not yet official*"
        framework = md.text(event.framework.label if event.framework else "Not stated")
        rows.append((timeline, [scope.link(timeline, event), framework, grade]))
    parts = [f"The {len(recent)} current authorities whose latest full inspection in these data is newest.",
             scope.table(["Authority", "Full inspection", "Framework", "Overall effectiveness"], rows)]
    if any(is_scraped(e) for _, e in recent):
        parts.append(f"*Community scrape, not yet official*: {SCRAPE_NOTE}")
    return "\n\n".join(parts)


def _intervention(scope: _Scope, now: list[Timeline]) -> str:
    in_force = interventions_without_end(now)
    intro = ("Improvement notices, statutory directions and children's trusts that began and that no source in "
             "these data says have ended. The sources list few lifting dates, so one may have ended without a "
             "record here: the latest grade beside each helps to judge.")
    if not in_force:
        return intro + f"\n\nNone in {scope.name}, as far as these data show."
    rows = []
    for timeline, period in in_force:
        latest = latest_judgement(timeline.events, scope.dataset.as_of)
        grade = f"{grades.badge(latest.grade)} {scope.link(timeline, latest.event)}" if latest else grades.NO_GRADE
        rows.append((timeline, [md.text(period.label), scope.link(timeline, period.opened_by), grade]))
    return "\n\n".join([intro, scope.table(["Authority", "Intervention", "Began", "Latest overall grade"], rows)])


# ---------------------------------------------------------------------------------------------
# Every authority, and former ones


def _all(scope: _Scope, now: list[Timeline]) -> str:
    """The table to sort and filter: region and grade cells carry their order, dates their day."""
    if not now:
        return "No current authority here is in these data."
    regions = list(Region)
    rows = []
    for timeline in now:
        authority = timeline.authority
        name = scope.link(timeline)
        if authority.aliases:
            name += " <br>also: " + md.text("; ".join(authority.aliases))
        latest = latest_judgement(timeline.events, scope.dataset.as_of)
        newest = latest_full_inspection(timeline.events)
        grade = grades.sortable_grade(latest.grade if latest else None)
        if latest and newest and latest.event is not newest:
            grade += f" from {scope.link(timeline, latest.event)}"
        inspected = date(placed_on(newest), scope.link(timeline, newest)) if newest else "None dated in these data"
        interventions = "; ".join(f"{p.label} from {when(p.opened_by)}" for p in open_interventions(timeline.events))
        region = [category(regions.index(authority.region), md.text(authority.region.label))] if scope.region is None else []
        rows.append([name, *region, grade, inspected, md.text(interventions) or "None in these data"])
    header = ["Authority", *(["Region"] if scope.region is None else []), "Latest overall grade",
              "Latest full inspection", "DfE intervention, no recorded end"]
    return "\n\n".join([
        "Every current authority, with its latest overall grade, its latest full inspection (which may have "
        "given no overall grade) and any DfE intervention that no source says has ended. With JavaScript on, select a column's "
        "heading to sort the table by it, and use the boxes above the table to filter it.",
        sortable(md.table(header, rows)),
    ])


def _former(scope: _Scope, gone: list[Timeline]) -> str:
    rows = []
    for timeline in gone:
        authority = timeline.authority
        assert authority.abolished is not None, "former authorities are the abolished ones"
        latest = latest_judgement(timeline.events, scope.dataset.as_of)
        successors = " and ".join(scope.link(scope.dataset.timeline(s)) for s in authority.successors)
        rows.append((timeline, [authority.abolished.display(), successors or "None recorded in these data",
                                f"{grades.badge(latest.grade)} {scope.link(timeline, latest.event)}" if latest
                                else grades.NO_GRADE]))
    return "\n\n".join(["Authorities that no longer exist. Their pages keep their history; they count in no "
                        "current total.", scope.table(["Authority", "Abolished", "Services passed to",
                                                       "Last overall grade"], rows)])
