"""The front page, which answers before it explains: a search for an authority first, then the
newest events across England, the map in its first view, and what the latest update of the data
changed. How to read the site is a hand-written page of its own (docs/guide.md), linked from here.

Pure functions of the model; every string from the data goes through ``markdown.text``.
"""

from __future__ import annotations

from generator.affected import AuthorityChange, Comparison, Update
from generator.chart_cache import Files
from generator.model import Dataset, Event, PartialDate, Timeline
from generator.render import markdown as md
from generator.render.change_summary import DATASET_FIELDS_SAID
from generator.render.charts import LIGHT, svg_size
from generator.render.currency import data_box
from generator.render.dates import when
from generator.render.feeds import event_label, newest
from generator.render.grades import label
from generator.render.hexmap import map_views, view_images
from generator.render.paths import (
    COMPARE_PAGE,
    DOWNLOADS_PAGE,
    ENGLAND_FEED,
    ENGLAND_PAGE,
    HOME_PAGE,
    MAP_PAGE,
    NEXT_PAGE,
    anchor,
    map_drawing,
    page_path,
    relative,
)
from generator.site_config import SiteSettings
from generator.timeline import overall_grade

TITLE = "Inspection Timelines"
#: How many of the newest events the front page lists.
NEWEST = 10
#: How many authorities changed in the latest update it names before saying how many more.
NAMED = 12
#: How many of an authority's events, of each of added and changed, it names before saying how many more.
EVENTS_NAMED = 3
#: The hand-written page on how to read the site.
GUIDE_PAGE = "guide.md"


def home_page(dataset: Dataset, drawn: Files, update: Update | None, settings: SiteSettings) -> str:
    """The front page (Markdown); ``drawn`` holds the map's drawings, by path, whose size it gives;
    ``update`` is the latest update of the data, where git has it to compare; ``settings`` say
    where the repository is, whose commit and files the update links to."""
    def link(words: str, path: str) -> str:
        return f"[{words}]({relative(HOME_PAGE, path)})"

    parts = [
        md.front_matter(TITLE, "The history of Ofsted's inspections of English local authorities' children's "
                               "services, with every fact linked to its source."),
        f"# {TITLE}",
        "For each English local authority: the history of Ofsted's inspections of its children's services, the "
        "visits between them, Department for Education intervention, and the reports, council papers and news "
        "behind each event, every fact linked to its source.",
        # The button is in the page from the start, so that nothing moves when the script
        # (javascripts/site.js) makes it open the theme's search; the search needs the script anyway.
        '<p class="it-home-search"><button type="button" class="md-button md-button--primary">Find an authority'
        "</button> Search by an authority's name or a name it goes by (“Hull” finds Kingston upon Hull), with the "
        "search at the top of every page.</p>",
        " · ".join([link("All authorities in England", ENGLAND_PAGE), link("Map", MAP_PAGE),
                    link("Compare authorities", COMPARE_PAGE), link("When Ofsted may come next", NEXT_PAGE),
                    link("Download the data", DOWNLOADS_PAGE), link("How to read this site", GUIDE_PAGE)]),
        "## Newest in these data {#newest}",
        _newest(dataset),
        "## The map {#map}",
        _map(dataset, drawn),
        "## The latest update {#update}",
        _update(dataset, update, settings),
        data_box(dataset, folded=True),
    ]
    return "\n\n".join(parts) + "\n"


def _newest(dataset: Dataset) -> str:
    found = newest(((t, e) for t in dataset.timelines for e in t.events), NEWEST)
    if not found:
        return "No event in these data is dated."
    rows = []
    for timeline, event, _ in found:
        page = page_path(timeline)
        grade = overall_grade(event)
        rows.append([md.link(when(event), f"{relative(HOME_PAGE, page)}#{anchor(event.id)}"),
                     md.link(timeline.authority.name, relative(HOME_PAGE, page)),
                     md.text(event_label(event) + (f": {label(grade)}" if grade else ""))])
    return "\n\n".join([
        f"The {len(found)} newest events across England, by the date each happened or began (or its report was "
        "published, where only that is known).",
        md.table(["When", "Authority", "What"], rows),
        f"Follow them in a feed reader: [the Atom feed of all of England]({relative(HOME_PAGE, ENGLAND_FEED)}).",
    ])


def _map(dataset: Dataset, drawn: Files) -> str:
    if dataset.cartogram is None:
        return "No map layout is in these data."
    view = map_views(dataset)[0]
    size = svg_size(str(drawn[map_drawing(view.name, LIGHT.name)]))
    return "\n\n".join([
        f"Every current authority by {md.text(view.what)}. "
        f"[The map's page]({relative(HOME_PAGE, MAP_PAGE)}) shows every judgement and DfE intervention, and names "
        "each authority in a table.",
        view_images(dataset, view, HOME_PAGE, "The map's page gives each one by name.", size),
    ])


