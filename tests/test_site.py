"""The built site, read as a reader's browser gets it: HTML, chart specs, SVG, search index."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

import pytest
from altair.utils.schemapi import validate_jsonschema
from altair.vegalite.v6.schema import core as vegalite_schema
from bs4 import BeautifulSoup, Tag
from ruamel.yaml import YAML

from generator.build import Project, build
from generator.cli import main
from generator.importer.letters import FOLDER as LETTER_FOLDER
from generator.importer.letters import INDEX as LETTER_INDEX
from generator.importer.letters import NOTE_START as LETTER_NOTE
from generator.importer.letters import REPOSITORY as LETTER_REPOSITORY
from generator.importer.inspection_report import report_lines
from generator.importer.pdftext import letter_lines
from generator.importer.reports import FOLDER as REPORT_FOLDER
from generator.importer.reports import NOTE_START as REPORT_NOTE
from generator.importer.text import clean, flat
from generator.model import Dataset, Region, SourceType
from generator.render import grades
from generator.render.charts import DARK, LIGHT, in_palette, svg
from generator.render.grade_chart import grade_chart_spec
from generator.render.overview import chart_segments, page_of
from generator.render.paths import anchor
from generator.site_config import read_settings
from generator.render.overview import area_anchor
from generator.standing import views
from generator.timeline import Standing, overall_grade, placed_on, span, standing
from generator.validate import load_dataset
from tests.conftest import ROOT, SEED_AUTHORITIES, TRAFFORD_2019, copy_project, html, shared_file

# Facts the seed documents give, as each authority's page must show them: {slug: {section id: [text]}}.
SEED_FACTS: dict[str, dict[str, list[str]]] = {
    "hartlepool": {
        "latest": ["Overall effectiveness: Outstanding", "18–22 March 2024"],
        "event-cra-inspection-2009-11-24": [
            "24–25 November 2009", "Unannounced inspection of contact, referral and assessment (2009)",
            "Areas for priority action None.", "Nicola Bailey", "Director of Child and Adult Services",
            "Heather Brown", "Caseloads too high in the Children with Disabilities team", "23 December 2009"],
        "event-sif-inspection-2013-11": [  # the editor's "November 2013", made precise by Ofsted's report
            "19 November – 11 December 2013", "Single Inspection Framework", "Overall effectiveness: Good",
            "good in all the sub-judgements", "Ofsted's last inspection in 2014"],
        "event-ilacs-short-2018-07-23": [
            "23–27 July 2018", "ILACS short inspection", "Report published: 28 August 2018",
            "Overall effectiveness: Good", "Impact of leaders on social work practice: Good",
            "Children who need help and protection: Good", "Children in care and care leavers: Outstanding",
            "Lead inspector: Tracey Metcalfe (Her Majesty's Inspector)", "Case audits, which vary in quality",
            "Academic outcomes for children in care remain mixed"],
        "event-ministerial-letter-2018-08-28": [
            "28 August 2018", "Nadhim Zahawi MP", "brilliant outcome", "Christopher Akers-Belcher"],
        "event-council-report-2018-09-18": ["18 September 2018", "Sally Robinson", "significant achievement"],
        "event-news-cypnow-progress-visit": [
            "Date not known", "Children & Young People Now", "monitoring visit",
            "Key professionals do not always attend children's review meetings"],
    },
    "kingston-upon-hull": {
        "event-full-inspection-2019": ["January 2019", "Overall effectiveness: Inadequate", "May 2019"],
        "event-full-inspection-2022-11-14": ["14–25 November 2022", "Requires improvement to be good",
                                             "children in care and care leavers were judged good"],
        "event-improvement-notice-lifted-2023-09": ["September 2023", "Improvement notice lifted",
                                                    "David Johnston", "Caroline O'Neill"],
        "event-monitoring-visit-care-leavers-2022": [
            "2022 · Monitoring visit", "Theme: Care leavers", "fifth monitoring visit", "spring 2022",
            "Shane McMurray", "Paul Moffat"],
        "event-monitoring-visit-2022-07": [
            "July 2022 · Monitoring visit", "Children in need of help and protection", "sixth monitoring visit",
            "Pauline Turner", "Matt Jukes", "Brendan Clarke-Smith", "very hopeful"],
        "event-commissioner-paul-moffat": ["Date not known", "Commissioner appointed", "Paul Moffat"],
        "event-direction-revoked-2022-08-05": ["5 August 2022", "Statutory direction revoked"],
        "event-improvement-notice-2022-08-05": ["5 August 2022", "Improvement notice issued", "six months"],
        "event-leadership-change-2020": ["2020 · Leadership change", "senior management team"],
        "event-leadership-change-permanent-director": [
            "Pauline Turner", "Nicola Clemo", "Sandwell Children's Trust", "2021", "2020"],
        "event-monitoring-visit-ongoing-deterioration": ["Date not known", "Ongoing deterioration"],
    },
    "trafford": {
        "event-full-inspection-2019": ["June 2019", "Report published: 8 May 2019", "23 May 2019"],
        "event-monitoring-visit-children-in-care": [
            "10 March 2022", "Theme: Children in care", "third monitoring visit", "Some visits lack purpose",
            "a strong corporate and political commitment to improving services for children in Trafford"],
    },
    "west-sussex": {
        "event-commissioner-john-coughlan": ["Date not known", "John Coughlan"],
        "event-direction-2019-06-04": ["4 June 2019", "Statutory direction issued"],
        "event-direction-revoked-2023-05-11": ["11 May 2023", "Statutory direction revoked"],
        "event-commissioner-report-2022": ["2022", "Commissioner's report", "John Coughlan"],
        "event-news-2022-05-13-children-in-care": ["13 May 2022", "significantly improved", "November 2021"],
    },
    "southend-on-sea": {
        "event-full-inspection-requires-improvement": ["15–26 July 2019", "three years"],
        "event-focused-visit-children-in-care": [
            "22 March 2022", "Focused visit", "Theme: Children in care", "far from Southend", "too many"],
    },
}


def section_elements(page: BeautifulSoup, element_id: str) -> list[Tag]:
    """A heading and the elements that follow it up to the next heading."""
    heading = page.find(id=element_id)
    assert isinstance(heading, Tag), f"no element with id {element_id}"
    elements = [heading]
    for sibling in heading.find_next_siblings():
        if sibling.name in ("h1", "h2", "h3"):
            break
        elements.append(sibling)
    return elements


def section(page: BeautifulSoup, element_id: str) -> str:
    """The text of a heading's section, with spacing as a reader sees it."""
    text = " ".join(e.get_text(" ") for e in section_elements(page, element_id))
    return re.sub(r" ([.,;:)])", r"\1", " ".join(text.replace("¶", "").split()))


