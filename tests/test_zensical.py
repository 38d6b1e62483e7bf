"""The site as Zensical builds it, against the site MkDocs builds, from the same generated docs
(issue 18): Material for MkDocs reaches its end of life in May 2027, and the switch to its
successor must be a setting already tested, not a migration.

Both are built from the shipped data: MkDocs for the session (``built``), Zensical here, after
it, in the same folder. Each page of both is read once, with the standard library's HTML parser
(BeautifulSoup would take a minute over the 350 pages). The browser tests that take ``any_site``
(search, the tables' sorting, the compare page) run on both builds as served.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from generator.build import Project, build
from generator.builders import site_folder
from generator.cli import main
from generator.site_config import read_settings
from tests.conftest import copy_project


@dataclass
class Page(HTMLParser):
    """What a built page says that both builds must agree on, and every address it uses."""

    ids: set[str] = field(default_factory=set)
    addresses: list[tuple[str, str]] = field(default_factory=list)  # (tag, address) of a, link, script, img
    title: str = ""
    heading: str = ""  # the first h1's text, without its permalink
    meta: dict[str, str] = field(default_factory=dict)  # Open Graph and Twitter tags
    feeds: list[tuple[str, str]] = field(default_factory=list)  # (title, address)
    _in: str = ""

    def __post_init__(self) -> None:
        super().__init__(convert_charrefs=True)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        given = {k: v or "" for k, v in attrs}
        if "id" in given:
            self.ids.add(given["id"])
        address = given.get("src" if tag in ("script", "img") else "href")
        if tag in ("a", "link", "script", "img") and address:
            self.addresses.append((tag, address))
        if tag == "meta" and given.get("property", given.get("name", "")).startswith(("og:", "twitter:")):
            self.meta[given.get("property") or given["name"]] = given.get("content", "")
        if tag == "link" and given.get("rel") == "alternate" and given.get("type") == "application/atom+xml":
            self.feeds.append((given.get("title", ""), address or ""))
        if tag == "title" or (tag == "h1" and not self.heading):
            self._in = tag
        elif tag == "a" and self._in == "h1":
            self._in = "h1-link"  # the heading's permalink, whose "¶" is not the heading's

    def handle_endtag(self, tag: str) -> None:
        if tag == self._in or (tag == "a" and self._in == "h1-link"):
            self._in = "h1" if self._in == "h1-link" else ""

    def handle_data(self, data: str) -> None:
        if self._in == "title":
            self.title += data
        elif self._in == "h1":
            self.heading += data


def _read(site: Path) -> dict[str, Page]:
    pages = {}
    for path in sorted(site.rglob("*.html")):
        page = Page()
        page.feed(path.read_text("utf-8"))
        pages[path.relative_to(site).as_posix()] = page
    return pages


@dataclass(frozen=True)
class Sites:
    root: str  # the public address both were built for
    mkdocs: Path
    zensical: Path
    pages: dict[str, dict[str, Page]]  # by builder, then by path in the site


@pytest.fixture(scope="module")
def sites(built: Project) -> Sites:
    zensical = build(built, log=lambda _: None, builder="zensical")
    mkdocs = site_folder(built.build)
    return Sites(read_settings(built.config).site_url, mkdocs, zensical,
                 {"mkdocs": _read(mkdocs), "zensical": _read(zensical)})


def test_both_builders_make_the_same_pages_with_the_same_titles_and_headings(sites: Sites) -> None:
    mkdocs, zensical = sites.pages["mkdocs"], sites.pages["zensical"]
    assert sorted(zensical) == sorted(mkdocs) and len(mkdocs) > 170
    assert "404.html" in zensical and "authorities/kingston-upon-hull/index.html" in zensical
    assert [(p, zensical[p].title, zensical[p].heading) for p in zensical] == [
        (p, mkdocs[p].title, mkdocs[p].heading) for p in zensical]
    assert zensical["authorities/kingston-upon-hull/index.html"].heading == "Kingston upon Hull"


def _resolved(sites: Sites, page: str, address: str) -> str:
    """An address as a reader's browser resolves it on ``page`` of the site at its public address."""
    return urljoin(sites.root + page, address)