def _update(dataset: Dataset, update: Update | None, settings: SiteSettings) -> str:
    """When the data were compiled and last checked against Ofsted, and what the latest update
    changed: from git's history, as the change summary of a pull request compares it, or, where a
    build has no history (a copy of the files), the authorities whose files say they changed last."""
    checked = (f"last checked against Ofsted's report site on {dataset.ofsted_checked.display()}"
               if dataset.ofsted_checked else "not yet checked against Ofsted's report site")
    compiled = f"These data were compiled on {dataset.as_of.display()} and {checked}."
    if update is None:
        return " ".join([compiled, *_latest_files(dataset)])
    if update.commit is None or update.day is None:
        which = "The latest update of the data is not yet committed (this site is built from a working copy)"
    else:
        commit = md.link(f"commit {update.commit[:7]}", f"{settings.repository}/commit/{update.commit}")
        day = PartialDate(update.day.year, update.day.month, update.day.day).display()
        which = f"The latest update of the data, {commit} of {day}"
    comparison = update.comparison
    if comparison.base_problems:
        return " ".join([compiled, f"{which}, changed the data's format, so it is not compared authority by "
                                   "authority here.", *_latest_files(dataset)])
    changed = _changed(comparison, settings)
    if not changed:
        return f"{compiled} {which}, changed nothing these pages show (comments, or how a file is laid out)."
    return "\n\n".join([compiled, f"{which}, changed:", "\n".join(f"- {line}" for line in changed)])


def _latest_files(dataset: Dataset) -> list[str]:
    """The authorities whose files were changed last, by the date each file gives."""
    latest = max((t.updated for t in dataset.timelines), key=lambda d: d.first_day(), default=None)
    if latest is None:
        return []
    changed = [t for t in dataset.timelines if t.updated == latest]
    names = ", ".join(_page(t) for t in changed[:NAMED])
    more = f" and {len(changed) - NAMED} more" if len(changed) > NAMED else ""
    return [f"The latest change to an authority's data was on {latest.display()}, to "
            f"{len(changed)} authorit{'ies' if len(changed) > 1 else 'y'}: {names}{more}."]


def _changed(comparison: Comparison, settings: SiteSettings) -> list[str]:
    """A line for each authority the update changed (the first ``NAMED``), then for what every page shows."""
    lines = [_change(c) for c in comparison.changes[:NAMED]]
    if len(comparison.changes) > NAMED:
        lines.append(f"and {len(comparison.changes) - NAMED} more authorities")
    if comparison.dataset:
        lines.append("Every page: " + " and ".join(DATASET_FIELDS_SAID[f] for f in comparison.dataset))
    if comparison.frameworks:
        frameworks = md.link("data/frameworks.yaml", settings.data_file_url("data/frameworks.yaml"))
        lines.append(f"{frameworks}, which every page reads: the grades, judgements and frameworks, and how often "
                     "each framework says authorities are inspected")
    if comparison.cartogram:
        lines.append(f"The layout of [the map]({relative(HOME_PAGE, MAP_PAGE)})")
    return lines


def _change(change: AuthorityChange) -> str:
    timeline = change.timeline
    if change.status == "removed":  # its page is gone, so it is named, not linked
        return f"{md.text(timeline.authority.name)}: removed; its page is no longer published"
    if change.status == "added":
        return f"{_page(timeline)}: added"
    events = {e.id: e for e in timeline.events}
    what = [f"{words} " + _events(timeline, [events[i] for i in ids])
            for words, ids in (("added", change.events_added), ("changed", change.events_changed)) if ids]
    if change.events_removed:
        removed = len(change.events_removed)
        what.append(f"{removed} event{'s' if removed > 1 else ''} removed")
    if change.register:
        what.append("its entry in the register (" + ", ".join(md.text(f) for f in change.register) + ")")
    if change.updated and not what:
        what.append("the date its file was updated")
    return f"{_page(timeline)}: " + "; ".join(what)


def _events(timeline: Timeline, events: list[Event]) -> str:
    page = relative(HOME_PAGE, page_path(timeline))
    named = [md.link(f"{event_label(e)}, {when(e)}", f"{page}#{anchor(e.id)}") for e in events[:EVENTS_NAMED]]
    return ", ".join(named) + (f" and {len(events) - EVENTS_NAMED} more" if len(events) > EVENTS_NAMED else "")


def _page(timeline: Timeline) -> str:
    return md.link(timeline.authority.name, relative(HOME_PAGE, page_path(timeline)))
