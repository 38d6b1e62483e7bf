"""A pull request's summary of the pages its change to the data affects, in Markdown (GitHub shows
the job summary, ``$GITHUB_STEP_SUMMARY``, as GitHub-flavoured Markdown).

Links go to the pages at the site's public address, where a reviewer can see them as they are
before the change is merged. Every string from the data goes through ``markdown.text``.
"""

from __future__ import annotations

from itertools import groupby

from generator.affected import AuthorityChange, Comparison
from generator.model import Region, Timeline
from generator.problems import DataProblems
from generator.render import markdown as md
from generator.render.paths import (
    ENGLAND_PAGE,
    MAP_PAGE,
    page_path,
    page_url,
    region_page,
)

TITLE = "## Pages this change affects"
#: Problems listed at most (the count says how many in all): a change of the format can make every
#: file a problem.
SHOWN_PROBLEMS = 10
#: What each of the register's fields that every page shows is, in words.
DATASET_FIELDS_SAID = {
    "as_of": "the data set's as-of date",
    "coverage": "what the data set holds (coverage)",
    "currency": "how far each body of sources runs (currency)",
    "ofsted_checked": "the day the data were last checked against Ofsted's report site (ofsted_checked)",
}
_HEADINGS = {
    "changed": "Changed",
    "added": "Added: new pages",
    "removed": "Removed: these pages will no longer be published",
}


def summary(comparison: Comparison, site_url: str) -> str:
    """The summary of ``comparison``; ``site_url`` is the site's public address, ending in ``/``."""
    base = md.text(comparison.revision)
    if comparison.head_problems:
        problems = comparison.head_problems
        return _parts(f"The data in this change do not validate: {problems.count()} The pages it affects can be "
                      "listed once they do. In CI, each problem is also marked on its line.",
                      _problem_list(problems))
    if comparison.base_problems:
        problems = comparison.base_problems
        return _parts(f"The data at {base} do not validate with this change's rules, so they cannot be compared "
                      "authority by authority; if this change alters the format of the data files, any page "
                      f"may change. {problems.count()}", _problem_list(problems))
    if comparison.changes or comparison.dataset or comparison.frameworks or comparison.cartogram:
        found = [f"Compared with the data at {base}:", *_changes(comparison, site_url)]
    else:
        found = [f"Compared with the data at {base}, no authority's data changed, so the data change no page."]
    return _parts(*found, "_Only `data/` is compared: a change to the generator, `docs/` or `mkdocs.yml` can "
                          "change other pages too._")


def _parts(*parts: str) -> str:
    return "\n\n".join((TITLE, *parts)) + "\n"


def _changes(comparison: Comparison, site_url: str) -> list[str]:
    parts = []
    for status, changes in groupby(comparison.changes, key=lambda c: c.status):
        parts.append(f"**{_HEADINGS[status]}**\n\n" + "\n".join(_change(c, site_url) for c in changes))
    if comparison.regions:
        regions = ", ".join(_region_link(r, site_url) for r in comparison.regions)
        parts.append(f"**Pages that list them**: {_page_link('England', ENGLAND_PAGE, site_url)} and "
                     f"the region page{'s' if len(comparison.regions) > 1 else ''} {regions}; the map, the "
                     "compare page, the downloads and the feeds hold every authority as well. Every authority "
                     "page counts the authorities of its region and of England by grade, so a changed grade "
                     "changes those counts on each of them.")
    if comparison.mentions:
        lines = []
        for timeline, mentions in groupby(comparison.mentions, key=lambda m: m.timeline):
            named = "; ".join(f"{md.text(m.of.authority.name)} as its {m.role}" for m in mentions)
            lines.append(f"- {_link(timeline, site_url)} names {named}")
        parts.append("**Pages that name them**\n\n" + "\n".join(lines))
    if comparison.dataset:
        fields = " and ".join(DATASET_FIELDS_SAID[f] for f in comparison.dataset)
        parts.append(f"**Every page**: {fields} changed, which the authority, region and England pages show.")
    if comparison.frameworks:
        parts.append(f"**Every page**: {md.code('data/frameworks.yaml')} changed: the grades, judgements and "
                     "frameworks that every page names, or the rhythms from which each authority page estimates "
                     "the next inspection.")
    if comparison.cartogram:
        parts.append(f"**The map**: {_page_link('its page', MAP_PAGE, site_url)} draws the changed layout "
                     f"of {md.code('data/cartogram.geojson')}.")
    return parts


def _change(change: AuthorityChange, site_url: str) -> str:
    if change.status == "removed":  # its address as code: the slug is validated, and a link would be dead
        return f"- {md.text(change.timeline.authority.name)}: {md.code(page_url(page_path(change.timeline)))}"
    what = []
    for words, ids in (("events added", change.events_added), ("events changed", change.events_changed),
                       ("events removed", change.events_removed)):
        if ids:
            what.append(f"{words}: " + ", ".join(md.text(i) for i in ids))
    if change.register:
        what.append("register entry: " + ", ".join(md.text(f) for f in change.register))
    if change.updated:
        what.append("date updated")
    return f"- {_link(change.timeline, site_url)}" + (": " + "; ".join(what) if what else "")


def _page_link(label: str, page: str, site_url: str) -> str:
    """A link to a page of the site (its path in the docs) at the site's public address."""
    return md.link(label, site_url + page_url(page))


def _link(timeline: Timeline, site_url: str) -> str:
    return _page_link(timeline.authority.name, page_path(timeline), site_url)


def _region_link(region: Region, site_url: str) -> str:
    return _page_link(region.label, region_page(region), site_url)


def _problem_list(problems: DataProblems) -> str:
    lines = [f"- {md.text(str(p))}" for p in problems.problems[:SHOWN_PROBLEMS]]
    if len(problems.problems) > SHOWN_PROBLEMS:
        lines.append(f"- and {len(problems.problems) - SHOWN_PROBLEMS} more")
    return "\n".join(lines)
