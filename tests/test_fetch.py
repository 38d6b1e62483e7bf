"""The fetch: Ofsted's report site played back on 127.0.0.1 (tests/ofsted_site.py), with the real
reports and letters of ../shared/data behind its links (the tests skip elsewhere), a few letters
written here in Ofsted's layouts, and files that fail in every way a download fails.

A copy of the project's data stands for the data before Ofsted published some of what it holds:
events are taken out of it, and the fetch must find their publications new, read them and put
the same facts back; a letter's event is left with only the release's account, and the fetch
must join the letter to it.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.cli import main
from generator.importer import ImportFailed
from generator.importer.client import FetchFailed
from generator.importer.client import Client
from generator.importer.fetch import Settings, run_fetch
from generator.importer.fetch import summary as run_summary
from generator.importer.jtai import read_jtai
from generator.importer.merge import merge_events
from generator.importer.report import Report
from generator.importer.run import is_imported_source
from generator.importer.write import dump
from generator.load import load_document
from generator.model import FETCH_ORIGIN, Kind
from generator.render.currency import data_box
from generator.validate import load_dataset
from tests.conftest import ROOT, SHARED, copy_project
from tests.ofsted_site import FILES, Listed, Served, Site, serving
from tests.pdf import write_pdf
from tests.test_letters import MONITORING

TODAY = dt.date(2026, 12, 4)
REPORTS = SHARED / "data/raw/jt39_ofsted_ilacs"
LETTERS = SHARED / "data/raw/ofsted_official/unofficial_scrapes"
TRAFFORD, SURREY = "80573", "80567"
#: Trafford's events that the copy of the data lacks: the fetch must find them new.
TAKEN_OUT = ("ilacs-standard-2026-06-08", "focused-visit-2025-09-30")
#: The fields only a letter gives, taken from the event of a visit the releases also list.
LETTER_FIELDS = ("end", "people", "findings", "quotes", "priority_actions")

JTAI = [["Ofsted", "www.gov.uk/ofsted", "Joint targeted area inspection of Hartlepool",
         "This letter summarises the findings of the joint targeted area inspection (JTAI) of the multi-agency",
         "response to children who are victims of domestic abuse in Hartlepool.",
         "This inspection took place from 4 to 8 March 2024. It was carried out by inspectors from Ofsted, the",
         "Care Quality Commission, HM Inspectorate of Constabulary and Fire & Rescue Services and HM Inspectorate",
         "of Probation.", "Headline findings", "Partners work well together to protect children."]]


def _listed_from_shared(site: Site) -> None:
    """Every report and letter the shared folders hold, on its authority's page, at its address."""
    if not (REPORTS / "ofsted_csc_ilacs_history.csv").exists():
        pytest.skip(f"needs {SHARED}/data, which is not present here (CI has ../shared/ beside the clone)")
    folders = {p.name.split("_", 1)[0]: p for p in (REPORTS / "inspection_reports").iterdir()}
    with (REPORTS / "ofsted_csc_ilacs_history.csv").open(encoding="utf-8") as rows:
        for row in csv.DictReader(rows):
            named = re.fullmatch(r"(.+?)[ ,]*(?:pdf)? - ([0-9]{2} [a-z]+ [0-9]{4})\.pdf", row["pdf_filename"])
            assert named, row["pdf_filename"]
            file_id = row["inspection_link"].rsplit("/", 1)[1]
            site.listed.setdefault(row["urn"], []).append(Listed(
                named[1][:1].upper() + named[1][1:], dt.datetime.strptime(named[2], "%d %B %Y").date(), file_id))
            site.files[file_id] = Served(folders[row["urn"]] / row["pdf_filename"])
    with (LETTERS / "focused_visit_letters_index.csv").open(encoding="utf-8") as rows:
        for number, row in enumerate(csv.DictReader(rows)):
            if row["local_copy"]:
                file_id = f"7{number:07d}"
                site.listed.setdefault(row["urn"], []).append(Listed(
                    "Children's services focused visit", dt.date.fromisoformat(row["date_in_filename"]), file_id))
                site.files[file_id] = Served(LETTERS / row["local_copy"])


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    """The site, with every authority of the register and the shared files, and three of its own:
    a monitoring visit letter to Trafford, a JTAI letter to Hartlepool and an area SEND report."""
    site = Site()
    register = load_document(ROOT / "data/authorities.yaml", "authorities.yaml")[0]
    assert register is not None
    site.names = {a["ofsted_urn"]: a["name"] for a in register.data["authorities"] if a.get("ofsted_urn")}
    _listed_from_shared(site)
    monitoring = [[line.replace("Anytown", "Trafford") for line in page] for page in MONITORING]
    site.listed[TRAFFORD].append(Listed("Children's services monitoring visit", dt.date(2024, 4, 12), "60000001"))
    site.files["60000001"] = Served(write_pdf(tmp_path / "monitoring.pdf", monitoring).read_bytes())
    site.listed["80473"].append(Listed("Joint targeted area inspection", dt.date(2024, 4, 30), "60000002"))
    site.files["60000002"] = Served(write_pdf(tmp_path / "jtai.pdf", JTAI).read_bytes())
    site.listed["80477"].append(Listed("Area SEND full inspection", dt.date(2024, 2, 1), "60000003"))
    with serving(site):
        yield site


