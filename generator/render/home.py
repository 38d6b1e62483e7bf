"""The front page, which answers before it explains: a search for an authority first, then the
newest events across England, the map in its first view, and what the latest update of the data
changed. How to read the site is a hand-written page of its own (docs/guide.md), linked from here.

Pure functions of the model; every string from the data goes through ``markdown.text``.
"""

from __future__ import annotations

from generator.chart_cache import Files
from generator.model import Dataset
from generator.render import markdown as md
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
from generator.timeline import overall_grade

TITLE = "Inspection Timelines"
#: How many of the newest events the front page lists.
NEWEST = 10
#: How many authorities changed in the latest update it names before saying how many more.
NAMED = 12
#: The hand-written page on how to read the site.
GUIDE_PAGE = "guide.md"


def home_page(dataset: Dataset, drawn: Files) -> str:
    """The front page (Markdown); ``drawn`` holds the map's drawings, by path, whose size it gives."""
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
        _update(dataset),
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


def _update(dataset: Dataset) -> str:
    """When the data were compiled and last checked against Ofsted, and which authorities' files the
    latest change touched (each file says when it was last changed)."""
    checked = (f"last checked against Ofsted's report site on {dataset.ofsted_checked.display()}"
               if dataset.ofsted_checked else "not yet checked against Ofsted's report site")
    sentences = [f"These data were compiled on {dataset.as_of.display()} and {checked}."]
    latest = max((t.updated for t in dataset.timelines), key=lambda d: d.first_day(), default=None)
    if latest is not None:
        changed = [t for t in dataset.timelines if t.updated == latest]
        names = ", ".join(md.link(t.authority.name, relative(HOME_PAGE, page_path(t))) for t in changed[:NAMED])
        more = f" and {len(changed) - NAMED} more" if len(changed) > NAMED else ""
        sentences.append(f"The latest change to an authority's data was on {latest.display()}, to "
                         f"{len(changed)} authorit{'ies' if len(changed) > 1 else 'y'}: {names}{more}.")
    return " ".join(sentences)
