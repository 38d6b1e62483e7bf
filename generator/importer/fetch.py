"""The fetch command: find what Ofsted has published since the data were gathered, download it,
read it, and add it to data/.

For each chosen authority (by default every current one in the register) it reads the
authority's page on Ofsted's report site (``ofsted_site``) and lists its publications. A
publication is new unless the authority's file already cites its address, or holds an event of
the same kind published the same day with one of Ofsted's documents among its sources (the
letters and reports the import read from copies elsewhere). New files are downloaded, one
request at a time (``client``), into a cache outside data/ (``build/ofsted`` unless told
otherwise), each moved into place only when complete, so nothing is downloaded twice.

Then the import's own steps: the import's readers read each report and letter; a joint targeted
area inspection's letter gives its theme and days (``jtai``); a publication that cannot be read
becomes an event of what the listing makes certain (its kind, its publication date, Ofsted's
copy as the source), listed in the report. ``combine`` makes events of them, and each is added to
the authority's file (``merge.add_events``), joining the file's own account of the same
inspection or visit where it has one, keeping every value the file gave it (but for a date that
the publication narrows to one inside it, as an import does). Everything is
validated as a whole before any file is written (``store``).

Failure is all or nothing for data/: if any page or file cannot be fetched after its retries, or
a page no longer lists publications as the fetch reads them, nothing in data/ changes and each
failure is named; the files already downloaded stay in the cache for the next run. A whole check
(every current authority, online) records its day in the register as ``ofsted_checked``.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import os
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Any

from generator.importer import SITE, ImportFailed
from generator.importer.authorities import Authorities, identity_of
from generator.importer.client import Client, FetchFailed
from generator.importer.combine import combine
from generator.importer.documents import Document, read_documents
from generator.importer.inspection_report import BOARD_REVIEW
from generator.importer.jtai import JtaiFacts, read_jtai
from generator.importer.letters import read_letters
from generator.importer.merge import add_events
from generator.importer.observations import Observation
from generator.importer.ofsted_site import Publication, provider_page, publications
from generator.importer.pdftext import NO_SIGNATURE, cut_short, is_pdf, is_web_page, letter_lines
from generator.importer.report import Report
from generator.importer.reports import read_reports
from generator.importer.write import REGISTER_HEADER, dump, events_file
from generator.load import load_document
from generator.model import FETCH_ORIGIN, Authority, Kind, SourceType, Timeline
from generator.problems import did_you_mean, visible
from generator.site_config import read_settings
from generator.store import write_validated
from generator.validate import REGISTER, authority_names, load_dataset

Log = Callable[[str], None]
REPORT_FILE = "fetch-report.md"
#: Progress lines while reading the authorities' pages: one every this many pages.
_PAGES_EVERY = 10
_PDF = "application/pdf"
_HTML = "text/html"
#: The start of the note of every source the fetch writes: an import keeps such sources as an
#: editor's, because its own sources do not hold them.
FETCHED_NOTE = "Ofsted's publication, found on Ofsted's report site by the fetch"
_UNREAD = " It could not be read; the event gives only what the listing gives."
_SET_ASIDE = "set-aside.txt"
_LISTING = "publications.csv"
_LISTING_HEADER = ["urn", "authority", "title", "published", "kind", "url", "status"]


@dataclass(frozen=True)
class Settings:
    """What to fetch, from where, and how politely."""

    cache: Path  # where pages and files are kept between runs
    site: str = SITE
    authorities: tuple[str, ...] = ()  # slugs, names or aliases; none: every current authority
    since: dt.date | None = None  # only publications published on or after this day
    offline: bool = False  # only what the cache holds: no request at all
    delay: float = 1.0
    timeout: float = 30.0
    retries: int = 3
    backoff: float = 1.0  # the least first back-off, whatever the delay (the tests' is shorter)


@dataclass
class Outcome:
    """What a run found and did, for its summary and for the tests."""

    pages: int = 0
    listed: int = 0
    other_kinds: Counter[str] = field(default_factory=Counter)  # titles of kinds this site does not show
    before_since: int = 0
    new: list[Publication] = field(default_factory=list)
    downloaded: int = 0
    from_cache: int = 0
    not_cached: list[Publication] = field(default_factory=list)  # offline, and not in the cache
    unread: list[tuple[Publication, str]] = field(default_factory=list)  # made an event of the listing alone
    set_aside: list[tuple[Publication, str]] = field(default_factory=list)  # read: not of a kind the site shows
    odd_links: list[str] = field(default_factory=list)  # links that could not be read as publications
    joined: int = 0  # joined an event the data had
    added: int = 0  # new events
    requests: int = 0
    checked: bool = False  # a whole check: every current authority, online, from no date
    written: list[str] = field(default_factory=list)


def run_fetch(root: Path, settings: Settings, today: dt.date, log: Log = print) -> Outcome:
    """Fetch, read and add what is new for the chosen authorities; raises ``FetchFailed`` (nothing
    written) when a page or file cannot be had, ``DataProblems`` when the data do not validate."""
    started = time.monotonic()
    dataset = load_dataset(root / "data", root)
    chosen = _chosen(dataset.timelines, settings.authorities)
    outcome = Outcome(checked=not settings.authorities and not settings.offline and settings.since is None)
    client = None if settings.offline else Client(read_settings(root / "mkdocs.yml").repository, settings.delay,
                                                  settings.timeout, settings.retries, settings.backoff)
    cache = _Cache(settings.cache)
    listed = _listed(chosen, settings, cache, client, outcome, log)
    set_aside = cache.set_aside()
    rows = []
    for timeline in chosen:
        known = _known(timeline, set_aside)
        for publication in listed[timeline.authority.slug]:
            if publication.kind is None:
                outcome.other_kinds[publication.title] += 1
                status = "a kind this site does not show"
            elif settings.since and publication.published < settings.since:
                outcome.before_since += 1
                status = "published before --since"
            elif not known(publication):
                outcome.new.append(publication)
                status = "new"
            else:
                status = "set aside by an earlier run" if publication.url in set_aside else "in the data"
            rows.append([publication.urn, timeline.authority.name, publication.title, publication.published.isoformat(),
                         publication.kind.value if publication.kind else "", publication.url, status])
    cache.keep_listing(rows)
    log(f"Ofsted's report site: {outcome.listed} publications on {outcome.pages} pages, {len(outcome.new)} new "
        f"({time.monotonic() - started:.1f} s).")
    files = _download(outcome.new, cache, client, outcome, log)
    if client is not None:
        outcome.requests = client.requests
    report = Report()
    authorities = _authorities(chosen)
    observations = _read(files, authorities, report, outcome, log)
    cache.keep_set_aside(set_aside | {p.url for p, _ in outcome.set_aside})
    for publication in outcome.not_cached:
        report.skip(f"{publication.urn}/{visible(publication.name)}", "not in the cache, and --offline: not read; run "
                                                             "without --offline to download it")
    for odd in outcome.odd_links:
        report.skip("Ofsted's report site", odd)
    events = combine(observations, today, dataset.frameworks, report)
    texts = _files(root, chosen, events, dataset.as_of.first_day(), today, outcome, report)
    try:
        outcome.written = write_validated(root, texts) if texts else []
    finally:  # the report says what was read also when the data, with it, do not validate
        report.figures.insert(0, summary(outcome))
        _write_report(root, report, log)
    log(f"{summary(outcome)} ({time.monotonic() - started:.1f} s; see build/{REPORT_FILE}).")
    return outcome


def _write_report(root: Path, report: Report, log: Log) -> None:
    """``build/fetch-report.md``; a report that cannot be written is said, not raised, as data/ may
    already have been written."""
    try:
        (root / "build").mkdir(exist_ok=True)
        (root / "build" / REPORT_FILE).write_text(report.text("What the fetch found and could not use"),
                                                  encoding="utf-8")
    except OSError as error:
        log(f"warning: build/{REPORT_FILE} could not be written ({error.strerror or error})")


def summary(outcome: Outcome) -> str:
    """The run in one paragraph: what was listed, what was new, and what became of it."""
    text = (f"Read the pages of {outcome.pages} {'authority' if outcome.pages == 1 else 'authorities'}, listing "
            f"{outcome.listed} publications"
            + (f" ({len(outcome.odd_links)} links not read as publications, listed in the report)"
               if outcome.odd_links else "")
            + (f" ({sum(outcome.other_kinds.values())} of kinds this site does not show)" if outcome.other_kinds
               else "")
            + (f"; {outcome.before_since} published before the date looked from" if outcome.before_since else "")
            + f". New: {len(outcome.new)}")
    if outcome.new:
        text += (f" ({outcome.downloaded} downloaded, {outcome.from_cache} from the cache"
                 + (f", {len(outcome.not_cached)} not in the cache (offline)" if outcome.not_cached else "") + ")"
                 + f"; {outcome.added} new events, {outcome.joined} joined to events the data had"
                 + (f", {len(outcome.unread)} could not be read and show only what the listing gives" if outcome.unread
                    else "")
                 + (f", {len(outcome.set_aside)} read and set aside as not of a kind this site shows"
                    if outcome.set_aside else ""))
    text += (f". Requests sent: {outcome.requests}. Files written in data/: {len(outcome.written)}"
             + (" (a whole check: the register's ofsted_checked is today)" if outcome.checked else "") + ".")
    return text


def _chosen(timelines: tuple[Timeline, ...], wanted: tuple[str, ...]) -> list[Timeline]:
    """The authorities asked for by slug, name, alias (as ``new`` finds them) or Ofsted URN, or
    every current one."""
    if not wanted:
        return [t for t in timelines if t.authority.abolished is None and _fetchable(t.authority)]
    names = authority_names(t.authority for t in timelines)
    by_slug = {t.authority.slug: t for t in timelines}
    by_urn = {t.authority.ofsted_urn: t for t in timelines if t.authority.ofsted_urn}
    chosen = []
    for name in wanted:
        timeline = by_urn.get(name.strip()) or by_slug.get(names.get(name.strip().casefold(), ""))
        if timeline is None:
            raise ImportFailed(f"--authority {name!r}: no authority in data/{REGISTER} has that slug, name, alias or "
                               f"Ofsted URN; {did_you_mean(name, names)}".rstrip("; "))
        if not _fetchable(timeline.authority):
            raise ImportFailed(f"--authority {name!r}: {timeline.authority.name} lacks an Ofsted URN, DfE code, ONS "
                               f"code or Ofsted region in data/{REGISTER}, so the fetch cannot place what it finds")
        if timeline.authority.abolished is not None:
            raise ImportFailed(f"--authority {name!r}: {timeline.authority.name} was abolished on "
                               f"{timeline.authority.abolished.display()}; its successors' pages list what came after")
        if timeline not in chosen:
            chosen.append(timeline)
    return chosen


def _fetchable(authority: Authority) -> bool:
    """Whether the register gives what the fetch and the import's readers know an authority by."""
    return bool(authority.ofsted_urn and identity_of(authority))