@pytest.mark.parametrize("slug", sorted(SEED_FACTS))
def test_seed_facts_appear_on_their_pages(built: Project, slug: str) -> None:
    page = html(built, f"authorities/{slug}")
    for element_id, facts in SEED_FACTS[slug].items():
        text = section(page, element_id)
        for fact in facts:
            assert fact in text, f"{slug}#{element_id}: {fact!r} not in {text!r}"


def test_every_event_shows_everything_its_data_say(built: Project, dataset: Dataset) -> None:
    for timeline in dataset.timelines:
        page = html(built, f"authorities/{timeline.authority.slug}")
        for event in timeline.events:
            text = section(page, anchor(event.id))
            expected = [event.summary, event.theme, event.notes, *(q.text for q in event.quotes),
                        *(q.by for q in event.quotes), *(p.name for p in event.people),
                        *(s.title for s in event.sources), *(s.publisher for s in event.sources)]
            if event.findings:
                expected += [*event.findings.strengths, *event.findings.to_improve]
            for value in filter(None, expected):
                assert value in text, f"{timeline.authority.slug}/{event.id}: {value!r} missing"
            links = [a["href"] for e in section_elements(page, anchor(event.id)) for a in e.find_all("a", href=True)]
            in_notes = [[u.rstrip(".,;:)'") for u in re.findall(r"https?://[^\s<>\"]+", s.note or "")]
                        for s in event.sources]
            # Ofsted's own report or letter is linked above the event's body too.
            report = [s.url for s in event.sources if s.type is SourceType.REPORT and s.url][:1]
            expected = report + [u for s, noted in zip(event.sources, in_notes) for u in [s.url, *noted] if u]
            assert expected == [h for h in links if h.startswith("http")]


