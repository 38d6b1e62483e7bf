"""The command line's commands and options, with their help: one parser that ``cli`` runs and the
editors' guide documents (``render/commands.py``), so the guide cannot drift from the commands.

The flags of ``new`` are the event's simple fields and its first source's, named after the
fields and explained in the model's own words, so adding a field to the model and not to the
command line is caught by a test rather than by an editor.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

from generator.builders import BUILDERS, DEFAULT_BUILDER, PREVIEW_BUILDER

from generator.github import FORMATS
from generator.importer import SITE
from generator.model import Event, InterventionAction, Kind, Source, SourceType, Vocabulary

PROG = "python -m generator"

#: The event's fields that ``new`` sets from a flag of the same name; the others are lists or
#: records (findings, quotes, people, corrections), or ``origin``, which is "hand" for every
#: event an editor adds. ``judgements`` has its own flag, ``--judgement AREA=GRADE``.
EVENT_FLAGS = ("id", "kind", "date", "end", "published", "framework", "action", "theme", "summary", "about",
               "notes")
#: The fields of the event's source that ``new`` sets, from ``--source-FIELD``.
SOURCE_FLAGS = tuple(Source.model_fields)
_VOCABULARIES: dict[str, type[Vocabulary]] = {"kind": Kind, "action": InterventionAction}
#: The flags whose values are ids of data/frameworks.yaml (which the editors' reference lists).
_FRAMEWORK_IDS = ("framework",)
#: An example's line goes on below (a shell's line continuation).
_GO_ON = " \\\n      "
_METAVARS = {"date": "DATE", "end": "DATE", "published": "DATE", "about": "ID", "id": "ID", "url": "URL"}


class _Formatter(argparse.HelpFormatter):
    """Fills paragraphs to the terminal's width as argparse does, but keeps a paragraph with
    indented lines (the examples) line by line."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        paragraphs = []
        for paragraph in text.split("\n\n"):
            lines = paragraph.splitlines()
            if any(line.startswith(" ") for line in lines):
                paragraphs.append("\n".join(indent + line for line in lines))
            else:
                paragraphs.append(super()._fill_text(paragraph, width, indent))
        return "\n\n".join(paragraphs)