def _listed(chosen: list[Timeline], settings: Settings, cache: _Cache, client: Client | None, outcome: Outcome,
            log: Log) -> dict[str, list[Publication]]:
    """Each authority's publications, from its page: fetched (and kept in the cache), or offline
    from the cache. Every page is tried before a failure is raised, so that one run names them all."""
    found: dict[str, list[Publication]] = {}
    failed: list[str] = []
    for number, timeline in enumerate(chosen, start=1):
        urn = str(timeline.authority.ofsted_urn)
        url = provider_page(settings.site, urn)
        try:
            html = cache.page(urn) if client is None else client.get(url, _HTML)
            if client is not None:
                cache.keep_page(urn, html)
            listing = publications(html, url, urn)
        except ImportFailed as error:
            failed.append(f"{timeline.authority.name}: {error}")
        else:
            found[timeline.authority.slug] = listing.publications
            outcome.odd_links += [f"{timeline.authority.name} ({url}): {odd}" for odd in listing.odd]
        if number % _PAGES_EVERY == 0 or number == len(chosen):
            log(f"  pages read: {number} of {len(chosen)}" + (f", {len(failed)} failed" if failed else ""))
    if failed:
        raise FetchFailed(_failures("page", failed))
    outcome.pages, outcome.listed = len(found), sum(len(p) for p in found.values())
    return found