def test_undated_events_are_listed_apart_and_never_charted(built: Project, dataset: Dataset) -> None:
    for timeline in dataset.timelines:
        page = html(built, f"authorities/{timeline.authority.slug}")
        undated = {e.id for e in timeline.events if placed_on(e) is None}
        if not undated:
            assert page.find(id="undated") is None
            continue
        after = {h["id"] for h in page.find(id="undated").find_all_next("h3")}
        assert undated == {i.removeprefix("event-") for i in after if i.startswith("event-")}
        spec = built.build / "site" / "authorities" / timeline.authority.slug / "timeline.vl.json"
        charted = {v["event_id"] for v in _chart_values(json.loads(spec.read_text("utf-8")))} if spec.exists() else set()
        assert not undated & charted


def test_links_are_http_or_lead_to_a_page_and_place_of_the_site(built: Project) -> None:
    """MkDocs checks the links it writes from Markdown; this checks every link, those the
    generator writes as HTML too, wherever it is on a page."""
    site, root = built.build / "site", urlsplit(read_settings(built.config).site_url).path
    pages = {path.resolve(): BeautifulSoup(path.read_text("utf-8"), "html.parser") for path in site.rglob("*.html")}
    ids = {path: {tag["id"] for tag in page.select("[id]")} for path, page in pages.items()}
    followed = 0
    for path, page in pages.items():
        for link in page.select("a[href]"):
            address = urlsplit(link["href"])
            assert address.scheme in ("", "http", "https"), f"{path}: {link['href']}"
            if address.scheme or address.netloc:
                continue
            where = unquote(address.path)
            if where.startswith("/"):  # the 404 page's, which is served at any depth
                target = (site / where.removeprefix(root)).resolve()
            else:
                target = (path.parent / where).resolve() if where else path
            if target.is_dir():
                target = target / "index.html"
            assert target.is_file(), f"{path.relative_to(site)}: {link['href']} leads to no file of the site"
            if address.fragment and target.suffix == ".html":
                assert address.fragment in ids[target], f"{path.relative_to(site)}: {link['href']}: no such place"
            followed += 1
    assert followed > 10_000


def _chart_values(spec: object) -> list[dict]:
    """The distinct data rows of a spec that mark events, wherever Vega-Lite keeps them (a row can
    feed two layers: an open period's bar and its "end not known" label)."""
    def walk(node: object) -> list[dict]:
        if isinstance(node, dict):
            return [node] if "event_id" in node else [r for v in node.values() for r in walk(v)]
        return [r for v in node for r in walk(v)] if isinstance(node, list) else []
    distinct = {json.dumps(row, sort_keys=True): row for row in walk(spec)}
    return [distinct[key] for key in sorted(distinct)]


def test_chart_specs_match_the_events(built: Project, dataset: Dataset) -> None:
    for timeline in dataset.timelines:
        folder = built.build / "site" / "authorities" / timeline.authority.slug
        dated = [e for e in timeline.events if placed_on(e) is not None]
        if not dated:
            assert not (folder / "timeline.vl.json").exists()
            continue
        values = _chart_values(json.loads((folder / "timeline.vl.json").read_text("utf-8")))
        marks = {(v["event_id"], v["start"], v["end"]) for v in values if v["mark"] != "period"}
        for event in dated:
            extent = span(event)
            assert extent is not None
            end = extent.last + dt.timedelta(days=1)
            assert (event.id, extent.first.isoformat(), end.isoformat()) in marks
            grade = overall_grade(event) if event.kind.value == "full_inspection" else None
            drawn = [v for v in values if v["event_id"] == event.id and v["mark"] != "period"]
            assert [(v["grade"], v["mark"]) for v in drawn] == [
                (grades.label(grade) if grade else None, "point" if extent.exact else "span")]
        assert {v["event_id"] for v in values} <= {e.id for e in dated}


@pytest.mark.parametrize("slug", SEED_AUTHORITIES)
def test_chart_specs_are_valid_vega_lite_and_drawn_in_each_palette(built: Project, slug: str) -> None:
    """The build leaves checking against the schema to this test (checking every chart on every
    build costs more than drawing it), and draws the dark chart by swapping the light one's
    colours: it is what vl-convert draws from the dark spec. The seed authorities' charts have
    every kind of mark."""
    folder = built.build / "site/authorities" / slug
    spec = json.loads((folder / "timeline.vl.json").read_text("utf-8"))
    validate_jsonschema(spec, vegalite_schema.load_schema())
    dark = in_palette({key: value for key, value in spec.items() if key != "config"}, DARK)
    assert (folder / "timeline-dark.svg").read_text("utf-8") == svg(dark)


