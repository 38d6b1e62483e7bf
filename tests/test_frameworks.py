"""Frameworks as data: a framework added to data/frameworks.yaml alone (a renewed framework of 2027,
invented here, with a five-point scale) builds into every page, chart, table and download; and no
authority whose latest full inspection gave no overall grade is counted, coloured or ranked by an
older one anywhere on the built site."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import pytest
from bs4 import BeautifulSoup

from generator.build import Project, build
from generator.edit import add_event
from generator.model import Dataset
from generator.render import grades
from generator.standing import current, tally
from generator.timeline import Gap, last_given, standing
from tests.conftest import SEED_AUTHORITIES, copy_project, html
from tests.factories import section

#: A renewed framework, as an editor would add it: five new grades, one new scale, one new area,
#: and the framework with its one version. (Invented: Ofsted has not said what its 2027 framework
#: judges or how.)
INVENTED = {
    "grades": """\
  - id: exceptional
    label: Exceptional
    code: EX
    tone: highest
  - id: strong
    label: Strong
    code: S
    tone: high
  - id: expected_standard
    label: Expected standard
    code: ES
    tone: middle
  - id: needs_attention
    label: Needs attention
    code: NA
    tone: low
  - id: urgent_improvement
    label: Urgent improvement
    code: UI
    tone: lowest
""",
    "scales": """\
  - id: scale_2027
    label: The invented scale of 2027
    grades: [exceptional, strong, expected_standard, needs_attention, urgent_improvement]
""",
    "areas": """\
  - id: family_help
    label: Family help
""",
    "frameworks": """\
  - id: cfs_2027
    label: Children and families services inspections (invented for a test)
    inspections:
      - id: cfs_full
        label: Children and families services inspection
    versions:
      - label: The renewed framework of 2027
        begins: 2026-10
        scale: scale_2027
        judgements: [overall_effectiveness, family_help, help_and_protection]
    sources:
      - title: An invented framework, for the tests
        publisher: The tests
    rhythm:
      judgement: overall_effectiveness
      rules:
        - after: [exceptional, strong]
          next: cfs_full
          months: [24, 36]
      sources:
        - title: An invented rhythm, for the tests
          publisher: The tests
""",
}


def _with_invented_framework(project: Project) -> None:
    """Each list of data/frameworks.yaml with the invented entries after its own (before the blank
    lines and comments that lead into the next list)."""
    path = project.data / "frameworks.yaml"
    lines = path.read_text("utf-8").splitlines(keepends=True)
    starts = [n for n, line in enumerate(lines) if re.fullmatch(r"[a-z]+:\n", line)]
    for start, following in reversed(list(zip(starts, [*starts[1:], len(lines)]))):
        end = following
        while end > start and (not lines[end - 1].strip() or lines[end - 1].startswith("#")):
            end -= 1
        lines[end:end] = [INVENTED[lines[start].rstrip(":\n")]]
    path.write_text("".join(lines), "utf-8")


@pytest.fixture(scope="module")
def invented(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """The seed authorities' site, with Trafford inspected under the invented framework."""
    project = copy_project(tmp_path_factory.mktemp("invented"), only=SEED_AUTHORITIES)
    _with_invented_framework(project)
    add_event(project.root, "trafford", {
        "id": "cfs-2026-11-02", "kind": "full_inspection", "date": "2026-11-02", "end": "2026-11-13",
        "framework": "cfs_full",
        "judgements": {"overall_effectiveness": "strong", "family_help": "needs_attention",
                       "help_and_protection": "expected_standard"},
        "sources": [{"title": "An invented report", "publisher": "The tests"}]}, dt.date(2026, 12, 2))
    build(project, log=lambda _: None)
    return project