def _known(timeline: Timeline, set_aside: set[str]) -> Callable[[Publication], bool]:
    """Whether the authority's file has a publication already: it cites its address, or has an event
    of its kind published that day with one of Ofsted's documents as a source; or an earlier run
    read it and set it aside (``set_aside``, addresses)."""
    addresses = {s.url for e in timeline.events for s in e.sources if s.url} | set_aside
    documented = {(e.kind, e.published.first_day()) for e in timeline.events if e.published is not None
                  and any(s.type is SourceType.REPORT and s.publisher == "Ofsted" for s in e.sources)}
    return lambda p: p.url in addresses or (p.kind, p.published) in documented


def _download(new: list[Publication], cache: _Cache, client: Client | None, outcome: Outcome,
              log: Log) -> list[tuple[Publication, Path]]:
    """The new publications' files: from the cache where they are, else downloaded (every one is
    tried, so that one run names every failure, and each one downloaded is kept)."""
    files: list[tuple[Publication, Path]] = []
    failed: list[str] = []
    for number, publication in enumerate(new, start=1):
        path = cache.file(publication)
        if path.exists():
            outcome.from_cache += 1
        elif client is None:
            outcome.not_cached.append(publication)
            continue
        else:
            try:
                body = client.get(publication.url, _PDF)
            except FetchFailed as error:
                failed.append(f"{visible(publication.name)} (URN {publication.urn}): {error}")
                continue
            wrong = _not_whole_pdf(body)
            if wrong:
                failed.append(f"{visible(publication.name)} (URN {publication.urn}): {publication.url}: {wrong}")
                continue
            cache.keep(path, body)
            outcome.downloaded += 1
            log(f"  downloaded {number} of {len(new)}: {visible(publication.name)} (URN {publication.urn})")
        files.append((publication, path))
    if failed:
        raise FetchFailed(_failures("file", failed) + f" Files downloaded: {outcome.downloaded}, kept in "
                                                      f"{cache.root}, and not to be downloaded again.")
    return files