def test_grade_charts_are_drawn_in_each_palette(built: Project, dataset: Dataset) -> None:
    for region in (None, Region.NORTH_WEST):
        page = (built.build / "site" / page_of(region)).parent
        dark = grade_chart_spec(chart_segments(dataset, region), DARK)
        assert (page / "grades-dark.svg").read_text("utf-8") == svg(dark)


def test_intervention_periods_are_drawn_from_start_to_end(built: Project) -> None:
    spec = json.loads((built.build / "site/authorities/west-sussex/timeline.vl.json").read_text("utf-8"))
    periods = [v for v in _chart_values(spec) if v["mark"] == "period"]
    assert periods == [{"event_id": "direction-2019-06-04", "lane": "DfE intervention",
                        "what": "Statutory direction in force", "when": "4 June 2019 to 11 May 2023",
                        "start": "2019-06-04", "end": "2023-05-12", "mark": "period", "grade": None,
                        "tone": None, "note": None}]


def test_charts_are_svg_in_two_palettes_with_text_alternatives(built: Project, dataset: Dataset) -> None:
    for timeline in dataset.timelines:
        slug = timeline.authority.slug
        folder = built.build / "site" / "authorities" / slug
        page = html(built, f"authorities/{slug}")
        images = page.select("img.it-chart")
        if not (folder / "timeline.vl.json").exists():
            assert images == []
            continue
        light, dark = [(folder / f"timeline-{p}.svg").read_text("utf-8") for p in ("light", "dark")]
        for drawing, palette, other in ((light, LIGHT, DARK), (dark, DARK, LIGHT)):
            assert ET.fromstring(drawing).tag == "{http://www.w3.org/2000/svg}svg"
            assert f'fill="{palette.text}"' in drawing and f'"{other.text}"' not in drawing, slug
        assert [img["src"] for img in images] == ["timeline-light.svg#only-light", "timeline-dark.svg#only-dark"]
        assert all(timeline.authority.name in img["alt"] for img in images)
        chart = section(page, "timeline")
        assert f"The chart shows {timeline.authority.name}'s timeline" in chart
        rows = page.find(id="timeline").find_next("table").find_all("tr")[1:]
        spec = json.loads((folder / "timeline.vl.json").read_text("utf-8"))
        assert len(rows) == len(_chart_values(spec))


def test_national_and_region_pages_list_every_current_authority_with_its_grade(built: Project,
                                                                              dataset: Dataset) -> None:
    def listed(page: BeautifulSoup) -> list[Tag]:
        return page.find(id="all").find_next("table").select("tbody tr")

    current = [t for t in dataset.timelines if t.authority.abolished is None]
    rows = listed(html(built, "authorities"))
    assert [r.find("a")["href"] for r in rows] == [f"{t.authority.slug}/" for t in current]
    areas = views(dataset)
    for row, timeline in zip(rows, current):
        cells = row.find_all("td")
        assert cells[1].get_text(strip=True) == timeline.authority.region.label
        for area, cell in zip(areas, cells[2:]):
            found = standing(timeline.events, area, dataset.as_of)
            words = grades.label(found.grade) if isinstance(found, Standing) else grades.gap_words(found)
            assert cell.find("data").get_text(strip=True) == words
    for region in Region:
        page = html(built, f"regions/{region.value.replace('_', '-')}")
        here = [t.authority.slug for t in current if t.authority.region is region]
        gone = [t.authority.slug for t in dataset.timelines if t.authority.region is region and t.authority.abolished]
        assert [r.find("a")["href"] for r in listed(page)] == [f"../../authorities/{slug}/" for slug in here]
        if gone:
            assert [r.find("a")["href"] for r in page.find(id="former").find_next("table").select("tbody tr")] == [
                f"../../authorities/{slug}/" for slug in gone]
        else:
            assert page.find(id="former") is None