def test_open_graph_tags_and_feed_links_are_the_same(sites: Sites) -> None:
    for path, page in sites.pages["zensical"].items():
        other = sites.pages["mkdocs"][path]
        assert page.meta == other.meta, path
        assert [(t, _resolved(sites, path, a)) for t, a in page.feeds] == [
            (t, _resolved(sites, path, a)) for t, a in other.feeds], path
    hull = sites.pages["zensical"]["authorities/kingston-upon-hull/index.html"]
    assert hull.meta["og:image"] == f"{sites.root}authorities/kingston-upon-hull/timeline.png"
    assert [t for t, _ in hull.feeds] == ["Inspection Timelines: newest events in England",
                                           "Inspection Timelines: Kingston upon Hull"]


@pytest.mark.parametrize("builder", ["mkdocs", "zensical"])
def test_every_internal_link_resolves_to_a_file_and_each_fragment_to_its_element(sites: Sites, builder: str) -> None:
    folder = sites.mkdocs if builder == "mkdocs" else sites.zensical
    pages = sites.pages[builder]
    broken = []
    for path, page in pages.items():
        for tag, address in page.addresses:
            target = urlsplit(_resolved(sites, path, address))
            if not (target.scheme + "://" + target.netloc + target.path).startswith(sites.root):
                continue  # another site's
            inside = unquote(target.path).removeprefix(urlsplit(sites.root).path)
            file = inside + "index.html" if inside in ("",) or inside.endswith("/") else inside
            if not (folder / file).is_file():
                broken.append((path, address))
            elif tag == "a" and target.fragment and file.endswith(".html") and target.fragment not in pages[file].ids:
                broken.append((path, address))
    assert broken == []


def test_the_search_index_holds_hull_by_its_names_and_code_and_northants(sites: Sites) -> None:
    """The words a reader searches by are in each index, on the page searched for (which result
    comes first, each search's own ranking decides: the browser tests check it on both)."""
    indexes = {"mkdocs": json.loads((sites.mkdocs / "search" / "search_index.json").read_text("utf-8"))["docs"],
               "zensical": json.loads((sites.zensical / "search.json").read_text("utf-8"))["items"]}
    for builder, entries in indexes.items():
        def holds(page: str, word: str) -> bool:
            return any(e["location"].split("#")[0] == page and word in e["title"] + " " + e["text"] for e in entries)
        assert holds("authorities/kingston-upon-hull/", "Hull"), builder
        assert holds("authorities/kingston-upon-hull/", "E06000010"), builder
        assert holds("authorities/north-northamptonshire/", "Northants"), builder
        assert holds("authorities/west-northamptonshire/", "Northants"), builder


def test_both_sitemaps_list_the_same_pages(sites: Sites) -> None:
    def listed(folder: Path) -> list[str]:
        text = (folder / "sitemap.xml").read_text("utf-8")
        return sorted(part.split("</loc>")[0] for part in text.split("<loc>")[1:])
    assert listed(sites.zensical) == listed(sites.mkdocs)
    assert f"{sites.root}authorities/kingston-upon-hull/" in listed(sites.zensical)


def test_a_broken_link_fails_the_zensical_build_saying_where(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path, only={"trafford"})
    (project.docs / "broken.md").write_text("[a link to nowhere](nowhere.md)\n", "utf-8")
    assert main(["--root", str(project.root), "build", "--builder", "zensical"]) == 2
    said = capsys.readouterr().err
    assert said.startswith("error: Zensical could not build the site:\n")
    assert "broken.md:1:21" in said and "page does not exist" in said
    assert "\x1b[" not in said and "Traceback" not in said
    assert said.endswith("1 issue found\n")
    assert not (project.build / "site-zensical").exists() and list(project.build.glob(".site*")) == []
