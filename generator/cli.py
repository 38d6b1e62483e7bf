"""The command line: turns arguments into calls of the library and its errors into exit codes.

Exit status 0 means success, 1 that the data have problems (each printed as
``file:line: field: message``, or in GitHub Actions as an annotation of its line: see
``github.py``), 2 that the site could not be built for another reason (MkDocs failed,
``mkdocs.yml`` is unusable, git could not give a revision's data, or the generator itself has a bug).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import traceback
from pathlib import Path

from generator.affected import GitError, compare_with
from generator.build import BuildError, Project, build
from generator.github import FORMATS, TEXT, choose_format, report
from generator.importer.run import ImportFailed, run_import
from generator.problems import DataProblems
from generator.render.change_summary import summary
from generator.serve import serve
from generator.site_config import ConfigError, read_settings
from generator.validate import load_dataset


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m generator",
        description="Validate the Inspection Timelines data and build the site from it.",
    )
    parser.add_argument("--root", type=Path, default=Path.cwd(),
                        help="the project folder, holding data/, docs/ and mkdocs.yml (default: here)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    problem_format = argparse.ArgumentParser(add_help=False)
    problem_format.add_argument(
        "--format", choices=FORMATS, help="how to print problems: text (file:line: field: message) or github "
        "(workflow commands that annotate each line); default: github where GITHUB_ACTIONS=true, else text")
    commands.add_parser("validate", parents=[problem_format],
                        help="check every data file and print every problem found")
    commands.add_parser("build", parents=[problem_format],
                        help="validate, generate pages and charts, and build build/site")
    importer = commands.add_parser(
        "import", help="read Ofsted's releases, the report scrape and the interventions table into data/")
    importer.add_argument("--shared", type=Path, default=None,
                          help="the folder of source files (default: ../shared/data beside the project)")
    preview = commands.add_parser(
        "serve", help="preview the site, rebuilding when a file in data/ or docs/ changes")
    preview.add_argument("--address", default="127.0.0.1:8000", help="host:port to serve on (default %(default)s)")
    affected = commands.add_parser(
        "affected", help="say in Markdown which authority pages the change of data/ since a git revision affects")
    affected.add_argument("--base", required=True, metavar="REV", help="the revision to compare with, e.g. origin/main")
    affected.add_argument("--summary", type=Path, metavar="FILE",
                          help="append to FILE (e.g. $GITHUB_STEP_SUMMARY) instead of printing")
    args = parser.parse_args(argv)
    project = Project(args.root.resolve())
    try:
        if args.command == "validate":
            dataset = load_dataset(project.data, project.root)
            events = sum(len(t.events) for t in dataset.timelines)
            print(f"OK: {len(dataset.timelines)} authorities and {events} events, no problems.")
        elif args.command == "build":
            build(project)
        elif args.command == "import":
            shared = args.shared or project.root.parent / "shared" / "data"
            run_import(project.root, shared.resolve(), dt.date.today())
        elif args.command == "affected":
            return _affected(project, args.base, args.summary)
        else:
            return serve(project, args.address)
    except DataProblems as problems:
        print(report(problems, choose_format(args.format, os.environ) if "format" in args else TEXT), file=sys.stderr)
        if args.command == "build":
            print("Nothing was built; build/site is as it was.", file=sys.stderr)
        if args.command == "import":
            print("The import would make these problems, so nothing in data/ was changed.", file=sys.stderr)
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


def _affected(project: Project, base: str, summary_file: Path | None) -> int:
    """Write the summary; exit 1 when the data do not validate (the summary says so, and lists them)."""
    comparison = compare_with(project.root, base)
    text = summary(comparison, read_settings(project.config).site_url)
    if summary_file is None:
        print(text, end="")
    else:
        with summary_file.open("a", encoding="utf-8") as out:
            out.write(text)
    if comparison.base_problems:
        print(f"warning: the data at {base} do not validate, so no page could be compared.", file=sys.stderr)
    if comparison.head_problems:
        print(f"The data have problems: {comparison.head_problems.count()}", file=sys.stderr)
        return 1
    return 0