def _not_whole_pdf(body: bytes) -> str | None:
    """Why a downloaded file is not kept: the server sent something else (an error page with a
    status of 200), or a PDF that stops before its end. Either may be right next time."""
    if is_web_page(body):
        return f"the server sent an HTML page ({len(body)} bytes), not the PDF"
    if not is_pdf(body):
        return f"the server sent a file that is not a PDF ({NO_SIGNATURE}; {len(body)} bytes)"
    if cut_short(body):
        return f"the PDF stops before its end-of-file marker after {len(body)} bytes: it was cut short"
    return None


def _failures(what: str, failed: list[str]) -> str:
    return (f"{len(failed)} {what}{'s' if len(failed) > 1 else ''} could not be fetched, so nothing in data/ was "
            "changed:\n" + "\n".join(f"  - {line}" for line in failed) + "\n")


def _authorities(chosen: list[Timeline]) -> Authorities:
    """The chosen authorities as the import's readers know authorities: by URN, with their names."""
    return Authorities([identity for t in chosen if (identity := identity_of(t.authority))])


def _read(files: list[tuple[Publication, Path]], authorities: Authorities, report: Report, outcome: Outcome,
          log: Log) -> list[Observation]:
    """One observation per publication: as the import's readers read it, or, where they cannot,
    what the listing makes certain; each with the publication as the site lists it as its source."""
    documents = {publication: Document(path, f"{publication.urn}/{publication.name}", publication.urn,
                                       publication.published, publication.url)
                 for publication, path in files}
    sources = {document.where: _source(publication) for publication, document in documents.items()}
    by_kind = {kind: [documents[p] for p in documents if p.kind in kinds] for kind, kinds in (
        ("reports", {Kind.FULL_INSPECTION}), ("letters", {Kind.FOCUSED_VISIT, Kind.MONITORING_VISIT}),
        ("jtai", {Kind.JTAI}))}
    observations = list(read_reports(by_kind["reports"], authorities, report, log)) if by_kind["reports"] else []
    observations += list(read_letters(by_kind["letters"], authorities, report, log)) if by_kind["letters"] else []
    if by_kind["jtai"]:
        observations += list(read_documents(by_kind["jtai"], _jtai_facts,
                                            partial(_jtai_observation, authorities=authorities, report=report),
                                            "letters", 10, log))
    # The readers' sources are their folders' copies; these are Ofsted's, found on its site.
    observations = [replace(o, source=sources[o.where], origin=FETCH_ORIGIN) for o in observations]
    read = {o.where for o in observations}
    for publication, document in documents.items():
        if document.where not in read:
            why = next((e.detail for e in report.entries if e.where == document.where and e.kind == "skipped"),
                       "not read")
            if why == BOARD_REVIEW:  # read, and found to be of a kind the site does not show
                outcome.set_aside.append((publication, why))
                continue
            outcome.unread.append((publication, why))
            report.unused(document.where, "shown as an event of what the listing gives (its kind, publication date "
                                          "and Ofsted's copy) until an editor reads it")
            source = {**sources[document.where], "note": sources[document.where]["note"] + _UNREAD}
            observations.append(Observation(authorities.by_urn[document.urn].dfe_code, publication.kind, source,
                                            document.where, published=document.published, origin=FETCH_ORIGIN))
    return observations


def _source(publication: Publication) -> dict[str, str]:
    """A publication the fetch found, as a source: Ofsted's own copy, named as the site lists it."""
    return {"title": publication.name, "publisher": "Ofsted", "date": publication.published.isoformat(),
            "url": publication.url, "type": "report",
            "note": f"{FETCHED_NOTE}, and read by the importer. The link is Ofsted's copy."}


