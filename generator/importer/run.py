"""The import command: read the sources, combine, merge into data/, validate, then write.

Nothing in data/ changes until the whole import has been made in memory and validated as the
build validates it; then the files are written to a temporary folder and moved into place one
by one (each move is atomic), and a file is rewritten only when its content changes. Re-running
on the same sources therefore changes nothing, not even the ``updated`` dates.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from generator.importer import ImportFailed
from generator.importer.authorities import Authorities, Identity, load_authorities, name_key, slug_of
from generator.importer.cartogram import GEOPACKAGE, Labels, read_cartogram, short_names
from generator.importer.cartogram import SOURCE as CARTOGRAM_SOURCE
from generator.importer.combine import combine
from generator.importer.interventions import TABLE_NOTE, read_interventions
from generator.importer.letters import INDEX as LETTER_INDEX
from generator.importer.letters import NOTE_START as LETTER_NOTE
from generator.importer.letters import RUNS_TO as LETTERS_RUN_TO
from generator.importer.letters import find_letters, read_letters
from generator.importer.letters import summary as letters_summary
from generator.importer.merge import merge_events
from generator.importer.observations import Observation
from generator.importer.official import CSC_REPOSITORY, RELEASES, read_official
from generator.importer.report import Report
from generator.importer.reports import LISTING as REPORT_LISTING
from generator.importer.reports import NOTE_START as REPORT_NOTE
from generator.importer.reports import RUNS_TO as REPORTS_RUN_TO
from generator.importer.reports import find_reports, read_reports
from generator.importer.reports import summary as reports_summary
from generator.importer.scrape import RUNS_TO, TITLE, read_scrape
from generator.importer.sheets import read_tables
from generator.importer.write import REGISTER_HEADER, dump, events_file
from generator.load import load_document
from generator.model import LETTERS_ORIGIN, OFFICIAL_ORIGIN, REPORTS_ORIGIN, SCRAPE_ORIGIN
from generator.store import write_validated
from generator.validate import CARTOGRAM, EVENTS_DIR, REGISTER, load_frameworks

Log = Callable[[str], None]

RAW = "raw/ofsted_official"
SCRAPE = "raw/jt39_ofsted_ilacs/ofsted_csc_ilacs_history.csv"
LOOKUP = "raw/jt39_ofsted_ilacs/Provider_data_lookup.csv"
WORKFORCE = f"{RAW}/csww_indicators_2017_to_2025.csv"
NEIGHBOURS = f"{RAW}/sn_model_2025_wide.csv"
INTERVENTIONS = "curated/interventions.csv"
REPORT_FILE = "import-report.md"
#: Ofsted's documents, read in turn: the name the progress lines give them, the title of their
#: figures in the import's report, and how they are found, read and counted.
_DOCUMENTS = (("Reports", "Ofsted's reports of full inspections", find_reports, read_reports, reports_summary),
              ("Letters", "Ofsted's visit letters", find_letters, read_letters, letters_summary))

_CSC = CSC_REPOSITORY + "2f5d11a431050523dab58810083259d3313029ae/data-raw/"
_LOOKUP_URL = ("https://github.com/JT-39/ofsted-ilacs-scrape-tool/blob/54af59bf7856a26530b1eeb45c1c1c146f34cb8a/"
               "import_data/la_lookup/Provider_data_lookup.csv")
REGISTER_SOURCES: dict[str, dict[str, Any]] = {
    "ofsted": {"title": RELEASES["2025"].title, "publisher": "Ofsted", "date": RELEASES["2025"].date,
               "url": RELEASES["2025"].file_url,
               "note": "Sheet Inspections_as_at_31_March: the name, ONS code and Ofsted region of the 153 "
                       "authorities; the DfE code is in each row's link."},
    "workforce": {"title": "Children's social work workforce indicators, 2017 to 2025",
                  "publisher": "Department for Education", "url": _CSC + "csww_indicators_2017_to_2025.csv",
                  "note": "Used as the DfE's list of authorities year by year: DfE code, ONS codes, name, region."},
    "lookup": {"title": "Provider_data_lookup.csv (local authority lookup)",
               "publisher": "Data to Insight, ofsted-ilacs-scrape-tool", "date": "2026-08-22", "url": _LOOKUP_URL,
               "note": "Ofsted URN and the other names the authority goes by."},
    "neighbours": {"title": "Statistical neighbours model 2025", "publisher": "Department for Education",
                   "url": _CSC + "sn_model_2025_wide.csv", "note": "The ten closest statistical neighbours."},
    "cartogram": {**{key: CARTOGRAM_SOURCE[key] for key in ("title", "publisher", "date", "url")},
                  "note": "Short names from the map's labels (for example 'Northants' and 'Stoke')."},
}
CURRENCY = [
    {"source": "Ofsted's official statistics (local authority inspection outcomes)", "runs_to": RELEASES["2025"].runs_to,
     "note": "Full inspections from 2009 and focused and monitoring visits from April 2021 to 31 March 2025. "
             "No official release for the visits of 2018 to March 2021 is in these data."},
    {"source": "Community scrape of Ofsted's published full-inspection reports", "runs_to": RUNS_TO,
     "note": "Adds the full inspections published after the official statistics; it holds no visits."},
    {"source": "Ofsted's reports of full inspections (a community scrape of Ofsted's report site)",
     "runs_to": REPORTS_RUN_TO,
     "note": "The reports published from 2012 to August 2026, read from their PDFs: dates, judgements, lead "
             "inspector, opening summary and what needs to improve. Four files of 2012 are web pages saved in "
             "error, not reports."},
    {"source": "Ofsted's focused visit letters (a community scrape of Ofsted's report site)", "runs_to": LETTERS_RUN_TO,
     "note": "The letters published from April 2018 to July 2021 and from April 2025, read from their PDFs. The "
             "set is incomplete: for 2020-21 it holds 17 letters where other counts give about 40 visits, so "
             "the focused visits of April 2018 to March 2021 shown here are only part of those made. It holds "
             "no monitoring visit letters."},
    {"source": "Curated table of DfE interventions", "runs_to": "2024",
     "note": "Improvement notices, directions, commissioners and trusts from about 2010 to 2024; it is not "
             "complete, and many lifting dates are missing."},
]


def run_import(root: Path, shared: Path, today: dt.date, log: Log = print) -> list[str]:
    """Import every source under ``shared`` (the ``shared/data`` folder) into ``root/data``; return the
    data files it changed."""
    missing = [p for p in (RAW, SCRAPE, LOOKUP, WORKFORCE, NEIGHBOURS, INTERVENTIONS, GEOPACKAGE, LETTER_INDEX,
                           REPORT_LISTING) if not (shared / p).exists()]
    if missing:
        raise ImportFailed("missing source files under " + str(shared) + ": " + ", ".join(missing))
    started = time.monotonic()
    report = Report()
    frameworks = load_frameworks(root / "data", root)
    base = shared / RAW
    current = read_tables(base / RELEASES["2025"].file, "Inspections_as_at_31_March")[0]
    authorities = load_authorities(current, shared / WORKFORCE, shared / LOOKUP, shared / NEIGHBOURS)
    log(f"Authorities: {sum(a.current for a in authorities.all)} current, "
        f"{sum(not a.current for a in authorities.all)} former ({time.monotonic() - started:.1f} s).")
    observations = list(read_official(base, authorities, frameworks, report))
    log(f"Official releases: {len(observations)} rows read ({time.monotonic() - started:.1f} s).")
    scraped = list(read_scrape(shared / SCRAPE, authorities, report))
    interventions = list(read_interventions(shared / INTERVENTIONS, authorities, report))
    log(f"Scrape: {len(scraped)} reports; interventions: {len(interventions)} rows "
        f"({time.monotonic() - started:.1f} s).")
    documents: dict[str, list[Observation]] = {}
    for name, title, find, read, summarise in _DOCUMENTS:
        found = find(shared, report)
        log(f"{name}: reading {len(found)} PDFs ({time.monotonic() - started:.1f} s).")
        documents[name] = list(read(found, authorities, report, log))
        figures = summarise(found, documents[name], report)
        report.figures.append(f"{title}: {figures}.")
        log(f"{name}: {figures} ({time.monotonic() - started:.1f} s).")
    cartogram, labels = read_cartogram(shared / GEOPACKAGE)
    log(f"Map layout: {len(labels)} areas of England ({time.monotonic() - started:.1f} s).")
    runs_to = dt.date.fromisoformat(RELEASES["2025"].runs_to)
    events = combine(observations + scraped + interventions + documents["Letters"] + documents["Reports"], runs_to,
                     frameworks, report)
    report.figures.append(against_reports(report))

    data = root / "data"
    register_doc, problems = load_document(data / REGISTER, REGISTER)
    if problems or register_doc is None:
        raise ImportFailed(f"data/{REGISTER} cannot be read; run `python -m generator validate` first")
    register = register_doc.data
    entries, slugs = _register_entries(register.get("authorities", []), authorities, labels)
    files: dict[str, str] = {}
    for identity in authorities.all:
        slug = slugs[identity.dfe_code]
        path = data / EVENTS_DIR / f"{slug}.yaml"
        existing = load_document(path, f"data/{EVENTS_DIR}/{slug}.yaml")[0] if path.exists() else None
        before = existing.data if existing is not None else {}
        merged = merge_events(before.get("events", []), events.get(identity.dfe_code, []), is_imported_source,
                              f"data/{EVENTS_DIR}/{slug}.yaml", report)
        name = next(e["name"] for e in entries if e["slug"] == slug)
        files[f"{EVENTS_DIR}/{slug}.yaml"] = events_file(before, slug, name, merged, today)
    new_register = {"as_of": register.get("as_of"), "coverage": register.get("coverage"), "currency": CURRENCY,
                    "authorities": entries}
    if register.get("ofsted_checked"):  # the fetch's, which the import keeps
        new_register["ofsted_checked"] = register["ofsted_checked"]
    files[REGISTER] = dump(new_register, REGISTER_HEADER)
    files[CARTOGRAM] = cartogram
    log(f"Combined into {sum(len(v) for v in events.values())} imported events "
        f"({time.monotonic() - started:.1f} s); validating.")
    written = write_validated(root, files)
    (root / "build").mkdir(exist_ok=True)
    (root / "build" / REPORT_FILE).write_text(report.text(), encoding="utf-8")
    log(f"Wrote {len(written)} files, {len(files) - len(written)} unchanged "
        f"({time.monotonic() - started:.1f} s). {report.summary()}; see build/{REPORT_FILE}.")
    return written


def is_imported_source(source: dict[str, Any]) -> bool:
    """Whether a source in a data file is one the import wrote: a release, the scrape, a row of
    the interventions table, a letter or a report (whose sources keep their own titles, so their
    note tells them)."""
    return (source.get("title") in {release.title for release in RELEASES.values()} | {TITLE}
            or str(source.get("note") or "").startswith((TABLE_NOTE, LETTER_NOTE, REPORT_NOTE)))


#: How the import's report names each origin of an account that disagrees with a report.
_ACCOUNTS = {OFFICIAL_ORIGIN: "the releases", SCRAPE_ORIGIN: "the scrape", LETTERS_ORIGIN: "the letters",
             REPORTS_ORIGIN: "another report of the same inspection"}


def against_reports(report: Report) -> str:
    """The figures line of the disagreements with Ofsted's reports, which the events follow: by
    whose account and by what (a date, a judgement, the lead inspector)."""
    counted = []
    origins = [*_ACCOUNTS, *sorted({whose for _, whose in report.against_reports} - _ACCOUNTS.keys())]
    for origin in origins:
        found = {what: n for (what, whose), n in sorted(report.against_reports.items()) if whose == origin}
        if found:
            counted.append(f"{_ACCOUNTS.get(origin, origin)}, {sum(found.values())} ("
                           + ", ".join(f"{n} {what}" for what, n in found.items()) + ")")
    return ("Disagreements with Ofsted's reports, whose account is used: " + ("; ".join(counted) or "none")
            + ". Each is listed below.")


def _register_entries(existing: list[dict[str, Any]], authorities: Authorities,
                      labels: dict[str, Labels]) -> tuple[list[dict[str, Any]], dict[str, str]]:
    """The register's authorities: each existing entry updated, each new authority added, with the
    short names of the map's labels (``labels``, by ONS code) among the aliases of current ones."""
    by_code = {}
    for known in existing:
        for code in [known.get("ons_code"), *known.get("former_ons_codes", [])]:
            by_code[code] = known
        if known.get("dfe_code"):
            by_code[known["dfe_code"]] = known
    taken_names = {name_key(i.name) for i in authorities.all if i.current}
    slugs: dict[str, str] = {}
    entries = []
    for identity in authorities.all:
        old = by_code.get(identity.dfe_code) or next(
            (by_code[c] for c in identity.ons_codes if c in by_code), None)
        name = old["name"] if old else _new_name(identity, taken_names)
        slug = old["slug"] if old else slug_of(name)
        slugs[identity.dfe_code] = slug
        entries.append((identity, old, name, slug))
    result = []
    for identity, old, name, slug in entries:
        entry: dict[str, Any] = dict(old or {})
        entry.update({"slug": slug, "name": name, "ons_code": identity.ons_code})
        entry.pop("former_ons_codes", None)
        if identity.ons_codes[:-1]:
            entry["former_ons_codes"] = identity.ons_codes[:-1]
        entry["dfe_code"] = identity.dfe_code
        if identity.urn:
            entry["ofsted_urn"] = identity.urn
        entry.update({"region": identity.region.value, "ofsted_region": identity.ofsted_region.value,
                      "type": identity.type.value})
        on_map = [labels[code] for code in identity.ons_codes if code in labels] if identity.current else []
        short = short_names(name, on_map[-1]) if on_map else set()
        aliases = list(dict.fromkeys([*(old or {}).get("aliases", []), *sorted(identity.aliases | short)]))
        aliases = [a for a in aliases if name_key(a) != name_key(name)]
        if aliases:
            entry["aliases"] = aliases
        neighbours = [slugs[c] for c in identity.neighbours if c in slugs]
        if neighbours:
            entry["neighbours"] = neighbours
        hand_sources = [s for s in (old or {}).get("sources", [])
                        if s.get("title") not in {r["title"] for r in REGISTER_SOURCES.values()}]
        used = [key for key, applies in (("ofsted", identity.current), ("workforce", True), ("lookup", identity.urn),
                                         ("neighbours", neighbours), ("cartogram", short)) if applies]
        entry["sources"] = [REGISTER_SOURCES[k] for k in used] + hand_sources
        result.append(entry)
    return sorted(result, key=lambda e: (e["name"].casefold(), e["slug"])), slugs


def _new_name(identity: Identity, current_names: set[str]) -> str:
    """The name a new page takes: Ofsted's; a former authority sharing a current one's name is told
    apart by its council's name (the old Dorset County Council beside today's Dorset)."""
    if not identity.current and name_key(identity.name) in current_names:
        return f"{identity.name} County Council" if identity.type.value == "county" else f"{identity.name} Council"
    return identity.name
