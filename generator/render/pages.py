"""Markdown for the authority pages and the index of authorities: pure functions of the model.

Every string from the data goes through ``markdown.text`` or ``markdown.link``; the only raw
HTML written here is the project's own (grade badges and line breaks in table cells).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable

from generator.model import Dataset, Event, Grade, JudgementArea, Person, Role, Source, Timeline, judgement_areas
from generator.render import markdown as md
from generator.render.charts import END_NOT_KNOWN, GRADE_PANEL, NO_LATER, Row
from generator.render.dates import when
from generator.timeline import (
    OLD_AFTER_YEARS,
    LatestJudgement,
    Period,
    current_interventions,
    full_inspections,
    latest_judgement,
    latest_source_date,
    newest_first,
    undated,
)


def page_path(timeline: Timeline) -> str:
    """Where an authority's page lives in the assembled docs; its URL never changes."""
    return f"authorities/{timeline.authority.slug}.md"


#: The chart files of an authority, kept in a folder beside its page.
LIGHT_SVG, DARK_SVG, SPEC_JSON = "timeline-light.svg", "timeline-dark.svg", "timeline.vl.json"


def chart_path(timeline: Timeline, name: str) -> str:
    """Where a chart file lives in the assembled docs: ``authorities/<slug>/<name>``."""
    return f"authorities/{timeline.authority.slug}/{name}"


def _chart_link(timeline: Timeline, name: str) -> str:
    """The chart file's address relative to the page that shows it."""
    return posixpath.relpath(chart_path(timeline, name), posixpath.dirname(page_path(timeline)))


def anchor(event_id: str) -> str:
    """The id of an event's heading on its authority page; feeds and tables link to it."""
    return f"event-{event_id}"


def badge(grade: Grade) -> str:
    """A grade shown as words in a coloured badge; the words carry the meaning, not the colour."""
    return f'<span class="it-grade it-grade--{grade.value}">{grade.label}</span>'


# ---------------------------------------------------------------------------------------------
# Authority page


