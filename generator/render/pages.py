"""Markdown for the authority pages: pure functions of the model.

Every string from the data goes through ``markdown.text`` or ``markdown.link``, or, in the
blocks written as HTML (the bodies of events, and the tables of the chart's data and of full
inspections: see ``raw_html``), through ``raw_html.text`` or ``raw_html.link``.
"""

from __future__ import annotations

from collections.abc import Iterable

from generator.model import Dataset, Event, Framework, JudgementArea, Person, Role, Source, Timeline, judgement_areas
from generator.render import context, grades
from generator.render import markdown as md
from generator.render import raw_html as h
from generator.render.charts import END_NOT_KNOWN, GRADE_PANEL, NO_LATER, Row
from generator.render.currency import data_box
from generator.render.dates import when
from generator.render.paths import (
    DARK_SVG,
    DOWNLOADS_PAGE,
    LIGHT_SVG,
    SPEC_JSON,
    anchor,
    authority_feed,
    chart_path,
    download_path,
    page_path,
    relative,
)
from generator.render.provenance import SCRAPE_NOTE, is_scraped, origin_note
from generator.render.trust import trust_sections
from generator.site_config import SiteSettings
from generator.timeline import (
    OLD_AFTER_YEARS,
    LatestJudgement,
    Period,
    full_inspections,
    latest_full_inspection,
    latest_judgement,
    latest_source_date,
    newest_first,
    open_interventions,
    overall_grade,
    possible_areas,
    undated,
)


def _chart_link(timeline: Timeline, name: str) -> str:
    """The chart file's address relative to the page that shows it."""
    return relative(page_path(timeline), chart_path(timeline, name))


# ---------------------------------------------------------------------------------------------
# Authority page