def test_an_inspection_under_a_framework_added_in_data_alone_shows_its_own_scale(invented: Project) -> None:
    page = html(invented, "authorities/trafford")
    latest = page.find(id="latest").find_next("ul")
    assert [(b.get_text(), b["class"][-1]) for b in latest.select(".it-grade")] == [
        ("Strong", "it-grade--high"), ("Needs attention", "it-grade--low"), ("Expected standard", "it-grade--middle")]
    assert "Children and families services inspection" in page.find(id="latest").find_next("p").get_text()
    # The chart: the new scale on the axis of overall grades, and the day the framework began marked.
    spec = json.loads((invented.build / "site/authorities/trafford/timeline.vl.json").read_text("utf-8"))
    grade_axis = spec["vconcat"][0]["layer"][-1]["encoding"]["y"]["scale"]["domain"]
    assert grade_axis == ["Outstanding", "Exceptional", "Good", "Strong", "Expected standard",  # by tone, then by file
                          "Requires improvement to be good", "Needs attention", "Inadequate", "Urgent improvement"]
    assert {"date": "2026-10-01", "label": "The renewed framework of 2027"} in (
        spec["datasets"].get("changes-right", []) + spec["datasets"].get("changes-left", []))
    drawn = (invented.build / "site/authorities/trafford/timeline-light.svg").read_text("utf-8")
    assert "Strong" in drawn and "Urgent improvement" in drawn and "The renewed framework of 2027" in drawn
    # The framework began most recently: its judgements are what pages count authorities by.
    national = html(invented, "authorities")
    assert [th.get_text() for th in national.find(id="all").find_next("table").select("thead th")][2:5] == [
        "Overall effectiveness", "Family help", "Children who need help and protection"]
    counts = national.find(id="grades-overall-effectiveness").find_next("table")
    header = [th.get_text() for th in counts.select("thead th")]
    assert {"Exceptional", "Strong", "Expected standard", "Needs attention", "Urgent improvement"} <= set(header)
    england = [td.get_text() for td in counts.select("tbody tr")[-1].find_all("td")]
    assert dict(zip(header, england))["Strong"] == "1"


def test_the_added_framework_s_rhythm_sets_the_window_of_the_next_inspection(invented: Project) -> None:
    page = html(invented, "authorities/trafford/")
    assert ("Next full inspection: between November 2028 and November 2029 (Children and families services "
            "inspection): an estimate from the framework's rhythm after strong overall effectiveness") in section(page, "latest")
    method = html(invented, "next-inspection/")
    assert "strong or exceptional" not in method.get_text() and "exceptional or strong overall effectiveness" in " ".join(
        method.get_text(" ").split())


def test_the_downloads_describe_the_added_framework(invented: Project) -> None:
    downloads = invented.build / "site/downloads"
    package = json.loads((downloads / "datapackage.json").read_text("utf-8"))
    events = next(r for r in package["resources"] if r["name"] == "events")
    fields = {f["name"]: f for f in events["schema"]["fields"]}
    assert "urgent_improvement" in fields["overall_effectiveness"]["constraints"]["enum"]
    assert "family_help" in fields and "cfs_full" in fields["framework"]["constraints"]["enum"]
    rows = list(csv.DictReader(io.StringIO((downloads / "frameworks.csv").read_text("utf-8"))))
    assert {"framework": "cfs_full", "begins": "2026-10",
            "scale": "exceptional; strong; expected_standard; needs_attention; urgent_improvement",
            "judgements": "overall_effectiveness; family_help; help_and_protection"}.items() <= next(
        r for r in rows if r["framework"] == "cfs_full").items()
    trafford = list(csv.DictReader(io.StringIO((invented.build / "site/authorities/trafford/trafford.csv")
                                               .read_text("utf-8"))))
    assert (trafford[-1]["family_help"], trafford[-1]["overall_effectiveness"]) == ("needs_attention", "strong")


def test_the_map_keys_the_added_scale_by_its_codes(invented: Project) -> None:
    legend = {t.get_text() for t in BeautifulSoup(
        (invented.build / "site/map/overall-effectiveness-light.svg").read_text("utf-8"), "html.parser").select(
        "g.role-legend text")}
    assert "S Strong" in legend


# ---------------------------------------------------------------------------------------------
# No older overall grade stands in for one the latest inspection did not give


def _history(dataset: Dataset) -> dict[str, str]:
    """The current authorities whose latest full inspection made no overall judgement, by the
    address of their page, with the older overall grade that must not stand in for it."""
    overall = dataset.frameworks.overall
    assert overall is not None
    found = {}
    for timeline in current(dataset.timelines):
        now = standing(timeline.events, overall, dataset.as_of)
        earlier = last_given(timeline.events, overall)
        if isinstance(now, Gap) and not now.judged and earlier is not None:
            found[timeline.authority.slug] = grades.label(earlier.judgements[overall])
    return found