def _jtai_facts(path: Path) -> JtaiFacts:
    """The facts of a joint targeted area inspection's letter (run in a worker process)."""
    return read_jtai(letter_lines(path))


def _jtai_observation(document: Document, facts: JtaiFacts | str, authorities: Authorities,
                      report: Report) -> Observation | None:
    """A joint targeted area inspection, of what its letter states; its source is given by ``_read``."""
    if isinstance(facts, str):
        report.skip(document.where, f"unreadable: {facts}")
        return None
    for problem in facts.problems:
        report.unused(document.where, problem)
    return Observation(authorities.by_urn[document.urn].dfe_code, Kind.JTAI, {}, document.where, date=facts.start,
                       end=facts.end if facts.end != facts.start else None, published=document.published,
                       theme=facts.theme)


def _files(root: Path, chosen: list[Timeline], events: dict[str, list[dict[str, Any]]], as_of: dt.date,
           today: dt.date, outcome: Outcome, report: Report) -> dict[str, str]:
    """The data files the new events change, and the register where the check or the dates move."""
    data = root / "data"
    texts: dict[str, str] = {}
    newest = as_of
    for timeline in chosen:
        fetched = events.get(str(timeline.authority.dfe_code), [])
        if not fetched:
            continue
        newest = max([newest] + [dt.date.fromisoformat(event[k]) for event in fetched
                                 for k in ("date", "end", "published")
                                 if event.get(k) not in (None, "unknown") and len(event[k]) == 10])
        relative = timeline.file.removeprefix("data/")
        before = load_document(data / relative, timeline.file)[0]
        assert before is not None  # the data set validated
        merged, joined = add_events(list(before.data.get("events", [])), fetched, timeline.file, report)
        outcome.joined += joined
        outcome.added += len(fetched) - joined
        texts[relative] = events_file(before.data, timeline.authority.slug, timeline.authority.name, merged, today)
    if texts or outcome.checked:
        register = load_document(data / REGISTER, f"data/{REGISTER}")[0]
        assert register is not None
        entries = dict(register.data)
        entries["as_of"] = max(newest, as_of, today if outcome.checked else as_of).isoformat()
        if outcome.checked:
            entries["ofsted_checked"] = today.isoformat()
        texts[REGISTER] = dump(entries, REGISTER_HEADER)
    return texts


class _Cache:
    """Pages and files kept between runs: ``pages/URN.html``, ``files/URN/DIGEST.pdf`` (named by a
    digest of the file's address, so that no two addresses share one, whatever they hold), the
    addresses of the publications set aside, one a line, and the last run's list of every
    publication the pages list (``publications.csv``). Each is written whole, then moved into
    place; a cache that cannot be written stops the run as a failed fetch does."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def page(self, urn: str) -> bytes:
        path = self.root / "pages" / f"{urn}.html"
        if not path.is_file():
            raise FetchFailed(f"no copy of the page of URN {urn} in {self.root} (run once without --offline)")
        return path.read_bytes()

    def set_aside(self) -> set[str]:
        """The addresses of publications read and set aside by earlier runs (of other kinds)."""
        path = self.root / _SET_ASIDE
        return set(path.read_text(encoding="utf-8").split()) if path.is_file() else set()

    def keep_set_aside(self, addresses: set[str]) -> None:
        if addresses != self.set_aside():
            self.keep(self.root / _SET_ASIDE, "".join(f"{a}\n" for a in sorted(addresses)).encode("utf-8"))

    def keep_listing(self, rows: list[list[str]]) -> None:
        """Every publication the pages list, with what the run made of it, as CSV for editors."""
        text = io.StringIO()
        csv.writer(text, lineterminator="\n").writerows([_LISTING_HEADER, *rows])
        self.keep(self.root / _LISTING, text.getvalue().encode("utf-8"))

    def keep_page(self, urn: str, html: bytes) -> None:
        self.keep(self.root / "pages" / f"{urn}.html", html)

    def file(self, publication: Publication) -> Path:
        digest = hashlib.sha256(publication.url.encode("utf-8")).hexdigest()[:24]
        return self.root / "files" / publication.urn / f"{digest}.pdf"

    def keep(self, path: Path, body: bytes) -> None:
        part = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path.parent, prefix=".part-", delete=False) as file:
                part = Path(file.name)
                file.write(body)
            os.replace(part, path)
        except OSError as error:
            if part is not None:
                part.unlink(missing_ok=True)
            raise FetchFailed(f"the cache {self.root} cannot be written ({error.strerror or error}), so nothing in "
                              "data/ was changed") from error
