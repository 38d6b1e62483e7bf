"""The national page and the region pages: current grades by region in each judgement, how grades
moved, the latest inspections, intervention with no recorded end, and every authority in a table a
reader can sort and filter.

One function writes both kinds of page for a scope (all of England, or one region), so that a
region page shows the national page's views for its own authorities. The facts come from
``standing``; abolished authorities are listed apart and count in no current total. Every string
from the data goes through ``markdown.text``.
"""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import Dataset, Event, Frameworks, JudgementArea, Kind, Region, Timeline
from generator.render import grades
from generator.render import markdown as md
from generator.render import raw_html as h
from generator.render.currency import data_box
from generator.render.dates import when
from generator.render.grade_chart import Bar, Segment, segments
from generator.render.paths import (
    ENGLAND_FEED,
    ENGLAND_PAGE,
    GRADES_DARK_SVG,
    GRADES_LIGHT_SVG,
    GRADES_SPEC_JSON,
    anchor,
    kind_feed,
    page_link,
    page_path,
    region_page,
    relative,
)
from generator.render.provenance import SCRAPE_NOTE, is_scraped
from generator.render.sortable import category, date, sortable
from generator.render.summary import short_summary
from generator.standing import (
    NOT_JUDGED,
    Counted,
    Movement,
    Tally,
    crosstab,
    current,
    former,
    interventions_without_end,
    movements,
    recently_inspected,
    standing_now,
    tallies,
    views,
)
from generator.timeline import (
    OLD_AFTER_YEARS,
    Standing,
    latest_full_inspection,
    open_interventions,
    placed_on,
    possible_areas,
)

ENGLAND = "England"
#: How many of the latest inspections each page lists.
RECENT_ENGLAND, RECENT_REGION = 12, 6


def page_of(region: Region | None) -> str:
    """The page of a scope: the national page, or a region's."""
    return ENGLAND_PAGE if region is None else region_page(region)


@dataclass(frozen=True)
class _Scope:
    """What one overview page covers: all of England (``region`` None) or one region."""

    dataset: Dataset
    region: Region | None
    chart_size: md.Size | None = None

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
        return md.link(_link_label(timeline, event), relative(self.path, page_path(timeline)) + _fragment(event))

    def html_link(self, timeline: Timeline, event: Event | None = None) -> str:
        """The same link, in HTML."""
        return h.link(_link_label(timeline, event), page_link(self.path, page_path(timeline)) + _fragment(event))

    def table(self, header: list[str], rows: list[tuple[Timeline, list[str]]]) -> str:
        """A table whose rows each start with an authority; the national page adds its region."""
        if self.region is not None:
            return md.table(header, [[self.link(t), *cells] for t, cells in rows])
        return md.table([header[0], "Region", *header[1:]],
                        [[self.link(t), md.text(t.authority.region.label), *cells] for t, cells in rows])


def _link_label(timeline: Timeline, event: Event | None) -> str:
    return timeline.authority.name if event is None else when(event)


def _fragment(event: Event | None) -> str:
    return f"#{anchor(event.id)}" if event else ""


def chart_bars(dataset: Dataset, region: Region | None) -> list[Bar]:
    """The bars of a scope's grade chart: each judgement counted for England, or for the region and
    then England."""
    groups = [ENGLAND] if region is None else [region.label, ENGLAND]
    return [Bar(area.label, group, tallies(dataset, area)[region if group != ENGLAND else None])
            for area in views(dataset) for group in groups]


def chart_segments(dataset: Dataset, region: Region | None) -> list[Segment]:
    """The segments of a scope's grade chart, from the same counts as its tables."""
    return segments(chart_bars(dataset, region))


def overview_page(dataset: Dataset, region: Region | None, chart_size: md.Size | None = None) -> str:
    """The national page (``region`` None) or a region's page; ``chart_size`` is its grade chart's,
    where it is drawn."""
    scope = _Scope(dataset, region, chart_size)
    now, gone = current(scope.timelines), former(scope.timelines)
    if region is None:
        front = md.front_matter("All authorities in England", "Every English local authority's latest Ofsted "
                                "grades, by region, with how grades moved, the latest inspections and DfE intervention.")
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