def test_no_page_counts_colours_or_ranks_an_authority_by_an_older_overall_grade(built: Project,
                                                                                  dataset: Dataset) -> None:
    history = _history(dataset)
    assert len(history) >= 11  # Brent, Somerset and Trafford among them
    assert {"brent", "somerset", "trafford"} <= set(history)
    site = built.build / "site"
    checked = 0
    for path in sorted(site.rglob("index.html")):
        page = BeautifulSoup(path.read_text("utf-8"), "html.parser")
        for table in page.select("article table"):
            header = [th.get_text(" ", strip=True) for th in table.select("thead th")]
            columns = [n for n, words in enumerate(header) if "Overall effectiveness" in words or "overall grade" in
                       words.lower()]
            for row in table.select("tbody tr"):
                cells = row.find_all("td")
                slugs = {a["href"].rstrip("/").rsplit("/", 1)[-1].split("#")[0] for a in row.select("a[href]")}
                for slug in slugs & set(history):
                    for column in columns:
                        if column < len(cells) and cells[column].find(class_="it-grade"):
                            raise AssertionError(f"{path.relative_to(site)}: {slug} graded "
                                                 f"{cells[column].get_text(strip=True)!r} overall")
                        checked += column < len(cells)
    assert checked >= 11 * 5  # the national, region, map and compare tables and neighbours' pages at least
    # Counted by the grade of its latest inspection only: the national counts are the standing's.
    overall = dataset.frameworks.overall
    assert overall is not None
    counts = tally(dataset.timelines, dataset, overall)
    national = html(built, "authorities")
    table = national.find(id="grades-overall-effectiveness").find_next("table")
    header = [th.get_text() for th in table.select("thead th")]
    england = dict(zip(header, (td.get_text() for td in table.select("tbody tr")[-1].find_all("td"))))
    assert england[grades.NOT_JUDGED] == str(len([s for s in history])) == str(counts.counts["not judged"])
    for key, number in counts.counts.items():
        if not isinstance(key, str) and (number or grades.label(key) in england):
            assert england[grades.label(key)] == str(number)
    # Each one's own page gives the older grade as history only, in words, and places it by none.
    for slug, older in history.items():
        page = html(built, f"authorities/{slug}")
        said = " ".join(p.get_text(" ") for p in page.find(id="latest").find_all_next("p", limit=4))
        assert f"is history, not a current grade: {older}" in " ".join(said.split()), slug
        assert "Overall effectiveness: not judged at its latest inspection" in page.find(id="standing").find_next(
            "ul").get_text(), slug
    # The map and the compare page's data do not colour it by the older grade either.
    index = json.loads((site / "compare" / "authorities.json").read_text("utf-8"))
    for authority in index["authorities"]:
        if authority["slug"] in history:
            assert authority["grades"][0] == {"label": grades.NOT_JUDGED}, authority["slug"]
    counted = html(built, "map").find(lambda tag: tag.name == "p" and tag.get_text().startswith("Counts of the"))
    assert f"{grades.NOT_JUDGED}: {len(history)}" in counted.get_text()


def test_reports_are_joined_and_their_points_shown(built: Project, dataset: Dataset) -> None:
    """Every full inspection read from its report shows its points to improve, its quotation and
    its lead inspector on its page, with a link to the report."""
    reports, without_points = 0, []
    for timeline in dataset.timelines:
        page = html(built, f"authorities/{timeline.authority.slug}")
        for event in timeline.events:
            report = next((s for s in event.sources if s.type is not None and s.type.value == "report"
                           and s.note and s.note.startswith("Ofsted's report")), None)
            if report is None:
                continue
            reports += 1
            ilacs = event.framework is not None and event.framework.value.startswith("ilacs")
            if ilacs and not (event.findings and event.findings.to_improve):
                without_points.append(f"{timeline.authority.slug}/{event.id}")
            heading = page.find(id=f"event-{event.id}")
            text = " ".join(" ".join(s.get_text(" ").split()) for s in heading.find_next_siblings(limit=12))
            assert f"Ofsted's report: {report.title}" in text, event.id
            for point in event.findings.to_improve if event.findings else ():
                assert " ".join(point.split()) in text, (timeline.authority.slug, event.id)
            for quote in event.quotes:
                assert quote.text in text
            assert heading.find_next("a", string=report.title)["href"] == report.url
    assert reports >= 480
    # Every ILACS report has points to improve but one: Thurrock's of 2024, outstanding throughout,
    # has no section "What needs to improve?" at all.
    assert without_points == ["thurrock/ilacs-short-2024-09-16"]