def test_grade_charts_are_svg_in_two_palettes_beside_a_table_of_their_numbers(built: Project, dataset: Dataset) -> None:
    for folder in ["authorities", *(f"regions/{r.value.replace('_', '-')}" for r in Region)]:
        path = built.build / "site" / folder
        light, dark = [(path / f"grades-{p}.svg").read_bytes() for p in ("light", "dark")]
        assert light != dark
        for content in (light, dark):
            assert ET.fromstring(content).tag == "{http://www.w3.org/2000/svg}svg"
        page = html(built, folder)
        assert [img["src"] for img in page.select("img.it-chart")] == ["grades-light.svg#only-light",
                                                                       "grades-dark.svg#only-dark"]
        spec = json.loads((path / "grades.vl.json").read_text("utf-8"))
        values = (spec.get("data") or spec["layer"][0]["data"])["values"]
        drawn = {(v["view"], v["group"], v["grade"]): v["count"] for v in values}
        groups = {v["group"] for v in values}
        for area in views(dataset):
            table = page.find(id=f"grades-{area_anchor(area)}").find_next("table")
            header = [th.get_text() for th in table.select("thead th")]
            for row in table.select("tbody tr"):
                cells = [td.get_text() for td in row.find_all("td")]
                if cells[0] not in groups:
                    continue  # the national page's table counts each region; its chart draws England
                counted = {(area.label, cells[0], grade): int(n) for grade, n in zip(header[1:-1], cells[1:-1])
                           if n != "0"}
                assert counted == {key: n for key, n in drawn.items() if key[:2] == (area.label, cells[0])}


def test_search_index_finds_hull(built: Project) -> None:
    index = json.loads((built.build / "site/search/search_index.json").read_text("utf-8"))
    separator = re.compile(index["config"]["separator"])
    hits = {doc["location"].split("#")[0] for doc in index["docs"]
            if "hull" in {t.lower() for t in separator.split(doc["title"] + " " + doc["text"])}}
    assert "authorities/kingston-upon-hull/" in hits
    page = next(d for d in index["docs"] if d["location"] == "authorities/kingston-upon-hull/")
    assert page["title"] == "Kingston upon Hull"


def test_navigation_groups_every_authority_by_region(built: Project, dataset: Dataset) -> None:
    config = YAML(typ="safe", pure=True).load((built.build / "mkdocs.yml").read_text("utf-8"))
    authorities = next(item["Authorities"] for item in config["nav"] if "Authorities" in item)
    sections = {title: pages for entry in authorities[1:] for title, pages in entry.items()}
    assert list(sections) == [r.label for r in Region]
    regions = {title: [next(iter(p.values())) for p in pages[1:]] for title, pages in sections.items()}
    for region in Region:
        assert sections[region.label][0] == f"regions/{region.value.replace('_', '-')}/index.md"
    for timeline in dataset.timelines:
        assert f"authorities/{timeline.authority.slug}/index.md" in regions[timeline.authority.region.label]
    in_nav = {p for pages in regions.values() for p in pages} | {"authorities/index.md"}
    in_nav |= {pages[0] for pages in sections.values()}
    docs = built.build / "docs"
    generated = {p.relative_to(docs).as_posix() for p in [*(docs / "authorities").glob("**/index.md"),
                                                          *(docs / "regions").glob("*/index.md")]}
    assert generated == in_nav


def test_reference_lists_every_field_and_allowed_value(built: Project) -> None:
    from generator.render.reference import RECORDS, VOCABULARIES

    page = html(built, "editing/reference")

    def first_column(heading_id: str) -> list[str]:
        table = page.find(id=heading_id).find_next("table")
        return [tr.find("td").get_text() for tr in table.select("tbody tr")]

    for vocabulary in VOCABULARIES:
        table = page.find(id=f"ref-{vocabulary.__name__.lower()}").find_next("table")
        rows = [[td.get_text() for td in tr.find_all("td")] for tr in table.select("tbody tr")]
        assert rows == [[member.value, member.label] for member in vocabulary]
    for model, _ in RECORDS:
        assert first_column(f"ref-{model.__name__.lower()}") == list(model.model_fields)
    targets = {a["href"].removeprefix("#") for a in page.select('a[href^="#ref-"]')}
    assert targets and targets <= {element["id"] for element in page.find_all(id=True)}
    assert "``" not in page.get_text()