def counted_words(key: Counted) -> str:
    """A column of a count, in words (Markdown): a grade's, or why an authority has none."""
    return md.text(grades.counted_words(key))


def grade_table(rows: list[tuple[str, Tally]], dataset: Dataset) -> str:
    """Each group's current authorities counted by grade; ``rows`` name groups in Markdown. A column
    is shown for each grade of the scale inspections are made on now, and for any other grade or
    lack of one that is counted."""
    newest = dataset.frameworks.newest(dataset.as_of)
    always = set(newest.scale.grades) if newest and newest.scale else set()
    shown = [key for key in rows[0][1].counts if key in always or any(t.counts[key] for _, t in rows)]
    header = ["", *[counted_words(key) for key in shown], "Current authorities"]
    return md.table(header, [[label, *[str(t.counts[key]) for key in shown], str(t.total)] for label, t in rows])


def area_anchor(area: JudgementArea) -> str:
    """The anchor of a judgement's part of a section: ``grades-help-and-protection``."""
    return area.value.replace("_", "-")


def _grades(scope: _Scope, now: list[Timeline]) -> str:
    dataset, region = scope.dataset, scope.region
    parts = ["Each current authority is counted by the grades of its latest full inspection in these data, "
             "judgement by judgement. An authority whose latest inspection made no such judgement (ILACS inspections "
             "from April 2026 give no overall grade), or whose grade no source here gives, is counted apart: an "
             "earlier grade is history once a later inspection has been made."]
    drawn = bool(chart_segments(dataset, region))
    if drawn:
        alt = md.text("Bar chart of the share of current authorities holding each grade, judgement by judgement, "
                      + ("in England" if region is None else f"in {scope.name} and in England")
                      + ". The tables below give the numbers.")
        parts.append(md.drawing(alt, GRADES_LIGHT_SVG, GRADES_DARK_SVG, "it-chart", scope.chart_size))
        parts.append(f"The chart as data for reuse: [Vega-Lite specification]({GRADES_SPEC_JSON}) (JSON).")
    regions = list(Region) if region is None else [region]
    for area in views(dataset):
        counts = tallies(dataset, area)
        rows = [(f"[{r.label}]({relative(scope.path, region_page(r))})" if region is None else r.label, counts[r])
                for r in regions] + [(ENGLAND, counts[None])]
        own_label, own = (ENGLAND, counts[None]) if region is None else (region.label, counts[region])
        section = [f"### {md.text(area.label)} {{#grades-{area_anchor(area)}}}", _coverage(area, own, now, scope),
                   grade_table(rows, dataset)]
        section.append(_tally_sentence(own_label, own) if own.total else "No current authority here is in these data.")
        parts.append("\n\n".join(filter(None, section)))
    return "\n\n".join(parts)


def _coverage(area: JudgementArea, own: Tally, now: list[Timeline], scope: _Scope) -> str:
    """Whom a judgement's count leaves out, said plainly; and how old its grades are."""
    sentences = []
    if own.counts[NOT_JUDGED]:
        count = own.counts[NOT_JUDGED]
        sentences.append(f"This count no longer covers {count} of the {own.total} current authorities of "
                         f"{scope.name}: their latest full inspection made no {md.text(area.label.lower())} judgement.")
    found = [f for t in now if isinstance(f := standing_now(t, area, scope.dataset), Standing)]
    old = sum(1 for f in found if f.old)
    if old:
        sentences.append(f"{old} of the {len(found)} grades in this count were made more than {OLD_AFTER_YEARS} "
                         f"years before {scope.dataset.as_of.display()}.")
    return " ".join(sentences)


def _tally_sentence(label: str, group: Tally) -> str:
    counted = [f"{n} {counted_words(key).lower()}" for key, n in group.counts.items() if n]
    return f"{md.text(label)}: {', '.join(counted)}, of {group.total} current authorities."