def authority_page(timeline: Timeline, dataset: Dataset, rows: list[Row], settings: SiteSettings) -> str:
    """The whole page for one authority; ``settings`` give the addresses of its data file, its
    citation and the correction form."""
    authority = timeline.authority
    abolished = authority.abolished is not None
    parts = [
        md.front_matter(authority.name, f"Ofsted inspections, visits and DfE intervention for "
                                        f"{authority.name}'s children's services, with their sources.",
                        feed=authority_feed(timeline)),
        f"# {md.text(authority.name)}",
        *filter(None, [context.abolition(timeline, dataset)]),
        context.identity(timeline, dataset),
        data_box(dataset),
        "## Last overall grade {#latest-grade}" if abolished else "## Latest overall grade {#latest-grade}",
        _latest(timeline, dataset),
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
        _chart(timeline, rows),
        "## Full inspections {#full-inspections data-search-exclude}",
        _inspections_table(timeline),
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
    latest = latest_judgement(timeline.events, dataset.as_of)
    current = timeline.authority.abolished is None
    no_overall = _no_overall(timeline, latest)
    texts = [no_overall]
    texts.append(_latest_text(latest) if latest else "No overall effectiveness grade is recorded in these data.")
    if latest is not None and is_scraped(latest.event):
        texts.append(f"*{SCRAPE_NOTE}*")
    texts.append(context.since_text(timeline, dataset))
    notes = []
    if current and latest is not None and latest.old and no_overall is None:
        notes.append(
            f'!!! note "Judged more than {OLD_AFTER_YEARS} years ago"\n\n' + md.indent(md.text(
                f"This judgement was made more than {OLD_AFTER_YEARS} years before "
                f"{dataset.as_of.display()}, when these data were compiled. A later inspection "
                "may not be in these data yet.")))
    if latest is not None and not latest.dated:
        notes.append('!!! note "Date not known"\n\n' + md.indent(md.text(
            "No source in these data dates this judgement, so how recent it is cannot be said.")))
    periods = open_interventions(timeline.events)
    if periods and current:
        notes.append('!!! warning "DfE intervention with no recorded end"\n\n' + md.indent(
            "These data record the start of each intervention below, and no source in them gives its end. "
            "The sources list few lifting dates, so one may have ended.\n\n"
            + "\n".join(f"- {_period_text(p)}" for p in periods)))
    return "\n\n".join([*filter(None, texts), *notes])


def _no_overall(timeline: Timeline, latest: LatestJudgement | None) -> str | None:
    """Where the latest full inspection gave no overall grade, say so, and why, before the latest grade."""
    newest = latest_full_inspection(timeline.events)
    if newest is None or overall_grade(newest) is not None or (latest and latest.event is newest):
        return None
    link = f"[{md.text(when(newest))}](#{anchor(newest.id)})"
    if JudgementArea.OVERALL_EFFECTIVENESS in possible_areas(newest):
        return f"The latest full inspection, {link}, has no overall grade in these sources."
    if newest.framework in (Framework.ILACS_STANDARD, Framework.ILACS_SHORT):
        why = grades.NO_OVERALL_SINCE
    else:
        why = f"its framework ({md.text(newest.framework.label if newest.framework else 'not stated')}) makes none"
    return f"The latest full inspection, {link}, gave no overall grade: {why}."


def _latest_text(latest: LatestJudgement) -> str:
    event = latest.event
    framework = event.framework.label if event.framework else "framework not stated"
    inspection = (context.inspection(event) if latest.dated
                  else f"a [full inspection](#{anchor(event.id)}) that no source in these data dates")
    return f"{grades.badge(latest.grade)} Overall effectiveness at {inspection} ({md.text(framework)})."


def _period_text(period: Period) -> str:
    start = period.opened_by
    return f"{md.text(period.label)}: from [{md.text(when(start))}](#{anchor(start.id)})."


def _chart(timeline: Timeline, rows: list[Row]) -> str:
    if not rows:
        return "No event in these data has a date, so there is no timeline to draw."
    alt = md.text(f"Timeline chart of {timeline.authority.name}: overall grades and events by "
                  "year. The text and table below describe it in full.")
    images = (f"![{alt}]({_chart_link(timeline, LIGHT_SVG)}#only-light){{ .it-chart }}\n"
              f"![{alt}]({_chart_link(timeline, DARK_SVG)}#only-dark){{ .it-chart }}")
    table = h.table(
        ["Date", "Row of the chart", "What", "Grade"],
        [[h.link(r.when, f"#{anchor(r.event_id)}"), h.text(r.lane), h.text(r.what), h.text(r.grade or "")]
         for r in rows],
    )
    details = h.details("The chart's data as a table", table)
    key = ("How to read it: a dot marks an event whose day is known. An outlined bar marks an event "
           "known only to a month or a year: it happened at some point within the bar. A solid bar is "
           "a period under DfE intervention; where no source gives its end, it runs to the date these "
           f"data were compiled and is labelled “{END_NOT_KNOWN}”. The dashed line carries each overall "
           f"grade forward to the next graded inspection; after the last one it is labelled “{NO_LATER}”.")
    spec_link = (f"The chart as data for reuse: [Vega-Lite specification]({_chart_link(timeline, SPEC_JSON)}) "
                 "(JSON).")
    return "\n\n".join([images, _chart_summary(timeline, rows), key, details, spec_link])


def _chart_summary(timeline: Timeline, rows: list[Row]) -> str:
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
    counts = {lane: sum(1 for r in rows if r.lane == lane) for lane in dict.fromkeys(r.lane for r in rows)}
    other = [f"{n} in the row “{md.text(lane)}”" for lane, n in counts.items() if lane != GRADE_PANEL]
    if other:
        sentences.append("Other marks: " + ", ".join(other) + ".")
    missing = len(undated(timeline.events))
    if missing:
        sentences.append(f"{missing} undated event{'s are' if missing > 1 else ' is'} not drawn.")
    return " ".join(sentences)


def _inspections_table(timeline: Timeline) -> str:
    inspections = full_inspections(timeline.events)
    if not inspections:
        return "No full inspection is recorded in these data."
    rows = []
    for event in inspections:
        areas = possible_areas(event)
        others = [f"{h.text(area.label)}: {grades.judgement_cell(event, area)}"
                  for area in areas if area is not JudgementArea.OVERALL_EFFECTIVENESS]
        dates = h.link(when(event), f"#{anchor(event.id)}")
        if is_scraped(event):
            dates += "<br><em>community scrape, not yet official</em>"
        rows.append([
            dates,
            h.text(event.framework.label if event.framework else "Not stated"),
            grades.judgement_cell(event, JudgementArea.OVERALL_EFFECTIVENESS),
            "<br>".join(others) or "None under this framework",
        ])
    table = h.table(["Dates", "Framework", "Overall effectiveness", "Other judgements"], rows)
    if any(is_scraped(e) for e in inspections):
        table += f"\n\n*Community scrape, not yet official*: {SCRAPE_NOTE}"
    return table


def _event(event: Event, timeline: Timeline) -> str:
    """The event's heading, in Markdown (the table of contents lists it), over its body in HTML."""
    title = event.kind.label
    if event.action:
        title = f"{title}: {event.action.label}"
    elif event.framework:
        title = f"{title}: {event.framework.label}"
    heading = f"### {md.text(when(event))} · {md.text(title)} {{#{anchor(event.id)}}}"
    facts = []
    if event.theme:
        facts.append(f"<strong>Theme:</strong> {h.text(event.theme)}")
    if event.published:
        facts.append(f"<strong>Report published:</strong> {event.published.display()}")
    if event.about:
        target = next(e for e in timeline.events if e.id == event.about)
        facts.append(f"<strong>About:</strong> {h.link(f'{target.kind.label}, {when(target)}', f'#{anchor(target.id)}')}")
    body = [h.paragraph("<br>\n".join(facts))] if facts else []
    if event.summary:
        body.append(h.paragraph(h.text(event.summary)))
    if event.judgements:
        order = judgement_areas(event.framework, event.date)
        body.append(_list("Judgements", [f"{h.text(area.label)}: {grades.badge(event.judgements[area])}"
                                         for area in order if area in event.judgements]))
    if event.priority_actions is not None:
        body.append(_list("Areas for priority action", map(h.text, event.priority_actions), empty="None."))
    if event.findings and event.findings.strengths:
        body.append(_list("Strengths", map(h.text, event.findings.strengths)))
    if event.findings and event.findings.to_improve:
        body.append(_list("What needs to improve", map(h.text, event.findings.to_improve)))
    for quote in event.quotes:
        said = h.paragraph(f"“{h.text(quote.text)}”<br>\n— {h.text(quote.by)}")
        body.append(f"<blockquote>\n{said}\n</blockquote>")
    if event.people:
        body.append(_list("People named", [h.text(_person(p)) for p in event.people]))
    if event.notes:
        body.append(h.paragraph(f"<strong>Note:</strong> {h.text(event.notes)}"))
    # Where the event comes from: shown in full, but left out of the search index, where the
    # sources' long titles and addresses, and the same few notes on every event, would make up
    # most of the index and crowd the results.
    body.append(f"<div data-search-exclude>\n{_sources(event.sources)}\n"
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


def _sources(sources: Iterable[Source], heading: str = "Sources") -> str:
    """The numbered list of sources, in HTML."""
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
        _sources(authority.sources, "Sources for the name, codes, regions, type and neighbours"),
    ])