def parser() -> argparse.ArgumentParser:
    """The whole command line: the project-wide option, then one sub-parser per command."""
    top = argparse.ArgumentParser(
        prog=PROG, formatter_class=_Formatter,
        description="Validate the Inspection Timelines data, add events to it, import Ofsted's published data "
                    "into it, build or preview the site from it, and say which pages a change of it affects. Run a "
                    "command with --help for its options.",
        epilog="Exit status: 0 when the command succeeded; 1 when the data have problems (each printed as "
               "file:line: field: message) or new refused the event; 2 for anything else (MkDocs failed, "
               "mkdocs.yml is unusable, a source file for the import is missing, git cannot give a revision's data, "
               "wrong options).\n\n"
               f"examples:\n  {PROG} validate\n  {PROG} --root ../a-copy build\n  {PROG} new --help")
    top.add_argument("--root", type=Path, default=Path.cwd(), metavar="FOLDER",
                     help="the project folder, holding data/, docs/ and mkdocs.yml (default: the current folder)")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND", title="commands")

    def command(name: str, summary: str, description: str, examples: list[str]) -> argparse.ArgumentParser:
        return commands.add_parser(
            name, help=summary, description=description, formatter_class=_Formatter,
            epilog="examples:\n" + "\n".join(f"  {PROG} {example}" for example in examples))

    _problem_format(command(
        "validate", "check every data file and print every problem found",
        "Check every file in data/ against the data model and print every problem, each as "
        "file:line: field: message, saying what is allowed and, for a near miss, which value was "
        "probably meant. Nothing is written.",
        ["validate", "validate --format github"]))
    site = command(
        "build", "validate, generate the pages and charts, and build the site into build/site",
        "Validate the data, generate every page, chart, download and feed into build/docs, and build "
        f"the site with {BUILDERS[DEFAULT_BUILDER]} (strict) into build/site. Charts whose data have not changed "
        "are taken from build/cache/charts rather than drawn again. Nothing is built while the data have a "
        "problem, and a failed or interrupted build leaves the previous site as it was.",
        ["build", "build --builder zensical"])
    _problem_format(site)
    site.add_argument("--builder", choices=BUILDERS, default=DEFAULT_BUILDER,
                      help=f"what builds the site: {', '.join(f'{k} ({v})' for k, v in BUILDERS.items())}; "
                           f"default: {DEFAULT_BUILDER}. Another than the default builds into build/site-BUILDER, "
                           "to compare")
    _new(command("new", "add an event to an authority's file in data/events/",
                 "Add an event to an authority's file, data/events/SLUG.yaml, and set the file's updated "
                 "date. The event is written after the file's last event, as the import writes events; every "
                 "other line of the file, comments included, stays as it was. The whole data set is "
                 "validated with the event first: if there is any problem, it is printed and nothing is "
                 "written. Findings, quotations, people and further sources are added to the event by hand "
                 "afterwards.",
                 [f"new --authority hull --kind focused_visit --date 2021-05-10{_GO_ON}--theme 'Children in care' "
                  f"--source-title \"The letter's title\"{_GO_ON}--source-publisher Ofsted --source-date 2021-06-14 "
                  "--source-url https://reports.ofsted.gov.uk/...",
                  f"new --authority Trafford --kind council_report --date 2019-06{_GO_ON}--about full-inspection-2019 "
                  f"--summary 'The council agreed its improvement plan.'{_GO_ON}--source-title "
                  "'Improvement plan' --source-publisher 'Trafford Council'"]))
    importer = command("import", "read Ofsted's releases, the report scrape and the interventions table into data/",
                       "Re-read the source files (Ofsted's official statistics, the community scrape of its "
                       "reports, the DfE's lookup lists, the curated table of interventions and the House of "
                       "Commons Library's hex cartogram) and rewrite data/, keeping every hand-made event and "
                       "corrected field. The result is validated before anything is written; the files whose "
                       "content changes are rewritten, with today's date as their updated date. What could not "
                       "be used is listed in build/import-report.md.",
                       ["import", "import --shared /path/to/shared/data"])
    importer.add_argument("--shared", type=Path, default=None, metavar="FOLDER",
                          help="the folder of source files (default: ../shared/data beside the project)")
    fetch = command("fetch", "find what Ofsted has published since, download it, read it and add it to data/",
                    "Read each authority's page on Ofsted's report site (by its Ofsted URN in data/authorities.yaml; "
                    "by default every current authority), list every publication on it, and download the files "
                    "of those not yet in data/ into a cache outside data/, one request at a time, with a pause "
                    "between requests, a time-out and retries. Reports and letters are read as the import reads "
                    "them and added to the authorities' files, joining the file's own account of the same "
                    "inspection or visit where it has one; a publication that cannot be read is added with what "
                    "the listing gives and named in build/fetch-report.md. Hand-made events and corrections are "
                    "kept, and everything is validated before anything is written. If a page or file cannot be "
                    "fetched, nothing in data/ changes, each failure is named, and the files already downloaded "
                    "stay in the cache. A check of every current authority (without --since or --offline) records "
                    "today in data/authorities.yaml (ofsted_checked), which the site shows.",
                    ["fetch", "fetch --authority hull --authority trafford", "fetch --since 2026-09-01",
                     "fetch --offline", 'fetch --summary "$GITHUB_STEP_SUMMARY"'])
    fetch.add_argument("--authority", action="append", default=[], metavar="NAME",
                       help="only this authority: its slug, name, alias or Ofsted URN, in any case; give it again "
                            "for more (default: every current authority)")
    fetch.add_argument("--since", type=_day, metavar="YYYY-MM-DD",
                       help="only publications published on or after this day (default: all)")
    fetch.add_argument("--offline", action="store_true",
                       help="send no request: read the pages and files kept in the cache by an earlier run")
    fetch.add_argument("--cache", type=Path, default=None, metavar="FOLDER",
                       help="where pages and files are kept between runs (default: build/ofsted)")
    fetch.add_argument("--site", default=SITE, metavar="URL", type=_site,
                       help="the report site's address (default: %(default)s)")
    fetch.add_argument("--delay", type=_seconds, default=1.0, metavar="SECONDS",
                       help="the pause between requests; after a failure, the wait before asking again is twice "
                            "this (at least 2 s), doubling each time (default: %(default)s)")
    fetch.add_argument("--timeout", type=_seconds, default=30.0, metavar="SECONDS",
                       help="how long to wait for an answer (default: %(default)s)")
    fetch.add_argument("--retries", type=int, choices=range(0, 6), default=3, metavar="N",
                       help="tries after a server error, a time-out or a cut connection, 0 to 5 (default: "
                            "%(default)s)")
    fetch.add_argument("--summary", type=Path, metavar="FILE",
                       help="also append the outcome in Markdown to FILE (e.g. $GITHUB_STEP_SUMMARY), failure "
                            "included")
    preview = command("serve", "preview the site, rebuilding it when a file in data/ or docs/ changes",
                      "Build the site and serve it for preview, rebuilding it whenever a file in data/ or "
                      "docs/ changes; the browser reloads by itself. A change with a problem is printed and "
                      "the preview keeps the last good version.",
                      ["serve", "serve --address 127.0.0.1:8001"])
    preview.add_argument("--address", default="127.0.0.1:8000", metavar="HOST:PORT",
                         help="where to serve the preview (default: %(default)s)")
    preview.add_argument("--builder", choices=BUILDERS, default=PREVIEW_BUILDER,
                         help="what builds the preview, rebuilding only the pages whose files changed "
                              "(default: %(default)s, the faster)")
    affected = command("affected", "say which authority pages a change of data/ since a git revision affects",
                       "Compare data/ as it is with data/ at a git revision, authority by authority, and "
                       "write in Markdown which authority pages the change affects, with links, and which "
                       "other pages show those authorities. A pull request's checks write this to their job "
                       "summary.",
                       ["affected --base origin/main",
                        'affected --base origin/main --summary "$GITHUB_STEP_SUMMARY"'])
    affected.add_argument("--base", required=True, metavar="REV",
                          help="the revision to compare with, e.g. origin/main")
    affected.add_argument("--summary", type=Path, metavar="FILE",
                          help="append to FILE (e.g. $GITHUB_STEP_SUMMARY) instead of printing")
    return top