def _project(tmp_path: Path, site: Site) -> Path:
    """A copy of the project whose data name the played-back site's addresses for Ofsted's files,
    without two of Trafford's events, and with one visit known only from the releases."""
    root = tmp_path / "project"
    copy_project(root)
    for path in (root / "data/events").glob("*.yaml"):
        text = path.read_text(encoding="utf-8")
        if FILES in text:
            path.write_text(site.local(text), encoding="utf-8")
    _edit(root / "data/events/trafford.yaml", lambda events: [e for e in events if e["id"] not in TAKEN_OUT])
    return root


def _edit(path: Path, change: object) -> None:
    document = load_document(path, path.name)[0]
    assert document is not None
    data = document.data
    data["events"] = change(data["events"])  # type: ignore[operator]
    path.write_text(dump(data, "A test's copy."), encoding="utf-8")


def _released_visit_with_letter(root: Path) -> tuple[str, str, dict[str, object]]:
    """The first visit (by file name) that the releases list and a letter describes: its file, its
    id and its event; the copy keeps only the release's account of it."""
    for path in sorted((root / "data/events").glob("*.yaml")):
        document = load_document(path, path.name)[0]
        assert document is not None
        for event in document.data["events"]:
            types = [s.get("type") for s in event["sources"]]
            if (event["kind"] == Kind.FOCUSED_VISIT.value and event.get("origin") == "import:ofsted"
                    and "statistics" in types and "report" in types):
                before = dict(event)
                _edit(path, lambda events: [_release_only(e) if e["id"] == event["id"] else e for e in events])
                return path.stem, event["id"], before
    raise AssertionError("no visit in the data has both a release and a letter")


def _release_only(event: dict[str, object]) -> dict[str, object]:
    kept = {k: v for k, v in event.items() if k not in LETTER_FIELDS}
    kept["sources"] = [s for s in event["sources"] if s.get("type") != "report"]  # type: ignore[attr-defined]
    return kept


def _digest(folder: Path) -> str:
    return hashlib.sha256(b"".join(p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file())).hexdigest()


def _settings(root: Path, site: Site, **changes: object) -> Settings:
    return Settings(**{"cache": root / "build/ofsted", "site": site.base, "delay": 0.0, "timeout": 5.0,
                       "backoff": 0.01, **changes})  # type: ignore[arg-type]


def _events(root: Path, slug: str) -> dict[str, dict[str, object]]:
    document = load_document(root / f"data/events/{slug}.yaml", slug)[0]
    assert document is not None
    return {e["id"]: e for e in document.data["events"]}


