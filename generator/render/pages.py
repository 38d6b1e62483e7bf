"""Markdown for the authority pages: pure functions of the model.

Every string from the data goes through ``markdown.text`` or ``markdown.link``, or, in the
blocks written as HTML (the bodies of events, and the tables of the chart's data and of full
inspections: see ``raw_html``), through ``raw_html.text`` or ``raw_html.link``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from generator.model import Dataset, Event, Kind, Person, Role, Source, SourceType, Timeline
from generator.render import context, grades
from generator.render import markdown as md
from generator.render import raw_html as h
from generator.render.charts import END_NOT_KNOWN, GRADE_PANEL, NO_LATER, NONE_SINCE, Change, Row, framework_changes
from generator.render.currency import data_box
from generator.render.dates import when
from generator.render.paths import (
    DARK_SVG,
    DOWNLOADS_PAGE,
    LIGHT_SVG,
    PREVIEW_PNG,
    SPEC_JSON,
    anchor,
    authority_feed,
    chart_path,
    download_path,
    page_path,
    relative,
)
from generator.render.provenance import SCRAPE_NOTE, is_scraped, origin_note
from generator.render.summary import summary
from generator.render.trust import trust_sections
from generator.site_config import SiteSettings
from generator.standing import standing_now
from generator.timeline import (
    OLD_AFTER_YEARS,
    Gap,
    Standing,
    full_inspections,
    is_old,
    judgements_in_order,
    last_given,
    latest_full_inspection,
    latest_source_date,
    newest_first,
    possible_areas,
    undated,
)


def _chart_link(timeline: Timeline, name: str) -> str:
    """The chart file's address relative to the page that shows it."""
    return relative(page_path(timeline), chart_path(timeline, name))


# ---------------------------------------------------------------------------------------------
# Authority page


def authority_page(timeline: Timeline, dataset: Dataset, rows: list[Row], settings: SiteSettings,
                   chart_size: md.Size | None = None) -> str:
    """The whole page for one authority; ``settings`` give the addresses of its data file, its
    citation and the correction form, and ``chart_size`` its chart's, where it is drawn."""
    authority = timeline.authority
    abolished = authority.abolished is not None
    parts = [
        md.front_matter(authority.name, f"Ofsted inspections, visits and DfE intervention for "
                                        f"{authority.name}'s children's services, with their sources.",
                        feed=authority_feed(timeline), image=chart_path(timeline, PREVIEW_PNG) if rows else None),
        f"# {md.text(authority.name)}",
        *filter(None, [context.abolition(timeline, dataset)]),
        context.identity(timeline, dataset),
        "## Last full inspection {#latest}" if abolished else "## Where it stands {#latest}",
        _latest(timeline, dataset),
        data_box(dataset, folded=True),
    ]
    if not abolished:
        parts += ["## Against its region and England {#standing}", context.position_text(timeline, dataset)]
    neighbours = context.neighbours(timeline, dataset)
    if neighbours:
        parts += ["## Statistical neighbours {#neighbours data-search-exclude}", neighbours]
    time_under = context.time_under(timeline, dataset)
    if time_under:
        parts += ["## Time judged inadequate or under intervention {#time-under}", time_under]
    parts += [
        "## Timeline {#timeline data-search-exclude}",
        _chart(timeline, rows, framework_changes(timeline), chart_size),
        "## Full inspections {#full-inspections data-search-exclude}",
        _inspections_table(timeline, dataset),
    ]
    dated = newest_first(timeline.events)
    if dated:
        parts += ["## Events, newest first {#events}", *[_event(e, timeline) for e in dated]]
    no_date = undated(timeline.events)
    if no_date:
        parts += ["## Events without a date {#undated}",
                  "No source in these data dates these events, so they are not on the chart."]
        parts += [_event(e, timeline) for e in no_date]
    parts += ["## About these data {#about-data data-search-exclude}", _about_data(timeline, dataset, settings.data_file_url(timeline.file)),
              trust_sections(timeline, dataset, settings)]
    return "\n\n".join(parts) + "\n"