def authority_page(timeline: Timeline, dataset: Dataset, rows: list[Row], data_file_url: str) -> str:
    """The whole page for one authority."""
    authority = timeline.authority
    parts = [
        md.front_matter(authority.name, f"Ofsted inspections, visits and DfE intervention for "
                                        f"{authority.name}'s children's services, with their sources."),
        f"# {md.text(authority.name)}",
        _identity(timeline),
        _coverage(dataset),
        "## Latest overall grade {#latest-grade}",
        _latest(timeline, dataset),
        "## Timeline {#timeline}",
        _chart(timeline, rows),
        "## Full inspections {#full-inspections}",
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
    parts += ["## About these data {#about-data}", _about_data(timeline, dataset, data_file_url)]
    return "\n\n".join(parts) + "\n"


def _identity(timeline: Timeline) -> str:
    authority = timeline.authority
    facts = [f"{authority.type.label} in the {authority.region.label} region"]
    if authority.ons_code:
        facts.append(f"ONS code {authority.ons_code}")
    line = md.text(" · ".join(facts))
    if authority.aliases:
        line += "  \nAlso known as: " + md.text("; ".join(authority.aliases))
    return line


def _coverage(dataset: Dataset) -> str:
    return '!!! warning "What these data hold"\n\n' + md.indent(md.text(dataset.coverage))


def _latest(timeline: Timeline, dataset: Dataset) -> str:
    latest = latest_judgement(timeline.events, dataset.as_of)
    if latest is None:
        text = "No overall effectiveness grade is recorded in these data."
    else:
        text = _latest_text(latest)
    notes = []
    if latest is not None and latest.old:
        notes.append(
            f'!!! note "Judged more than {OLD_AFTER_YEARS} years ago"\n\n' + md.indent(md.text(
                f"This judgement was made more than {OLD_AFTER_YEARS} years before "
                f"{dataset.as_of.display()}, when these data were compiled. A later inspection "
                "may not be in these data yet.")))
    if latest is not None and not latest.dated:
        notes.append('!!! note "Date not known"\n\n' + md.indent(md.text(
            "No source in these data dates this judgement, so how recent it is cannot be said.")))
    periods = current_interventions(timeline.events)
    if periods:
        notes.append('!!! danger "Under DfE intervention, as far as these data show"\n\n'
                     + md.indent("\n".join(f"- {_period_text(p)}" for p in periods)))
    return "\n\n".join([text, *notes])


def _latest_text(latest: LatestJudgement) -> str:
    event = latest.event
    framework = event.framework.label if event.framework else "framework not stated"
    inspection = (f"the full inspection of [{md.text(when(event))}](#{anchor(event.id)})" if latest.dated
                  else f"a [full inspection](#{anchor(event.id)}) that no source in these data dates")
    return f"{badge(latest.grade)} Overall effectiveness at {inspection} ({md.text(framework)})."


def _period_text(period: Period) -> str:
    start = period.opened_by
    return (f"{md.text(period.label)}: [{md.text(when(start))}](#{anchor(start.id)}). "
            "No source in these data gives its end.")


def _chart(timeline: Timeline, rows: list[Row]) -> str:
    if not rows:
        return "No event in these data has a date, so there is no timeline to draw."
    alt = md.text(f"Timeline chart of {timeline.authority.name}: overall grades and events by "
                  "year. The text and table below describe it in full.")
    images = (f"![{alt}]({_chart_link(timeline, LIGHT_SVG)}#only-light){{ .it-chart }}\n"
              f"![{alt}]({_chart_link(timeline, DARK_SVG)}#only-dark){{ .it-chart }}")
    table = md.table(
        ["Date", "Row of the chart", "What", "Grade"],
        [[f"[{md.text(r.when)}](#{anchor(r.event_id)})", md.text(r.lane), md.text(r.what),
          md.text(r.grade or "")] for r in rows],
    )
    details = '??? info "The chart\'s data as a table"\n\n' + md.indent(table)
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
    sentences = [f"The chart shows {md.text(timeline.authority.name)}'s timeline from {rows[0].start[:4]} to the date these data "
                 "were compiled."]
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
        areas = judgement_areas(event.framework, event.date)
        if JudgementArea.OVERALL_EFFECTIVENESS in areas:
            overall = _grade_or_gap(event, JudgementArea.OVERALL_EFFECTIVENESS)
        else:
            overall = "not graded under this framework"
        others = [f"{md.text(area.label)}: {_grade_or_gap(event, area)}"
                  for area in areas if area is not JudgementArea.OVERALL_EFFECTIVENESS]
        rows.append([
            f"[{md.text(when(event))}](#{anchor(event.id)})",
            md.text(event.framework.label if event.framework else "Not stated"),
            overall,
            "<br>".join(others) or "None under this framework",
        ])
    return md.table(["Dates", "Framework", "Overall effectiveness", "Other judgements"], rows)


def _grade_or_gap(event: Event, area: JudgementArea) -> str:
    grade = event.judgements.get(area)
    return badge(grade) if grade else "not given in these sources"


def _event(event: Event, timeline: Timeline) -> str:
    title = event.kind.label
    if event.action:
        title = f"{title}: {event.action.label}"
    elif event.framework:
        title = f"{title}: {event.framework.label}"
    parts = [f"### {md.text(when(event))} · {md.text(title)} {{#{anchor(event.id)}}}"]
    facts = []
    if event.theme:
        facts.append(f"**Theme:** {md.text(event.theme)}")
    if event.published:
        facts.append(f"**Report published:** {md.text(event.published.display())}")
    if event.about:
        target = next(e for e in timeline.events if e.id == event.about)
        facts.append(f"**About:** [{md.text(target.kind.label)}, {md.text(when(target))}](#{anchor(target.id)})")
    if facts:
        parts.append("  \n".join(facts))
    if event.summary:
        parts.append(md.text(event.summary))
    if event.judgements:
        order = judgement_areas(event.framework, event.date)
        parts.append("**Judgements**\n\n" + "\n".join(
            f"- {md.text(area.label)}: {badge(event.judgements[area])}"
            for area in order if area in event.judgements))
    if event.priority_actions is not None:
        parts.append(_list("Areas for priority action", event.priority_actions, empty="None."))
    if event.findings and event.findings.strengths:
        parts.append(_list("Strengths", event.findings.strengths))
    if event.findings and event.findings.to_improve:
        parts.append(_list("What needs to improve", event.findings.to_improve))
    for quote in event.quotes:
        parts.append(f"> “{md.text(quote.text)}”  \n> — {md.text(quote.by)}")
    if event.people:
        parts.append(_list("People named", [_person(p) for p in event.people]))
    if event.notes:
        parts.append(f"**Note:** {md.text(event.notes)}")
    parts.append(_sources(event.sources))
    parts.append(f"*{md.text(_origin(event))}*")
    return "\n\n".join(parts)


def _person(person: Person) -> str:
    """``Name (Role: title as the source gives it)``; a role of "other" is said by the title alone."""
    described = [person.role.label] if person.role is not Role.OTHER else []
    described += [person.title] if person.title else []
    return f"{person.name} ({': '.join(described)})" if described else person.name


def _list(heading: str, items: Iterable[str], empty: str = "") -> str:
    lines = [f"- {md.text(item)}" for item in items]
    return f"**{heading}**\n\n" + ("\n".join(lines) if lines else empty)


def _sources(sources: Iterable[Source], heading: str = "Sources") -> str:
    lines = []
    for number, source in enumerate(sources, 1):
        title = md.link(source.title, source.url) if source.url else f"*{md.text(source.title)}*"
        line = f"{number}. {title}. {md.text(source.publisher)}"
        line += f", {md.text(source.date.display())}." if source.date else ", date not given."
        if not source.url:
            line += " No web address is known."
        if source.note:
            line += f" {md.text(source.note)}"
        lines.append(line)
    return f"**{heading}**\n\n" + "\n".join(lines)


def _origin(event: Event) -> str:
    if event.origin == "hand":
        return "Entered by the site's editors from the sources above."
    text = f"Imported ({event.origin.removeprefix('import:')})."
    if event.corrected:
        text += " Corrected by an editor: " + "; ".join(f"{c.field}: {c.reason}" for c in event.corrected)
    return text


def _about_data(timeline: Timeline, dataset: Dataset, data_file_url: str) -> str:
    authority = timeline.authority
    latest = latest_source_date(timeline.events)
    reach = f"The most recent source for {md.text(authority.name)} is dated {latest.display()}. " if latest else ""
    return "\n\n".join([
        f"These data were compiled on {dataset.as_of.display()}. {reach}The data for "
        f"{md.text(authority.name)} were last changed on {timeline.updated.display()}: "
        f"[{md.text(timeline.file)}]({md.url(data_file_url)}).",
        _sources(authority.sources, "Sources for the name, code, region and type"),
    ])


# ---------------------------------------------------------------------------------------------
# Index of authorities


def index_page(dataset: Dataset) -> str:
    """Every authority with its latest grade, the date of that inspection and its region."""
    rows = []
    for timeline in dataset.timelines:
        authority = timeline.authority
        latest = latest_judgement(timeline.events, dataset.as_of)
        name = f"[{md.text(authority.name)}]({authority.slug}.md)"
        if authority.aliases:
            name += " <br>also: " + md.text("; ".join(authority.aliases))
        interventions = current_interventions(timeline.events)
        rows.append([
            name,
            md.text(authority.region.label),
            badge(latest.grade) if latest else "None in these data",
            md.text(when(latest.event)) if latest else "",
            md.text("; ".join(f"{p.label} from {when(p.opened_by)}" for p in interventions)) or "None in these data",
        ])
    table = md.table(["Authority", "Region", "Latest overall grade", "Inspected", "DfE intervention in force"], rows)
    return "\n\n".join([
        md.front_matter("All authorities", "Every local authority on the site, with its latest Ofsted "
                                           "grade, when it was inspected and its region."),
        "# All authorities",
        _coverage(dataset),
        f"{len(dataset.timelines)} authorities. The grade is the overall effectiveness judgement of the "
        "latest full inspection in these data. “DfE intervention in force” lists the improvement notices, "
        "directions and trusts that no source in these data says have ended.",
        table,
    ]) + "\n"