def test_a_whole_check_imports_what_is_new_then_nothing(tmp_path: Path, site: Site) -> None:
    root = _project(tmp_path, site)
    slug, visit, before = _released_visit_with_letter(root)
    original = _events(ROOT, "trafford")
    logged: list[str] = []

    first = run_fetch(root, _settings(root, site), TODAY, logged.append)

    assert first.pages == 153 and first.checked
    assert sorted((p.urn, p.title, p.published.isoformat()) for p in first.new) == sorted([
        (TRAFFORD, "Children's services inspection", "2026-08-03"),
        (TRAFFORD, "Children's services focused visit", "2025-10-30"),
        (TRAFFORD, "Children's services monitoring visit", "2024-04-12"),
        ("80473", "Joint targeted area inspection", "2024-04-30"),
        (SURREY, "Children's services inspection", "2015-08-03"),
        (_urn_of(root, slug), "Children's services focused visit", _letter_date(before))])
    assert first.other_kinds == {"Area SEND full inspection": 1}
    assert (first.downloaded, first.from_cache, first.added, first.joined, first.unread) == (6, 0, 4, 1, [])
    # Read, and set aside: Surrey's review of its safeguarding board alone, listed as an inspection.
    assert [(p.urn, why[:5]) for p, why in first.set_aside] == [(SURREY, "kind:")]
    assert site.file_requests() == 6 and "/v1/file/60000003" not in site.requests
    assert any("pages read: 150 of 153" in line for line in logged)
    with (root / "build/ofsted/publications.csv").open(encoding="utf-8") as listing:
        statuses = Counter(row["status"] for row in csv.DictReader(listing))
    assert statuses == {"in the data": 690, "new": 6, "a kind this site does not show": 1} == {
        "in the data": first.listed - 7, "new": len(first.new), "a kind this site does not show": 1}
    assert all("inspection-timelines/inspection-timelines" in agent for agent in site.agents)
    load_dataset(root / "data", root)  # validates

    trafford = _events(root, "trafford")
    for event_id in TAKEN_OUT:  # the same facts as the import read from the same files
        fetched = next(e for e in trafford.values() if (e["kind"], e["date"]) == (original[event_id]["kind"],
                                                                                  original[event_id]["date"]))
        assert fetched["origin"] == FETCH_ORIGIN
        for field in ("kind", "date", "end", "published", "framework", "judgements", "findings", "quotes", "people"):
            assert fetched.get(field) == original[event_id].get(field), (event_id, field)
        assert fetched["sources"][0]["url"].startswith(site.base + "v1/file/")
        assert fetched["sources"][0]["note"].startswith("Ofsted's publication, found on Ofsted's report site")
    monitoring = trafford["monitoring-visit-2024-03-13"]
    assert (monitoring["date"], monitoring["end"], monitoring["people"][0]["name"]) == (
        "2024-03-13", "2024-03-14", "Amy Stone")
    jtai = next(e for e in _events(root, "hartlepool").values() if e["kind"] == Kind.JTAI.value)
    assert (jtai["date"], jtai["end"], jtai["published"], jtai["theme"]) == (
        "2024-03-04", "2024-03-08", "2024-04-30", "Multi-agency response to children who are victims of domestic "
                                                  "abuse")
    joined = _events(root, slug)[visit]  # the release's account, with the letter's facts and source added
    assert joined["origin"] == "import:ofsted"
    for field in ("end", "people", "findings"):
        assert joined.get(field) == before.get(field), field
    assert [s["type"] for s in joined["sources"]][-1] == "report"
    register = load_document(root / "data/authorities.yaml", "r")[0]
    assert register is not None and register.data["ofsted_checked"] == "2026-12-04"

    requests = site.file_requests()
    data = _digest(root / "data")
    second = run_fetch(root, _settings(root, site), TODAY, logged.append)
    assert (second.new, second.written, site.file_requests()) == ([], [], requests)
    assert _digest(root / "data") == data


def _urn_of(root: Path, slug: str) -> str:
    register = load_document(root / "data/authorities.yaml", "r")[0]
    assert register is not None
    return next(a["ofsted_urn"] for a in register.data["authorities"] if a["slug"] == slug)