def test_every_page_has_a_description_open_graph_tags_and_a_place_in_the_sitemap(built: Project) -> None:
    site = built.build / "site"
    config = YAML(typ="safe", pure=True).load((built.build / "mkdocs.yml").read_text("utf-8"))
    base = config["site_url"]
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = {e.text for e in ET.parse(site / "sitemap.xml").getroot().findall("s:url/s:loc", namespace)}
    pages = sorted(p for p in site.rglob("index.html"))
    assert len(pages) > 160
    for path in pages:
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        meta = {m.get("property") or m.get("name"): m.get("content") for m in soup.find_all("meta")}
        title = soup.find("h1").get_text().replace("¶", "").strip()
        assert meta["description"] and meta["og:description"] == meta["description"], path
        assert meta["og:title"] == (config["site_name"] if path == site / "index.html" else title), path
        assert not any(re.search(r"&#|&amp;|&lt;", meta[k]) for k in ("og:title", "og:description")), path
        url = base + path.parent.relative_to(site).as_posix() + "/" if path.parent != site else base
        assert meta["og:url"] == url and url in listed, path
    missing = BeautifulSoup((site / "404.html").read_text("utf-8"), "html.parser")
    assert "404" in missing.get_text() and missing.find("meta", attrs={"property": "og:title"}) is not None
    trafford = BeautifulSoup((site / "authorities/trafford/index.html").read_text("utf-8"), "html.parser")
    assert "Trafford's children's services" in trafford.find("meta", attrs={"property": "og:description"})["content"]


def test_no_page_loads_anything_from_elsewhere(built: Project) -> None:
    for path in (built.build / "site").rglob("*.html"):
        page = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        for tag, attribute in (("script", "src"), ("link", "href"), ("img", "src"), ("iframe", "src")):
            for element in page.find_all(tag):
                value = element.get(attribute, "")
                if tag == "link" and element.get("rel") in (["canonical"], ["alternate"]):
                    continue
                assert not re.match(r"(https?:)?//", value), f"{path}: {tag} {value}"


def _tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_builds_are_byte_identical(built: Project, tmp_path: Path) -> None:
    again = copy_project(tmp_path)
    build(again, log=lambda _: None)
    assert _tree_digest(again.build) == _tree_digest(built.build)