def _latest(timeline: Timeline, dataset: Dataset) -> str:
    """For a current authority, the summary (``summary``): its latest full inspection with every
    judgement it may have made, where it gave no overall grade why and the last overall grade as
    history, and what is open, has happened since and may come next; for an abolished one, its last
    inspection. Then the notes a reader needs to weigh it: its age, or a missing date."""
    newest = latest_full_inspection(timeline.events)
    current = timeline.authority.abolished is None
    about: list[str] = []
    notes = []
    if newest is not None:
        about += [_judgements(newest, dataset), *filter(None, [_overall_history(timeline, dataset)])]
        if is_scraped(newest):
            about.append(f"*{SCRAPE_NOTE}*")
        if current and is_old(newest, dataset.as_of):
            notes.append(
                f'!!! note "Inspected more than {OLD_AFTER_YEARS} years ago"\n\n' + md.indent(md.text(
                    f"This inspection was made more than {OLD_AFTER_YEARS} years before "
                    f"{dataset.as_of.display()}, when these data were compiled. A later inspection "
                    "may not be in these data yet.")))
    else:
        overall = dataset.frameworks.overall
        found = standing_now(timeline, overall, dataset) if overall else None
        if isinstance(found, Standing):
            about.append(f"{grades.badge(found.grade)} Overall effectiveness at a [full inspection](#{anchor(found.event.id)}) "
                         f"that no source in these data dates ({md.text(grades.framework_words(found.event))}).")
            notes.append('!!! note "Date not known"\n\n' + md.indent(md.text(
                "No source in these data dates this inspection, so how recent it is cannot be said.")))
    if current:
        return "\n\n".join([summary(timeline, dataset, about), *notes])
    said = (f"{context.inspection(newest)[0].upper()}{context.inspection(newest)[1:]}: "
            f"{md.text(grades.framework_words(newest))}." if newest else "No dated full inspection is recorded in these data.")
    return "\n\n".join([said, *about, *notes])


def _judgements(event: Event, dataset: Dataset) -> str:
    """Every judgement the inspection may have made, with its grade or why it has none."""
    areas = possible_areas(event, dataset.frameworks)
    if not areas:
        return "Its framework makes no graded judgements."
    return "\n".join(f"- {md.text(area.label)}: {grades.judgement_cell(event, area, dataset.frameworks)}"
                     for area in areas)


def _overall_history(timeline: Timeline, dataset: Dataset) -> str | None:
    """Where the latest inspection gave no overall grade: why, and the last overall grade as history,
    dated and said to be from an earlier inspection, never as the current grade."""
    overall = dataset.frameworks.overall
    if overall is None:
        return None
    found = standing_now(timeline, overall, dataset)
    if not isinstance(found, Gap) or found.latest is None:
        return None
    sentences = [f"It gave no overall effectiveness grade: {md.text(grades.why_not_judged(found))}."]
    earlier = last_given(timeline.events, overall)
    if earlier is not None:
        grade = earlier.judgements[overall]
        sentences.append(f"The last overall grade in these data is history, not a current grade: "
                         f"*{md.text(grades.label(grade))}*, at {context.inspection(earlier)}, made under "
                         f"{md.text(grades.framework_words(earlier))}.")
    return " ".join(sentences)


def _chart(timeline: Timeline, rows: list[Row], changes: list[Change], size: md.Size | None) -> str:
    if not rows:
        return "No event in these data has a date, so there is no timeline to draw."
    alt = md.text(f"Timeline chart of {timeline.authority.name}: overall grades and events by "
                  "year. The text and table below describe it in full.")
    images = md.drawing(alt, _chart_link(timeline, LIGHT_SVG), _chart_link(timeline, DARK_SVG), "it-chart", size, lazy=True)
    table = h.table(
        ["Date", "Row of the chart", "What", "Grade"],
        [[h.link(r.when, f"#{anchor(r.event_id)}"), h.text(r.lane), h.text(r.what), h.text(r.grade or "")]
         for r in rows],
    )
    details = h.details("info", "The chart's data as a table", table)
    key = ("How to read it: a dot marks an event whose day is known. An outlined bar marks an event "
           "known only to a month or a year: it happened at some point within the bar. A solid bar is "
           "a period under DfE intervention; where no source gives its end, it runs to the date these "
           f"data were compiled and is labelled “{END_NOT_KNOWN}”. The dashed line carries each overall "
           "grade forward to the next full inspection; where that one gave no overall grade, the line stops "
           f"there (labelled “{NONE_SINCE}” after the last), and after the last inspection it is labelled "
           f"“{NO_LATER}”. A dotted upright line marks the day a framework began under which inspections sum "
           "up differently: with or without an overall grade, or on another scale.")
    spec_link = (f"The chart as data for reuse: [Vega-Lite specification]({_chart_link(timeline, SPEC_JSON)}) "
                 "(JSON).")
    return "\n\n".join([images, _chart_summary(timeline, rows, changes), key, details, spec_link])