def _letter_date(event: dict[str, object]) -> str:
    """The publication date of the letter among the event's sources, as the site lists it."""
    letter = next(s for s in event["sources"] if s.get("type") == "report")  # type: ignore[attr-defined]
    return str(letter["date"])


# ---------------------------------------------------------------------------------------------
# One authority's page with letters written here: these tests need nothing from ../shared.

TRAFFORD_LETTER = [[line.replace("Anytown", "Trafford") for line in page] for page in MONITORING]
GOOD, OTHER = "61000001", "61000002"


@pytest.fixture
def small(tmp_path: Path) -> Iterator[Site]:
    """Trafford's page listing two monitoring visit letters: a good one, and one each test breaks."""
    letter = write_pdf(tmp_path / "letter.pdf", TRAFFORD_LETTER).read_bytes()
    other = [[line.replace("13 and", "20 and").replace("14 March 2024", "21 May 2024") for line in page]
             for page in TRAFFORD_LETTER]
    site = Site(names={TRAFFORD: "Trafford"}, listed={TRAFFORD: [
        Listed("Children's services monitoring visit", dt.date(2024, 4, 12), GOOD),
        Listed("Children's services monitoring visit", dt.date(2024, 6, 20), OTHER)]},
        files={GOOD: Served(letter), OTHER: Served(write_pdf(tmp_path / "other.pdf", other).read_bytes())})
    with serving(site):
        yield site