# ---------------------------------------------------------------------------------------------
# Movement, recent inspections, intervention


def _change(move: Movement) -> str:
    if move.change is None:
        return "On another scale"
    if move.change == 0:
        return "Same grade" if move.before_grade == move.after_grade else "Same place on each scale"
    places = abs(move.change)
    return f"{'Up' if move.change > 0 else 'Down'} {places} grade{'s' if places > 1 else ''}"


def _movement(scope: _Scope, now: list[Timeline]) -> str:
    dataset = scope.dataset
    parts = ["For each judgement, between the grade of each current authority's latest full inspection and the "
             "grade the inspection before it gave there; an authority whose latest inspection made no such "
             "judgement has no movement in it."]
    listed: dict[str, list[str]] = {t.authority.slug: [] for t in now}
    same_place: set[tuple[str, str]] = set()
    areas = views(dataset)
    for area in areas:
        moves = movements(now, area, dataset)
        by_authority = {m.timeline.authority.slug: m for m in moves}
        for slug, cells in listed.items():
            move = by_authority.get(slug)
            cells.append(f"{md.text(grades.label(move.before_grade))} → {md.text(grades.label(move.after_grade))} "
                         f"({_change(move).lower()})" if move else "")
        same_place |= {(grades.label(m.before_grade), grades.label(m.after_grade)) for m in moves
                       if m.change == 0 and m.before_grade != m.after_grade}
        heading = f"### {md.text(area.label)} {{#movement-{area_anchor(area)}}}"
        if not moves:
            parts += [heading, "No current authority here has two dated full inspections with a grade in it."]
            continue
        up, down = sum(1 for m in moves if (m.change or 0) > 0), sum(1 for m in moves if (m.change or 0) < 0)
        same = sum(1 for m in moves if m.change == 0)
        across = len(moves) - up - down - same
        counts = crosstab(moves)
        used = sorted({g for pair in counts for g in pair}, key=lambda g: g.order)
        rows = [[f"From {md.text(grades.label(before))}", *[str(counts[(before, after)]) for after in used],
                 str(sum(counts[(before, after)] for after in used))] for before in used]
        parts += [heading, f"{len(moves)} of {len(now)} authorities have two grades in it. {up} moved up, {down} moved "
                           f"down and {same} stayed at the same grade"
                           + (f"; {across} moved between scales of different lengths." if across else "."),
                  md.table(["Earlier grade ↓, later grade →", *[md.text(grades.label(g)) for g in used],
                            "Authorities"], rows)]
    if same_place:
        pairs = "; ".join(f"{md.text(a)} and {md.text(b)}" for a, b in sorted(same_place))
        parts.append(f"Moving between grades at the same place on scales of the same length ({pairs}) counts as "
                     "staying at the same grade.")
    moved = [(t, listed[t.authority.slug]) for t in now if any(listed[t.authority.slug])]
    if moved:
        table = scope.table(["Authority", *(md.text(a.label) for a in areas)], moved)
        parts.append('??? info "Each authority\'s movement"\n\n' + md.indent(table))
    return "\n\n".join(parts)


def judgement_list(event: Event, frameworks: Frameworks) -> str:
    """Every judgement an inspection may have made, each with its grade as a badge or why there is none."""
    return "<br>".join(f"{md.text(area.label)}: {grades.judgement_cell(event, area, frameworks)}"
                       for area in possible_areas(event, frameworks)) or "No graded judgements under this framework"


def _recent(scope: _Scope, now: list[Timeline]) -> str:
    recent = recently_inspected(now, RECENT_ENGLAND if scope.region is None else RECENT_REGION)
    if not recent:
        return "No current authority here has a dated full inspection in these data."
    rows = []
    for timeline, event in recent:
        judgements = judgement_list(event, scope.dataset.frameworks)
        if is_scraped(event):
            judgements += "<br>*community scrape, not yet official*"
        rows.append((timeline, [scope.link(timeline, event), md.text(grades.framework_words(event)), judgements]))
    parts = [f"The {len(recent)} current authorities whose latest full inspection in these data is newest.",
             scope.table(["Authority", "Full inspection", "Framework", "Judgements"], rows)]
    if any(is_scraped(e) for _, e in recent):
        parts.append(f"*Community scrape, not yet official*: {SCRAPE_NOTE}")
    return "\n\n".join(parts)


