"""Where every generated page and chart lives in the assembled docs, and how pages link to each other.

One module names the places, so that a page, the navigation and a link from another page can
never disagree about an address. Addresses of published pages never change.
"""

from __future__ import annotations

import posixpath

from generator.model import Kind, Region, Timeline

#: The national page: the "Authorities" section's own page.
ENGLAND_PAGE = "authorities/index.md"
#: The front page.
HOME_PAGE = "index.md"

#: The chart files of an authority, kept in a folder beside its page.
LIGHT_SVG, DARK_SVG, SPEC_JSON = "timeline-light.svg", "timeline-dark.svg", "timeline.vl.json"
#: The same chart as a picture for link previews (Open Graph), beside them.
PREVIEW_PNG = "timeline.png"
#: The grade chart of the national page and of each region page, beside the page.
GRADES_LIGHT_SVG, GRADES_DARK_SVG, GRADES_SPEC_JSON = "grades-light.svg", "grades-dark.svg", "grades.vl.json"


def page_path(timeline: Timeline) -> str:
    """Where an authority's page lives in the assembled docs; its URL never changes. It is the index
    of its own folder, beside its charts, so that the page's source and its address are in one
    folder: MkDocs leaves the addresses in a page's HTML as they are (relative to its address),
    Zensical resolves them from its source, and both then agree."""
    return f"authorities/{timeline.authority.slug}/index.md"


def chart_path(timeline: Timeline, name: str) -> str:
    """Where a chart file lives in the assembled docs: ``authorities/<slug>/<name>``."""
    return f"authorities/{timeline.authority.slug}/{name}"


def download_path(timeline: Timeline, extension: str) -> str:
    """Where an authority's data to download live: ``authorities/<slug>/<slug>.csv`` (or ``.json``),
    named after the authority so that a downloaded file says whose it is."""
    return chart_path(timeline, f"{timeline.authority.slug}.{extension}")


#: The hand-written page about the site (docs/about.md): who makes it, sources, licences, naming.
ABOUT_PAGE = "about.md"
#: The map page; its drawings are beside it.
MAP_PAGE = "map/index.md"


def map_drawing(view: str, palette: str) -> str:
    """Where one view of the map in one palette lives: ``map/grades-light.svg``."""
    return beside(MAP_PAGE, f"{view}-{palette}.svg")


#: The page that offers the whole data set, and the folder of its files.
DOWNLOADS_PAGE = "downloads/index.md"

# Every feed lives at the top of the site: the theme fetches "sitemap.xml" from beside each
# <link rel="alternate"> of a page (it takes them for other languages of the site), and only the
# top folder has one.
ENGLAND_FEED = "feed.xml"


def kind_feed(kind: Kind) -> str:
    """Where the feed of one kind of event lives: ``feed-kind-monitoring-visit.xml``."""
    return f"feed-kind-{kind.value.replace('_', '-')}.xml"


def authority_feed(timeline: Timeline) -> str:
    """Where an authority's feed lives: ``feed-trafford.xml``."""
    return f"feed-{timeline.authority.slug}.xml"


#: The page that sets two to six authorities' timelines one above the other, and the data its
#: script draws them from.
COMPARE_PAGE = "compare/index.md"
#: The method of the estimate of the next full inspection, with its backtest.
NEXT_PAGE = "next-inspection/index.md"
COMPARE_INDEX = "compare/authorities.json"
#: The compare page's script (hand-written, in docs/) and the Vega, Vega-Lite and Vega-Embed
#: bundle it loads (generated), served from the site itself.
COMPARE_SCRIPT = "javascripts/compare.js"
VEGA_BUNDLE = "javascripts/vega-embed.js"


def region_page(region: Region) -> str:
    """Where a region's page lives: ``regions/north-west/index.md`` (an index page, so that it can be
    its navigation section's own page)."""
    return f"regions/{region.value.replace('_', '-')}/index.md"


def beside(page: str, name: str) -> str:
    """A file in the same folder as ``page`` (the charts of the national and region pages)."""
    return posixpath.join(posixpath.dirname(page), name)


def page_url(page: str) -> str:
    """The address MkDocs publishes a page at, from the top of the site (directory URLs):
    ``about.md`` at ``about/``, ``compare/index.md`` at ``compare/``.
    Files that are not Markdown link to pages by these addresses (feeds, the compare page's data)."""
    folder, name = posixpath.split(page.removesuffix(".md"))
    return posixpath.join(folder, "" if name == "index" else name, "")


def relative(from_page: str, to_path: str) -> str:
    """The address of ``to_path`` as a link written on ``from_page`` (MkDocs checks and rewrites it)."""
    return _relpath(to_path, posixpath.dirname(from_page))


def relative_url(from_page: str, to_path: str) -> str:
    """The address of ``to_path`` as the raw HTML of ``from_page`` writes it, relative to the page's
    URL: MkDocs rewrites the links of Markdown, not the addresses in HTML."""
    return _relpath(to_path, page_url(from_page))


def page_link(from_page: str, to_page: str) -> str:
    """The address of the page ``to_page`` as the raw HTML of ``from_page`` writes it."""
    return _relpath(page_url(to_page), page_url(from_page)) + "/"


def _relpath(path: str, start: str) -> str:
    """``posixpath.relpath`` for the site's own paths, which are relative and hold no ``..``: it
    asks the file system for the current folder on every call, a tenth of the time it takes to
    write every authority page."""
    to, base = ([p for p in value.split("/") if p not in ("", ".")] for value in (path, start))
    common = 0
    while common < min(len(to), len(base)) and to[common] == base[common]:
        common += 1
    return "/".join([".."] * (len(base) - common) + to[common:]) or "."


def anchor(event_id: str) -> str:
    """The id of an event's heading on its authority page; other pages and tables link to it."""
    return f"event-{event_id}"