def _problem_format(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "--format", choices=FORMATS, help="how to print problems: text (file:line: field: message) or github "
        "(workflow commands that annotate each line); default: github where GITHUB_ACTIONS=true, else text")


def _new(new: argparse.ArgumentParser) -> None:
    """The flags of ``new``: the event's simple fields, its judgements, its source, and the date."""
    event = new.add_argument_group("the event")
    new.add_argument("--authority", required=True, metavar="NAME",
                     help="the authority: its slug, name or one of its aliases, in any case, e.g. hull")
    for name in EVENT_FLAGS:
        field = Event.model_fields[name]
        text = field.description or ""
        if name in _VOCABULARIES:
            text += "; one of: " + ", ".join(member.value for member in _VOCABULARIES[name])
        if name == "id":  # the model's example is the default's
            text = "a stable identity, unique in the file (default: its kind and date, e.g. focused-visit-2021-05-10)"
        metavar = name.upper() if name in _VOCABULARIES or name in _FRAMEWORK_IDS else _METAVARS.get(name, "TEXT")
        event.add_argument(f"--{name}", required=name in ("kind", "date"), metavar=metavar, help=text)
    event.add_argument("--judgement", action="append", type=_judgement, default=[], metavar="AREA=GRADE",
                       help="a grade by judgement area, for a full inspection, e.g. "
                            "overall_effectiveness=good; give one --judgement for each area. The areas and grades "
                            "are those of data/frameworks.yaml, listed in the editors' reference")
    source = new.add_argument_group("its source (at least the title and the publisher)")
    for name in SOURCE_FLAGS:
        field = Source.model_fields[name]
        text, metavar = field.description or "", _METAVARS.get(name, "TEXT")
        if name == "type":
            text, metavar = text + "; one of: " + ", ".join(member.value for member in SourceType), "TYPE"
        source.add_argument(f"--source-{name}", required=field.is_required(), metavar=metavar, help=text)
    new.add_argument("--today", type=_day, default=None, metavar="YYYY-MM-DD",
                     help="the date to write as the file's updated (default: today's date)")


def _judgement(text: str) -> tuple[str, str]:
    area, equals, grade = text.partition("=")
    if not equals or not area.strip() or not grade.strip():
        raise argparse.ArgumentTypeError(f"'{text}' is not AREA=GRADE, e.g. overall_effectiveness=good")
    return area.strip(), grade.strip()


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not 0 <= value <= 600:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds from 0 to 600")
    return value


def _site(text: str) -> str:
    if not text.startswith(("https://", "http://")):
        raise argparse.ArgumentTypeError(f"'{text}' is not an http(s) address")
    return text if text.endswith("/") else text + "/"


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a date written YYYY-MM-DD") from None


def event_fields(args: argparse.Namespace) -> dict[str, Any]:
    """The event ``new`` adds, from its flags: the fields given, as a data file holds them.
    Raises ``ValueError`` for a judgement area given twice."""
    event: dict[str, Any] = {name: getattr(args, name) for name in EVENT_FLAGS if getattr(args, name) is not None}
    areas = [area for area, _ in args.judgement]
    twice = sorted({area for area in areas if areas.count(area) > 1})
    if twice:
        raise ValueError(f"--judgement: {', '.join(twice)} given more than once; give each area one grade")
    if args.judgement:
        event["judgements"] = dict(args.judgement)
    event["sources"] = [{name: getattr(args, f"source_{name}") for name in SOURCE_FLAGS
                         if getattr(args, f"source_{name}") is not None}]
    return event