def _intervention(scope: _Scope, now: list[Timeline]) -> str:
    in_force = interventions_without_end(now)
    intro = ("Improvement notices, statutory directions and children's trusts that began and that no source in "
             "these data says have ended. The sources list few lifting dates, so one may have ended without a "
             "record here: the latest full inspection beside each helps to judge.")
    if not in_force:
        return intro + f"\n\nNone in {scope.name}, as far as these data show."
    rows = []
    for timeline, period in in_force:
        latest = latest_full_inspection(timeline.events)
        inspected = (f"{scope.link(timeline, latest)}<br>{judgement_list(latest, scope.dataset.frameworks)}"
                     if latest else "None dated in these data")
        rows.append((timeline, [md.text(period.label), scope.link(timeline, period.opened_by), inspected]))
    return "\n\n".join([intro, scope.table(["Authority", "Intervention", "Began", "Latest full inspection"], rows)])


# ---------------------------------------------------------------------------------------------
# Every authority, and former ones


def _all(scope: _Scope, now: list[Timeline]) -> str:
    """The table to sort and filter: region and grade cells carry their order, dates their day."""
    if not now:
        return "No current authority here is in these data."
    dataset = scope.dataset
    areas, regions = views(dataset), list(Region)
    rows = []
    for timeline in now:
        authority = timeline.authority
        name = scope.html_link(timeline)
        if authority.aliases:
            name += " <br>also: " + h.text("; ".join(authority.aliases))
        glance = short_summary(timeline, dataset, scope.path)
        if glance:
            name += f'<br><span class="it-glance">{glance}</span>'
        newest = latest_full_inspection(timeline.events)
        judged = [grades.sortable(standing_now(timeline, area, dataset), dataset.frameworks) for area in areas]
        inspected = date(placed_on(newest), scope.html_link(timeline, newest)) if newest else "None dated in these data"
        interventions = "; ".join(f"{p.label} from {when(p.opened_by)}" for p in open_interventions(timeline.events))
        region = ([category(regions.index(authority.region), h.text(authority.region.label))]
                  if scope.region is None else [])
        rows.append([name, *region, *judged, inspected, h.text(interventions) or "None in these data"])
    header = ["Authority", *(["Region"] if scope.region is None else []), *(h.text(a.label) for a in areas),
              "Latest full inspection", "DfE intervention, no recorded end"]
    return "\n\n".join([
        "Every current authority, with the grades of its latest full inspection, judgement by judgement (or why it "
        "has none), its date and any DfE intervention that no source says has ended. Under each name: the days since "
        "that inspection ended, the visits since, and the estimated window of the next. With JavaScript on, select a "
        "column's heading to sort the table by it, and use the boxes above the table to filter it.",
        sortable(header, rows),
    ])


def _former(scope: _Scope, gone: list[Timeline]) -> str:
    rows = []
    for timeline in gone:
        authority = timeline.authority
        assert authority.abolished is not None, "former authorities are the abolished ones"
        last = latest_full_inspection(timeline.events)
        successors = " and ".join(scope.link(scope.dataset.timeline(s)) for s in authority.successors)
        inspected = (f"{scope.link(timeline, last)}<br>{judgement_list(last, scope.dataset.frameworks)}" if last
                     else "None dated in these data")
        rows.append((timeline, [authority.abolished.display(), successors or "None recorded in these data", inspected]))
    return "\n\n".join(["Authorities that no longer exist. Their pages keep their history; they count in no "
                        "current total.", scope.table(["Authority", "Abolished", "Services passed to",
                                                       "Last full inspection"], rows)])