def _copy(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    copy_project(root, {"trafford"})
    return root


def _trafford(root: Path, site: Site, **changes: object) -> Settings:
    return _settings(root, site, authorities=("trafford",), **changes)


@pytest.mark.parametrize(("served", "settings", "message"), [
    (Served(b"<!DOCTYPE html><title>Gone</title>", status=404, content_type="text/html"), {},
     r"the server answered 404 Not Found$"),
    (Served(b"%PDF-1.4 late", delay=1.0), {"timeout": 0.3, "retries": 1}, r"no answer within 0\.3 s, 2 times$"),
    (Served(b"%PDF-1.4\n" + b"x" * 5000 + b"\n%%EOF\n", short_by=2000), {"retries": 2},
     r"the connection failed or was cut short \(.+\), 3 times$"),
    (Served(b"<!DOCTYPE html>\n<html><title>Error</title></html>"), {},
     r"the server sent an HTML page \(49 bytes\), not the PDF$"),
    (Served(b"%PDF-1.4\n" + b"x" * 3000), {}, r"the PDF stops before its end-of-file marker after 3009 bytes: it was "
                                             r"cut short$"),
], ids=["404", "time-out", "body cut short", "HTML as a PDF", "truncated PDF"])
def test_a_file_that_cannot_be_had_changes_nothing_in_data_and_is_named(
        tmp_path: Path, small: Site, served: Served, settings: dict[str, object], message: str) -> None:
    root = _copy(tmp_path)
    small.files[OTHER] = served
    before = _digest(root / "data")
    with pytest.raises(FetchFailed) as failed:
        run_fetch(root, _trafford(root, small, **settings), TODAY, lambda line: None)
    text = str(failed.value)
    assert text.startswith("1 file could not be fetched, so nothing in data/ was changed:\n"
                           "  - Children's services monitoring visit - 20 June 2024 (URN 80573): "
                           f"{small.base}v1/file/{OTHER}: ")
    assert re.search(message, text.splitlines()[1]), text
    assert text.endswith(f"Files downloaded: 1, kept in {root / 'build/ofsted'}, and not to be downloaded again.")
    assert _digest(root / "data") == before
    cached = [p for p in (root / "build/ofsted/files").rglob("*") if p.is_file()]
    # The good letter, whole; nothing of the other, not even a part.
    assert [p.read_bytes() for p in cached] == [small.files[GOOD].body]

    small.files[OTHER] = Served(write_pdf(tmp_path / "again.pdf", TRAFFORD_LETTER).read_bytes())
    asked = small.requests[f"/v1/file/{GOOD}"]
    again = run_fetch(root, _trafford(root, small), TODAY, lambda line: None)
    assert (again.downloaded, again.from_cache, small.requests[f"/v1/file/{GOOD}"]) == (1, 1, asked)


def test_a_server_error_is_asked_again_after_a_back_off(tmp_path: Path, small: Site) -> None:
    root = _copy(tmp_path)
    small.files[OTHER].fail_first = 2
    outcome = run_fetch(root, _trafford(root, small), TODAY, lambda line: None)
    # The page, the good letter, and the other letter three times.
    assert (outcome.downloaded, small.requests[f"/v1/file/{OTHER}"], outcome.requests) == (2, 3, 5)


@pytest.mark.parametrize(("page", "message"), [
    (b"<!DOCTYPE html><html><body><h1>Trafford</h1><ul><li><a href='/v1/file/1'>A report</a></li></ul></body></html>",
     r"no publication links \(a\.publication-link\) on the page; the layout of Ofsted's report site may have changed"),
    (b"<a class='publication-link' href='/v1/file/1'><span class='nonvisual'>Monitoring visit, pdf</span></a>",
     r"no publication link could be read \(publication link 1 is named 'Monitoring visit, pdf', not 'Title - D "
     r"Month YYYY, pdf'\); the layout of Ofsted's report site may have changed"),
    (b"<a class='publication-link' href='https://example.com/x.pdf'><span class='nonvisual'>Monitoring visit - "
     b"01 May 2024, pdf</span></a>", r"no publication link could be read \(publication link 1 \(Monitoring visit - 01 "
                                   r"May 2024, pdf\) leads to 'https://example\.com/x\.pdf', not to a file on "
                                   r"Ofsted's file server\)"),
], ids=["no links", "no date", "another host"])
def test_a_page_whose_layout_changed_is_an_error_not_nothing_new(tmp_path: Path, small: Site, page: bytes,
                                                                 message: str) -> None:
    root = _copy(tmp_path)
    small.raw_pages[TRAFFORD] = page
    before = _digest(root / "data")
    with pytest.raises(FetchFailed, match=r"^1 page could not be fetched, so nothing in data/ was changed:\n  - "
                                          rf"Trafford: {re.escape(small.base)}provider/44/80573: {message}"):
        run_fetch(root, _trafford(root, small), TODAY, lambda line: None)
    assert _digest(root / "data") == before and small.file_requests() == 0


def test_an_authority_whose_page_is_not_found_is_named(tmp_path: Path, small: Site) -> None:
    root = _copy(tmp_path)
    small.names.clear()
    with pytest.raises(FetchFailed, match=r"  - Trafford: .*/provider/44/80573: the server answered 404 Not Found$"):
        run_fetch(root, _trafford(root, small), TODAY, lambda line: None)
    with pytest.raises(ImportFailed, match=r"^--authority 'Nowhere': no authority in data/authorities\.yaml has that "
                                           r"slug, name, alias or Ofsted URN$"):
        run_fetch(root, _settings(root, small, authorities=("Nowhere",)), TODAY, lambda line: None)


def test_a_letter_that_cannot_be_read_shows_what_the_listing_gives_and_a_hand_event_keeps_its_words(
        tmp_path: Path, small: Site) -> None:
    root = _copy(tmp_path)
    small.files[OTHER] = Served(write_pdf(tmp_path / "blank.pdf", [["Ofsted", "www.gov.uk/ofsted", "A page of "
                                                                   "something else."]]).read_bytes())
    hand = {"id": "monitoring-visit-march-2024", "kind": "monitoring_visit", "date": "2024-03",
            "summary": "Inspectors returned for the third time.", "origin": "hand",
            "sources": [{"title": "Council minutes", "publisher": "Trafford Council", "type": "council"}]}
    _edit(root / "data/events/trafford.yaml", lambda events: [*events, hand])

    outcome = run_fetch(root, _trafford(root, small), TODAY, lambda line: None)

    assert [(p.published.isoformat(), why) for p, why in outcome.unread] == [
        ("2024-06-20", "no sentence 'This letter summarises the findings of a … visit to … on …' in its text; no "
                       "sentence saying what inspectors looked at, and no pandemic paragraph")]
    events = _events(root, "trafford")
    listed = events["monitoring-visit-published-2024-06-20"]
    assert {k: v for k, v in listed.items() if k != "sources"} == {
        "id": "monitoring-visit-published-2024-06-20", "kind": "monitoring_visit", "date": "unknown",
        "published": "2024-06-20",
        "origin": FETCH_ORIGIN}
    assert listed["sources"][0]["note"].endswith("It could not be read; the event gives only what the listing gives.")
    kept = events["monitoring-visit-march-2024"]  # the editor's event, with the letter's days and people added
    assert (kept["origin"], kept["date"], kept["summary"], kept["end"]) == (
        "hand", "2024-03-13", "Inspectors returned for the third time.", "2024-03-14")
    assert [s["publisher"] for s in kept["sources"]] == ["Trafford Council", "Ofsted"]
    assert (root / "build/fetch-report.md").read_text(encoding="utf-8").count("monitoring visit - 20 June 2024") == 2


def test_offline_uses_only_the_cache_and_since_leaves_older_publications(tmp_path: Path, small: Site) -> None:
    root = _copy(tmp_path)
    with pytest.raises(FetchFailed, match=r"no copy of the page of URN 80573 in .* \(run once without --offline\)"):
        run_fetch(root, _trafford(root, small, offline=True), TODAY, lambda line: None)
    recent = run_fetch(root, _trafford(root, small, since=dt.date(2024, 5, 1)), TODAY, lambda line: None)
    assert (recent.listed, recent.before_since, [p.published.isoformat() for p in recent.new]) == (2, 1, ["2024-06-20"])
    assert not recent.checked  # a look from a date is not a whole check
    assert f"/v1/file/{GOOD}" not in small.requests
    asked = sum(small.requests.values())
    offline = run_fetch(root, _trafford(root, small, offline=True), TODAY, lambda line: None)
    assert sum(small.requests.values()) == asked  # not one request
    assert ([p.published.isoformat() for p in offline.not_cached], offline.written, offline.checked) == (
        ["2024-04-12"], [], False)


def test_the_command_line_runs_it_and_writes_the_job_summary(tmp_path: Path, small: Site,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    root = _copy(tmp_path)
    summary = tmp_path / "summary.md"
    common = ["--root", str(root), "fetch", "--site", small.base, "--authority", "Trafford", "--delay", "0",
              "--summary", str(summary)]
    assert main(common) == 0
    assert summary.read_text(encoding="utf-8").startswith("## Ofsted's report site\n\nRead the pages of 1 authority, "
                                                         "listing 2 publications. New: 2 (2 downloaded")
    assert (f"- [Children's services monitoring visit \\- 12 April 2024]({small.base}v1/file/{GOOD}) (URN 80573)\n"
            in summary.read_text(encoding="utf-8"))
    small.raw_pages[TRAFFORD] = b"<html><body>Down for maintenance</body></html>"
    assert main(common) == 2
    assert "error: 1 page could not be fetched, so nothing in data/ was changed:" in capsys.readouterr().err
    assert ("## Ofsted's report site: the fetch failed\n\nNothing in data/ changed, and no pull request is "
            "proposed.\n\n"
            "```\n1 page could not be fetched, so nothing in data/ was changed:\n  - Trafford: ") in (
        summary.read_text(encoding="utf-8"))


def test_the_data_box_says_when_the_data_were_last_checked_against_ofsted(tmp_path: Path, small: Site) -> None:
    root = _copy(tmp_path)
    assert "have not been checked against Ofsted's report site" in data_box(load_dataset(root / "data", root))
    run_fetch(root, _settings(root, small), TODAY, lambda line: None)  # every current authority: Trafford
    box = data_box(load_dataset(root / "data", root))
    assert "<strong>Last checked against Ofsted's report site on 4 December 2026</strong>" in box


def test_an_import_keeps_the_fetched_events_and_their_sources() -> None:
    fetched = {"id": "jtai-2026-10-05", "kind": "jtai", "date": "2026-10-05", "published": "2026-11-20",
               "origin": FETCH_ORIGIN, "sources": [{"title": "JTAI", "publisher": "Ofsted", "type": "report",
                                                     "note": "Ofsted's publication, found on Ofsted's report site by "
                                                             "the fetch, listed as 'x'."}]}
    report = Report()
    assert merge_events([fetched], [], is_imported_source, "data/events/x.yaml", report) == [fetched]
    assert not report.entries and not is_imported_source(fetched["sources"][0])


def test_odd_links_beside_readable_ones_are_reported_not_followed_and_a_link_twice_is_one(
        tmp_path: Path, small: Site) -> None:
    root = _copy(tmp_path)
    page = small.page(TRAFFORD).decode()
    good = re.search(r"<li class=\"timeline__day\">.*?</li>", page, re.S)
    assert good is not None
    odd = ("<li><a class='publication-link' href='http://example.com/v1/file/9'><span class='nonvisual'>Children's "
           "services focused visit - 01 May 2024, pdf</span></a></li>")
    before, end, after = page.rpartition("</ul>")  # the list of publications is the page's last
    small.raw_pages[TRAFFORD] = (before + good[0] + odd + end + after).encode()
    outcome = run_fetch(root, _trafford(root, small), TODAY, lambda line: None)
    assert (outcome.listed, len(outcome.new), outcome.added) == (2, 2, 2)  # the link listed twice, once
    assert outcome.odd_links == [f"Trafford ({small.base}provider/44/80573): publication link 4 (Children's services "
                                 "focused visit - 01 May 2024, pdf) leads to 'http://example.com/v1/file/9', not to "
                                 "a file on Ofsted's file server"]
    assert "2 links not read" not in run_summary(outcome) and "1 links not read as publications" in run_summary(outcome)
    assert outcome.odd_links[0] in (root / "build/fetch-report.md").read_text(encoding="utf-8")


def test_a_publication_that_fits_two_events_by_its_month_is_added_and_reported(tmp_path: Path, small: Site) -> None:
    root = _copy(tmp_path)
    hand = [{"id": f"visit-{n}", "kind": "monitoring_visit", "date": date, "origin": "hand",
             "sources": [{"title": "Council minutes", "publisher": "Trafford Council"}]}
            for n, date in enumerate(("2024", "2024-05"))]
    exact = {**hand[0], "id": "visit-exact", "date": "2024-03-13"}
    _edit(root / "data/events/trafford.yaml", lambda events: [*events, *hand, exact])
    outcome = run_fetch(root, _trafford(root, small), TODAY, lambda line: None)
    events = _events(root, "trafford")
    assert (outcome.joined, outcome.added) == (1, 1)
    assert events["visit-exact"]["sources"][-1]["publisher"] == "Ofsted"  # the letter of its day, not the year's
    assert [e["date"] for e in events.values() if e["id"].startswith("visit-")] == ["2024", "2024-03-13", "2024-05"]
    assert "the fetched event monitoring-visit-2024-05-20 could be any of the events visit-0, visit-1; added as an " \
           "event of its own: check by hand" in (root / "build/fetch-report.md").read_text(encoding="utf-8")


def test_a_report_in_a_layout_not_known_is_an_event_of_the_listing_not_set_aside(tmp_path: Path, small: Site) -> None:
    root = _copy(tmp_path)
    small.listed[TRAFFORD] = [Listed("Children's services inspection", dt.date(2026, 11, 20), "62000001")]
    small.files["62000001"] = Served(write_pdf(tmp_path / "r.pdf", [["Trafford", "A new kind of report",
                                                                      "Inspection dates: 5 to 16 October 2026"]])
                                     .read_bytes())
    outcome = run_fetch(root, _trafford(root, small), TODAY, lambda line: None)
    assert (outcome.set_aside, [p.published for p, _ in outcome.unread]) == ([], [dt.date(2026, 11, 20)])
    event = _events(root, "trafford")["full-inspection-published-2026-11-20"]
    assert (event["kind"], event["date"], event["origin"]) == ("full_inspection", "unknown", FETCH_ORIGIN)
    assert not (root / "build/ofsted/set-aside.txt").exists()


def test_too_many_requests_is_asked_again_and_a_file_too_large_is_refused(small: Site) -> None:
    small.files[OTHER].fail_first, small.files[OTHER].fail_status = 1, 429
    client = Client("https://github.com/example/timelines", delay=0.0, backoff=0.01)
    assert client.get(f"{small.base}v1/file/{OTHER}", "application/pdf")[:5] == b"%PDF-"
    assert small.requests[f"/v1/file/{OTHER}"] == 2
    with pytest.raises(FetchFailed, match=r"/v1/file/61000001: larger than 100 bytes; not downloaded$"):
        Client("https://github.com/example/timelines", delay=0.0, max_bytes=100).get(
            f"{small.base}v1/file/{GOOD}", "application/pdf")


def test_a_joint_targeted_area_inspection_gives_its_theme_up_to_the_place() -> None:
    facts = read_jtai(["The joint targeted area inspection (JTAI) of the multi-agency response to child sexual abuse",
                       "in the family environment in Leeds. The inspection took place between 12 and 16 June 2023."])
    assert (facts.theme, facts.start, facts.end, facts.problems) == (
        "Multi-agency response to child sexual abuse in the family environment", dt.date(2023, 6, 12),
        dt.date(2023, 6, 16), [])
    assert read_jtai(["Joint targeted area inspection of Leeds"]).problems == [
        "no sentence naming the inspection's theme ('joint targeted area inspection of the multi-agency response to "
        "… in …')", "the days of the inspection are not stated in a sentence such as 'This inspection took place "
                    "from … to …'"]


def test_two_publications_that_fit_one_event_by_its_year_alone_are_each_added_and_reported(
        tmp_path: Path, small: Site) -> None:
    root = _copy(tmp_path)
    hand = {"id": "visits-2024", "kind": "monitoring_visit", "date": "2024", "origin": "hand",
            "sources": [{"title": "Council minutes", "publisher": "Trafford Council"}]}
    _edit(root / "data/events/trafford.yaml", lambda events: [*events, hand])
    outcome = run_fetch(root, _trafford(root, small), TODAY, lambda line: None)
    events = _events(root, "trafford")
    assert (outcome.joined, outcome.added, events["visits-2024"]) == (0, 2, hand)  # the editor's event untouched
    assert ("the fetched events monitoring-visit-2024-05-20, monitoring-visit-2024-03-13 each fit the event "
            "visits-2024 only by its dates' month or year, beside another; each added as an event of its own: check "
            "by hand") in (root / "build/fetch-report.md").read_text(encoding="utf-8")


def test_offline_names_what_it_could_not_read_and_an_abolished_authority_is_refused(tmp_path: Path,
                                                                                   small: Site) -> None:
    root = _copy(tmp_path)
    run_fetch(root, _trafford(root, small, since=dt.date(2024, 5, 1)), TODAY, lambda line: None)
    run_fetch(root, _trafford(root, small, offline=True), TODAY, lambda line: None)
    assert ("80573/Children's services monitoring visit - 12 April 2024: not in the cache, and --offline: not read; "
            "run without --offline to download it") in (root / "build/fetch-report.md").read_text(encoding="utf-8")
    root = tmp_path / "all"
    copy_project(root, {"trafford", "cumbria"})
    with pytest.raises(ImportFailed, match=r"^--authority 'cumbria': Cumbria was abolished on 1 April 2023; its "
                                           r"successors' pages list what came after$"):
        run_fetch(root, _settings(root, small, authorities=("cumbria",)), TODAY, lambda line: None)