def test_a_failed_build_leaves_the_last_site_untouched(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_project(tmp_path, only=SEED_AUTHORITIES)
    assert main(["--root", str(project.root), "build"]) == 0
    before = _tree_digest(project.build)
    events = project.data / "events" / "trafford.yaml"
    events.write_text(events.read_text("utf-8").replace("date: 2019-03-04\n", "date: 2019-02-29\n"), "utf-8")
    assert main(["--root", str(project.root), "build"]) == 1
    assert capsys.readouterr().err.splitlines()[0] == (
        f"data/events/trafford.yaml:{TRAFFORD_2019}: events[3].date: '2019-02-29' is not a real date: February 2019 "
        "has 28 days")
    assert _tree_digest(project.build) == before
    events.write_text(events.read_text("utf-8").replace("date: 2019-02-29\n", "date: 2019-03-04\n"), "utf-8")
    (project.docs / "broken.md").write_text("[a link to nowhere](nowhere.md)\n", "utf-8")
    capsys.readouterr()
    assert main(["--root", str(project.root), "build"]) == 2
    assert "nowhere.md" in capsys.readouterr().err
    assert _tree_digest(project.build / "site") == {
        k.removeprefix("site/"): v for k, v in before.items() if k.startswith("site/")}
    assert [p.name for p in project.build.iterdir() if p.name.startswith(".")] == []


def test_quotations_are_exact_words_of_their_documents() -> None:
    """A letter's or a report's quotations are in its text; every other one is in a seed document."""
    seeds = shared_file("seeds")
    letters = shared_file(f"data/{LETTER_FOLDER}")
    reports = shared_file(f"data/{REPORT_FOLDER}")

    def normal(text: str) -> str:
        return " ".join(text.translate(str.maketrans("‘’“”", "''\"\"")).split())
    corpus = normal(" ".join(p.read_text("utf-8") for p in sorted(seeds.glob("*.txt"))))
    dataset = load_dataset(ROOT / "data", ROOT)
    checked = 0
    for timeline in dataset.timelines:
        for event in timeline.events:
            letter = next((s for s in event.sources if (s.note or "").startswith(LETTER_NOTE)), None)
            report = next((s for s in event.sources if (s.note or "").startswith(REPORT_NOTE)), None)
            text = corpus
            if report is not None and event.quotes:
                name = re.search(r"\(file '(.+?\.pdf)'\)", report.note or "").group(1)  # type: ignore[union-attr]
                # (Text in the data has its runs of spaces made one: so has the note's name of the file.)
                [pdf] = [p for p in reports.glob(f"{timeline.authority.ofsted_urn}_*/*.pdf")
                         if " ".join(p.name.split()) == name]
                text = normal(flat([clean(line) for line in report_lines(pdf)]))
                checked += 1
            elif letter is not None and event.quotes:
                copy = unquote((letter.url or "").split("/inspection_reports/")[-1])
                [pdf] = letters.glob(f"*/{copy}")
                text = normal(flat([clean(line) for line in letter_lines(pdf)]))
                checked += 1
            for quoted in event.quotes:
                assert normal(quoted.text) in text, f"{timeline.authority.slug}/{event.id}: {quoted.text!r}"
    assert checked > 150 + 450


def test_seed_authorities_show_their_letters_visits_and_say_the_early_years_are_partial(built: Project,
                                                                                        dataset: Dataset) -> None:
    hartlepool = html(built, "authorities/hartlepool")
    visit = section(hartlepool, "event-focused-visit-2020-03-04")
    assert visit.startswith("4–5 March 2020 · Focused visit"), visit
    assert "Theme: Children in need, and children subject to a child protection plan" in visit
    assert "Lead inspector: Lisa Summers" in visit
    assert "Report published: 27 March 2020" in visit
    index = shared_file(f"data/{LETTER_INDEX}")
    rows = [r for r in csv.DictReader(index.read_text("utf-8").splitlines()) if r["local_copy"]]
    for slug in sorted(SEED_AUTHORITIES):
        page = html(built, f"authorities/{slug}")
        urn = dataset.timeline(slug).authority.ofsted_urn
        links = {a["href"] for a in page.find_all("a", href=True)}
        for row in (r for r in rows if r["urn"] == urn):
            assert f"{LETTER_REPOSITORY}{quote(row['repo_path'])}" in links, (slug, row["local_copy"])
        assert "Visit coverage for April 2018 to March 2021 is partial" in page.get_text(" ")
    assert "Visit coverage for April 2018 to March 2021 is partial" in html(built, "authorities").get_text(" ")


HOSTILE = "<script>alert(1)</script> <img src=x onerror=alert(2)> ](javascript:alert(3)) | # {{ x }} ??? ==="


def test_hostile_text_in_the_data_is_shown_as_text(tmp_path: Path) -> None:
    """Every free-text field of an event, and an alias, carry markup meant to break out; none does."""
    project = copy_project(tmp_path, only=SEED_AUTHORITIES)
    register = project.data / "authorities.yaml"
    register.write_text(register.read_text("utf-8").replace("      - Trafford Council\n",
                        f"      - Trafford Council\n      - {json.dumps(HOSTILE)}\n"), "utf-8")
    events = project.data / "events" / "trafford.yaml"
    text = json.dumps(HOSTILE)
    events.write_text(events.read_text("utf-8") + f"""
  - id: hostile
    kind: focused_visit
    date: 2021-05
    theme: {text}
    summary: {text}
    notes: {text}
    findings: {{strengths: [{text}], to_improve: [{text}]}}
    quotes: [{{text: {text}, by: {text}}}]
    people: [{{name: {text}, role: other, title: {text}}}]
    sources: [{{title: {text}, publisher: {text}, note: {text}, url: "https://e.org/a(b)'c'&lt;d"}}]
""", "utf-8")
    build(project, log=lambda _: None)
    site = project.build / "site"
    page = BeautifulSoup((site / "authorities/trafford/index.html").read_text("utf-8"), "html.parser")
    assert section(page, "event-hostile").count(HOSTILE) == 12  # every free-text field above
    for path in site.rglob("*.html"):
        soup = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        assert not [t for t in soup.find_all(True) if any(a.startswith("on") for a in t.attrs)], path
        assert not [s for s in soup.find_all("script") if "alert" in s.get_text()], path
        assert not soup.select('a[href^="javascript"]'), path
    links = [a["href"] for a in section_elements(page, "event-hostile")[-1].find_all("a")]  # its sources
    assert links == ["https://e.org/a%28b%29'c'&lt;d"]  # an address RFC 3986 allows, its & and ' escaped as HTML