def _chart_summary(timeline: Timeline, rows: list[Row], changes: list[Change]) -> str:
    """The chart said in words: what a sighted reader takes from it at a glance."""
    graded = [r for r in rows if r.grade]
    abolished = timeline.authority.abolished
    until = f"its abolition on {abolished.display()}" if abolished else "the date these data were compiled"
    sentences = [f"The chart shows {md.text(timeline.authority.name)}'s timeline from {rows[0].start[:4]} to {until}."]
    if graded:
        steps = "; then ".join(f"{md.text(r.grade or '')} ({md.text(r.when)})" for r in graded)
        sentences.append(f"Overall effectiveness: {steps}.")
    else:
        sentences.append("No dated inspection in these data has an overall grade.")
    if changes:
        marked = "; ".join(f"{md.text(c.label)} ({dt.date.fromisoformat(c.date):%B %Y})" for c in changes)
        sentences.append(f"Changes of framework marked: {marked}.")
    counts = {lane: sum(1 for r in rows if r.lane == lane) for lane in dict.fromkeys(r.lane for r in rows)}
    other = [f"{n} in the row “{md.text(lane)}”" for lane, n in counts.items() if lane != GRADE_PANEL]
    if other:
        sentences.append("Other marks: " + ", ".join(other) + ".")
    missing = len(undated(timeline.events))
    if missing:
        sentences.append(f"{missing} undated event{'s are' if missing > 1 else ' is'} not drawn.")
    return " ".join(sentences)


def _inspections_table(timeline: Timeline, dataset: Dataset) -> str:
    inspections = full_inspections(timeline.events)
    if not inspections:
        return "No full inspection is recorded in these data."
    frameworks = dataset.frameworks
    overall = frameworks.overall
    rows = []
    for event in inspections:
        others = [f"{h.text(area.label)}: {grades.judgement_cell(event, area, frameworks)}"
                  for area in possible_areas(event, frameworks) if area != overall]
        dates = h.link(when(event), f"#{anchor(event.id)}")
        if is_scraped(event):
            dates += "<br><em>community scrape, not yet official</em>"
        rows.append([
            dates,
            h.text(grades.framework_words(event)),
            grades.judgement_cell(event, overall, frameworks) if overall else grades.NOT_GRADED,
            "<br>".join(others) or "None under this framework",
        ])
    table = h.table(["Dates", "Framework", "Overall effectiveness", "Other judgements"], rows)
    if any(is_scraped(e) for e in inspections):
        table += f"\n\n*Community scrape, not yet official*: {SCRAPE_NOTE}"
    return table


