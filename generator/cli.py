"""The command line: turns arguments into calls of the library and its errors into exit codes.

Exit status 0 means success, 1 that the data have problems (each printed as
``file:line: field: message``, or in GitHub Actions as an annotation of its line: see
``github.py``) or that ``new`` refused the event, 2 that the site could not be built or the data
imported for another reason (MkDocs failed, ``mkdocs.yml`` is unusable, a source file is missing,
git could not give a revision's data, the generator itself has a bug); argparse also exits 2 for
wrong options.
The commands, their options and their help are in ``arguments``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import traceback
from pathlib import Path

from generator.affected import GitError, compare_with
from generator.arguments import event_fields, parser
from generator.build import BuildError, Project, build
from generator.builders import site_folder
from generator.edit import NotAdded, Refused, add_event
from generator.github import choose_format, report
from generator.importer import ImportFailed
from generator.problems import DataProblems
from generator.render import markdown as md
from generator.render.change_summary import summary
from generator.serve import serve
from generator.site_config import ConfigError, read_settings
from generator.validate import load_dataset


def main(argv: list[str] | None = None) -> int:
    commands = parser()
    args = commands.parse_args(argv)
    project = Project(args.root.resolve())
    try:
        if args.command == "validate":
            dataset = load_dataset(project.data, project.root)
            events = sum(len(t.events) for t in dataset.timelines)
            print(f"OK: {len(dataset.timelines)} authorities and {events} events, no problems.")
        elif args.command == "build":
            build(project, builder=args.builder)
        elif args.command == "new":
            try:
                event = event_fields(args)
            except ValueError as error:
                commands.error(str(error))
            today = args.today or dt.date.today()  # an editor's action, dated by the clock
            added = add_event(project.root, args.authority, event, today)
            print(f"Added the event '{added.id}' at {added.file}:{added.line}, and set the file's updated to "
                  f"{today.isoformat()}.")
        elif args.command == "import":
            from generator.importer.run import run_import  # pandas and the readers: only for this command

            shared = args.shared or project.root.parent / "shared" / "data"
            run_import(project.root, shared.resolve(), dt.date.today())
        elif args.command == "fetch":
            return _fetch(project, args)
        elif args.command == "affected":
            return _affected(project, args.base, args.summary)
        else:
            return serve(project, args.address, args.builder)
    except DataProblems as problems:
        print(report(problems, choose_format(getattr(args, "format", None), os.environ)), file=sys.stderr)
        if args.command == "build":
            print(f"Nothing was built; {site_folder(project.build, args.builder).relative_to(project.root).as_posix()} "
                  "is as it was.", file=sys.stderr)
        if args.command == "import":
            print("The import would make these problems, so nothing in data/ was changed.", file=sys.stderr)
        if args.command == "fetch":
            print("Nothing in data/ was changed.", file=sys.stderr)
        if args.command == "new":
            print("Nothing was written; data/ is as it was.", file=sys.stderr)
        if isinstance(problems, NotAdded):
            print(f"(The lines of {problems.file} count the new event as added, from line {problems.line}.)",
                  file=sys.stderr)
        return 1
    except Refused as refused:
        print(f"error: {refused}\nNothing was written; data/ is as it was.", file=sys.stderr)
        return 1
    except (BuildError, ConfigError, ImportFailed, GitError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except Exception:  # a bug, not bad data: say so, with the traceback, and keep exit 1 for data
        traceback.print_exc()
        print("error: the generator failed unexpectedly; please report this with the output above.",
              file=sys.stderr)
        return 2
    return 0


def _fetch(project: Project, args: argparse.Namespace) -> int:
    """Run the fetch; with ``--summary``, append its outcome or its failure to that file too (a
    workflow's job summary), then let the failure take its exit status as any other."""
    from generator.importer.fetch import Settings, run_fetch, summary  # requests, bs4, the readers

    settings = Settings(args.cache or project.root / "build" / "ofsted", args.site, tuple(args.authority), args.since,
                        args.offline, args.delay, args.timeout, args.retries)
    try:
        outcome = run_fetch(project.root, settings, dt.date.today())
    except Exception as error:
        if args.summary:
            told = error.count() if isinstance(error, DataProblems) else str(error) or type(error).__name__
            _append(args.summary, "## Ofsted's report site: the fetch failed\n\nNothing in data/ changed, and no pull "
                                  f"request is proposed.\n\n{md.code_block(told)}\n")
        raise
    if args.summary:
        _append(args.summary, "## Ofsted's report site\n\n" + summary(outcome) + "\n\n" + "".join(
            f"- {md.link(p.name, p.url)} (URN {p.urn})\n" for p in outcome.new))
    return 0


def _append(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as out:
        out.write(text)


def _affected(project: Project, base: str, summary_file: Path | None) -> int:
    """Write the summary; exit 1 when the data do not validate (the summary says so, and lists them)."""
    comparison = compare_with(project.root, base)
    text = summary(comparison, read_settings(project.config).site_url)
    if summary_file is None:
        print(text, end="")
    else:
        _append(summary_file, text)
    if comparison.base_problems:
        print(f"warning: the data at {base} do not validate, so no page could be compared.", file=sys.stderr)
    if comparison.head_problems:
        print(f"The data have problems: {comparison.head_problems.count()}", file=sys.stderr)
        return 1
    return 0
