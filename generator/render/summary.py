"""The answer first: the summary that heads every authority page, and its shorter form in the
tables of the national and region pages.

It says, before any caveat, where an authority stands (its latest full inspection, each judgement
as a badge with its words, how long ago it ended), what is still open (DfE intervention with no
recorded end), what has happened since (visits), what may come next (the framework's window, an
estimate whose method has a page of its own) and where to go from here (its neighbours compared,
its feed). The facts come from ``timeline``, ``durations`` and ``next_inspection``; this module
only puts them into words. Every string from the data goes through ``markdown.text`` or
``raw_html.text``.
"""

from __future__ import annotations

import datetime as dt

from generator.durations import since_last_inspection
from generator.model import VISIT_KINDS, Dataset, Event, Timeline
from generator.next_inspection import Estimate, NoWindow, Window, next_window
from generator.render import context, grades
from generator.render import markdown as md
from generator.render import raw_html as h
from generator.render.dates import when
from generator.render.paths import COMPARE_PAGE, NEXT_PAGE, anchor, authority_feed, page_link, page_path, relative
from generator.timeline import latest_full_inspection, newest_first, open_interventions, span


def visits_since(timeline: Timeline) -> list[Event]:
    """The visits (focused, monitoring, joint targeted) that began after the latest full inspection
    ended, oldest first; every dated visit where no full inspection is dated."""
    latest = latest_full_inspection(timeline.events)
    after = span(latest).last if latest is not None else dt.date.min  # type: ignore[union-attr]
    return [e for e in reversed(newest_first(timeline.events))
            if e.kind in VISIT_KINDS and span(e).first > after]  # type: ignore[union-attr]


def window_words(window: Window, joined: str = "and") -> str:
    """``March 2029 and March 2030``: a window is never narrower than its month."""
    return f"{window.earliest:%B %Y} {joined} {window.latest:%B %Y}"


def _estimate_text(estimate: Estimate, dataset: Dataset, method: str) -> str:
    """The estimate for the summary of an authority page: the window and what it rests on, or why
    there is none, always said to be an estimate, with a link to its method."""
    after = context.inspection(estimate.after)
    how = f"[How this is estimated]({method})"
    if isinstance(estimate, NoWindow):
        # The intervals these data show are on the method's page, not here: a page is kept by
        # what it is made from (``site.page_inputs``), and they are made from every authority.
        seen = ": the intervals seen after such inspections" if estimate.rule else ""
        return f"no window can be estimated: {md.text(estimate.why.rstrip('.'))}. {how}{seen}."
    rule, as_of = estimate.rule, dataset.as_of.first_day()
    grade = estimate.after.judgements[estimate.rhythm.area]
    kind = f" ({md.text(rule.next)})" if rule.next else ""
    text = (f"**between {window_words(estimate)}**{kind}: an estimate from the framework's rhythm after "
            f"{md.text(grades.label(grade).lower())} {md.text(estimate.rhythm.area.label.lower())}, counted from "
            f"the end of {after}.")
    if estimate.latest < as_of:
        text += (f" That window had passed by {dataset.as_of.display()} with no later full inspection in these data: "
                 "one may have been made after the sources' reach (see what these data hold), or may be late.")
    elif estimate.earliest <= as_of:
        text += f" The window was open on {dataset.as_of.display()}, when these data were compiled."
    return f"{text} {how}."


def summary(timeline: Timeline, dataset: Dataset, about: list[str]) -> str:
    """The summary that heads a current authority's page (Markdown): ``about`` says, as the page
    writes it, what its latest inspection judged (or the grade of an undated one)."""
    page = page_path(timeline)
    latest = latest_full_inspection(timeline.events)
    lines = []
    if latest is not None:
        lines.append(f"**Latest full inspection**: {context.inspection(latest)}, "
                     f"{md.text(grades.framework_words(latest))}.")
    else:
        lines.append("**Latest full inspection**: none dated in these data.")
    lines += about
    since = context.since_text(timeline, dataset)
    if since:
        lines.append(since)
    periods = open_interventions(timeline.events)
    if periods:
        listed = "; ".join(f"{md.text(p.label)} from [{md.text(when(p.opened_by))}](#{anchor(p.opened_by.id)})"
                           for p in periods)
        lines.append(f"**DfE intervention with no recorded end**: {listed}. No source in these data gives its end; "
                     "the sources list few lifting dates, so it may have ended.")
    else:
        lines.append("**DfE intervention with no recorded end**: none in these data.")
    visits = visits_since(timeline)
    what = "since" if latest is not None else "in these data"
    if visits:
        listed = "; ".join(f"{md.text(e.kind.label.lower())}, [{md.text(when(e))}](#{anchor(e.id)})" for e in visits)
        lines.append(f"**Visits {what}**: {len(visits)}: {listed}.")
    else:
        lines.append(f"**Visits {what}**: none in these data.")
    estimate = next_window(timeline, dataset.frameworks)
    if estimate is not None:
        lines.append(f"**Next full inspection**: {_estimate_text(estimate, dataset, relative(page, NEXT_PAGE))}")
    else:
        lines.append("**Next full inspection**: no window can be estimated: no full inspection in these data is dated.")
    links = []
    if timeline.authority.neighbours:
        # In HTML: MkDocs checks the links of Markdown, and an address with a query is not a page.
        address = f"{page_link(page, COMPARE_PAGE)}?neighbours={timeline.authority.slug}"
        links.append(h.link("Compare it with its statistical neighbours", address))
    links.append(f"[Follow its new events in a feed reader]({relative(page, authority_feed(timeline))}) (Atom)")
    lines.append(" · ".join(links))
    return "\n\n".join(lines)


def short_summary(timeline: Timeline, dataset: Dataset, page: str) -> str:
    """The summary in a line of HTML for a row of the national and region tables (of current
    authorities): days since the latest full inspection, visits since, and the estimated window of
    the next (or that there is none)."""
    parts = []
    since = since_last_inspection(timeline, dataset.as_of)
    if since is not None:
        parts.append(f"{context.days(since.days)} since")
    visits = visits_since(timeline)
    if visits:
        parts.append(f"{len(visits)} visit{'s' if len(visits) > 1 else ''}" + (" since" if since is not None else ""))
    estimate = next_window(timeline, dataset.frameworks)
    method = page_link(page, NEXT_PAGE)
    if isinstance(estimate, Window):
        passed = " (passed)" if estimate.latest < dataset.as_of.first_day() else ""
        parts.append(h.link(f"estimated next: {window_words(estimate, 'to')}{passed}", method))
    else:
        parts.append(h.link("estimated next: no window", method))
    return " · ".join(parts)