def _event(event: Event, timeline: Timeline) -> str:
    """The event's heading, in Markdown (it gets its id and permanent link), over its body in HTML."""
    title = event.kind.label
    if event.action:
        title = f"{title}: {event.action.label}"
    elif event.framework:
        title = f"{title}: {grades.framework_words(event)}"
    heading = f"### {md.text(when(event))} · {md.text(title)} {{#{anchor(event.id)}}}"
    facts = []
    if event.theme:
        facts.append(f"<strong>Theme:</strong> {h.text(event.theme)}")
    if event.published:
        facts.append(f"<strong>Report published:</strong> {event.published.display()}")
    leads = [p for p in event.people if p.role is Role.LEAD_INSPECTOR]
    if leads:
        named = ", ".join(p.name + (f" ({p.title})" if p.title else "") for p in leads)
        facts.append(f"<strong>Lead inspector:</strong> {h.text(named)}")
    report = next((s for s in event.sources if s.type is SourceType.REPORT and s.url), None)
    if report is not None:
        facts.append(f"<strong>Ofsted's {'report' if event.kind is Kind.FULL_INSPECTION else 'letter'}:</strong> "
                     f"{h.link(report.title, report.url)}")  # type: ignore[arg-type]
    if event.about:
        target = next(e for e in timeline.events if e.id == event.about)
        facts.append(f"<strong>About:</strong> {h.link(f'{target.kind.label}, {when(target)}', f'#{anchor(target.id)}')}")
    body = [h.paragraph("<br>\n".join(facts))] if facts else []
    if event.summary:
        body.append(h.paragraph(h.text(event.summary)))
    if event.judgements:
        body.append(_list("Judgements", [f"{h.text(area.label)}: {grades.badge(grade)}"
                                         for area, grade in judgements_in_order(event)]))
    # The findings' points are shown in full but left out of the search index, of which they would
    # be half: a search finds the event by its heading, theme and quotations.
    findings = []
    if event.priority_actions is not None:
        findings.append(_list("Areas for priority action", map(h.text, event.priority_actions), empty="None."))
    if event.findings and event.findings.strengths:
        findings.append(_list("Strengths", map(h.text, event.findings.strengths)))
    if event.findings and event.findings.to_improve:
        findings.append(_list("What needs to improve", map(h.text, event.findings.to_improve)))
    if findings:
        body.append("<div data-search-exclude>\n" + "\n".join(findings) + "\n</div>")
    for quote in event.quotes:
        said = h.paragraph(f"“{h.text(quote.text)}”<br>\n— {h.text(quote.by)}")
        body.append(f"<blockquote>\n{said}\n</blockquote>")
    others = [p for p in event.people if p.role is not Role.LEAD_INSPECTOR]  # the lead is named above
    if others:
        body.append(_list("People named", [h.text(_person(p)) for p in others]))
    if event.notes:
        body.append(h.paragraph(f"<strong>Note:</strong> {h.text(event.notes)}"))
    # Where the event comes from: shown in full, but left out of the search index, where the
    # sources' long titles and addresses, and the same few notes on every event, would make up
    # most of the index and crowd the results.
    body.append(f"<div data-search-exclude>\n{sources_list(event.sources)}\n"
                f"{h.paragraph(f'<em>{h.text(origin_note(event))}</em>')}\n</div>")
    return "\n\n".join([heading, *body])


def _person(person: Person) -> str:
    """``Name (Role: title as the source gives it)``; a role of "other" is said by the title alone."""
    described = [person.role.label] if person.role is not Role.OTHER else []
    described += [person.title] if person.title else []
    return f"{person.name} ({': '.join(described)})" if described else person.name


def _list(heading: str, items: Iterable[str], empty: str = "", numbered: bool = False) -> str:
    """A list under a heading in bold, in HTML; ``items`` are HTML already."""
    listed = list(items)
    return (h.paragraph(f"<strong>{heading}</strong>") + "\n"
            + (h.listing(listed, numbered) if listed else h.paragraph(empty)))


def sources_list(sources: Iterable[Source], heading: str = "Sources") -> str:
    """The numbered list of sources, in HTML: an event's, an authority's, a framework's rhythm's."""
    lines = []
    for source in sources:
        title = h.link(source.title, source.url) if source.url else f"<em>{h.text(source.title)}</em>"
        line = f"{title}. {h.text(source.publisher)}"
        line += f", {source.date.display()}." if source.date else ", date not given."
        if not source.url:
            line += " No web address is known."
        if source.note:
            line += f" {h.linked_text(source.note)}"
        lines.append(line)
    return _list(heading, lines, numbered=True)


def _about_data(timeline: Timeline, dataset: Dataset, data_file_url: str) -> str:
    authority, page = timeline.authority, page_path(timeline)
    latest = latest_source_date(timeline.events)
    reach = f"The most recent source for {md.text(authority.name)} is dated {latest.display()}. " if latest else ""
    return "\n\n".join([
        f"These data were compiled on {dataset.as_of.display()}. {reach}The data for "
        f"{md.text(authority.name)} were last changed on {timeline.updated.display()}: "
        f"[{md.text(timeline.file)}]({h.url(data_file_url)}).",
        f"**Download** this page's events: [CSV]({relative(page, download_path(timeline, 'csv'))}) (one row per "
        f"event, a column per judgement) or [JSON]({relative(page, download_path(timeline, 'json'))}) (everything "
        f"on this page); or [the whole data set]({relative(page, DOWNLOADS_PAGE)}). **Follow** new events "
        f"for {md.text(authority.name)} in a feed reader: [Atom feed]({relative(page, authority_feed(timeline))}).",
        sources_list(authority.sources, "Sources for the name, codes, regions, type and neighbours"),
    ])
