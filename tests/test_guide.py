"""The guides against the code: the generated commands page lists every command and option of the
parser; the hand-written editors' guide names no field, value, command or option that the model and
the command line do not have, and its examples are valid; the developers' guide names every module
of the generator and no file that does not exist; and the README stays about a screen long."""

from __future__ import annotations

import argparse
import enum
import re
import shlex
import typing
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from generator.arguments import event_fields, parser
from generator.build import Project
from generator.edit import default_id
from generator.load import MAX_DEPTH, MAX_FILE_BYTES, load_document
from generator.model import (
    FETCH_ORIGIN,
    FINDING_LIMIT,
    ID_LIMIT,
    INTERVENTIONS_ORIGIN,
    LONG_TEXT_LIMIT,
    LETTERS_ORIGIN,
    OFFICIAL_ORIGIN,
    QUOTE_LIMIT,
    REPORTS_ORIGIN,
    SCRAPE_ORIGIN,
    TEXT_LIMIT,
    UNKNOWN,
    URL_LIMIT,
    Event,
    parse_date,
)
from generator.problems import SHOWN
from generator.render.commands import commands_page, options, subcommands
from generator.render.reference import RECORDS, VOCABULARIES
from generator.validate import authority_names, load_frameworks, load_register
from tests.conftest import ROOT, html, site_markdown

GUIDE = ROOT / "docs" / "editing" / "index.md"


def _option_strings(command: argparse.ArgumentParser) -> list[str]:
    return [action.option_strings[-1] for _, actions in options(command) for action in actions]


def test_the_commands_page_lists_every_command_and_option() -> None:
    commands = parser()
    page = BeautifulSoup(site_markdown().convert(commands_page(commands)), "html.parser")
    listed = {a["href"]: a.get_text() for a in page.find("table").select("a")}
    assert listed == {f"#command-{name}": name for name, _, _ in subcommands(commands)}
    for name, command in [("every-command", commands),
                          *((f"command-{name}", command) for name, _, command in subcommands(commands))]:
        section = page.find(id=name)
        assert section is not None, name
        # the section runs to the next section's heading
        parts = []
        for element in section.find_next_siblings():
            if element.name == "h2":
                break
            parts.append(element)
        cells = [row.find("td").get_text() for part in parts for row in part.select("tbody tr")]
        assert [cell.split(" ")[0] for cell in cells] == _option_strings(command)
        assert parts[1].name == "pre" and parts[1].get_text().startswith(command.prog)
        examples = [part for part in parts if part.name == "pre"][-1].get_text()
        assert examples.startswith(f"{commands.prog} ")
    new = dict((name, command) for name, _, command in subcommands(commands))["new"]
    assert "--judgement AREA=GRADE" in page.find(id="command-new-2").find_next("table").get_text()
    assert len(_option_strings(new)) == 20


def test_the_built_site_has_the_commands_page_in_the_guide(built: Project) -> None:
    page = html(built, "editing/commands")
    assert page.find("h1").get_text(strip=True).startswith("Commands")
    nav = [a["href"] for a in page.select("nav a[href]")]
    assert "../reference/" in nav and "./" in nav
    guide = html(built, "editing").find("article")
    assert guide.find("a", href="commands/") and guide.find("a", href="commands/#command-new")
    assert page.find(id="command-new") is not None


# ---------------------------------------------------------------------------------------------
# The hand-written guide

#: Every field of every record, and the vocabulary of those whose values it fixes.
FIELDS = {name for model, _ in RECORDS for name in model.model_fields}
VOCABULARY_OF: dict[str, set[str]] = {}
for _model, _ in RECORDS:
    for _name, _field in _model.model_fields.items():
        for _type in (_field.annotation, *typing.get_args(_field.annotation)):
            if isinstance(_type, type) and issubclass(_type, enum.Enum):
                VOCABULARY_OF[_name] = {member.value for member in _type}
#: The ids of data/frameworks.yaml: grades, scales, judgement areas and types of inspection.
FRAMEWORKS = load_frameworks(ROOT / "data", ROOT)
VOCABULARY_OF["framework"] = {f.value for f in FRAMEWORKS.frameworks}
VALUES = ({member.value for vocabulary in VOCABULARIES for member in vocabulary} | {UNKNOWN}
          | {t.value for t in (*FRAMEWORKS.grades, *FRAMEWORKS.scales, *FRAMEWORKS.areas, *FRAMEWORKS.frameworks)})
ORIGINS = {"hand", OFFICIAL_ORIGIN, SCRAPE_ORIGIN, REPORTS_ORIGIN, LETTERS_ORIGIN, INTERVENTIONS_ORIGIN, FETCH_ORIGIN}
MAKE_TARGETS = set(re.search(r"^\.PHONY: (.*)$", (ROOT / "Makefile").read_text("utf-8"), re.M).group(1).split())
#: Words in backticks that look like a field or value but are neither; none at present.
OTHER_WORDS: set[str] = set()


def guide_problems(text: str, tmp_path: Path) -> list[str]:
    """What in ``text`` (the guide's Markdown) the model and command line do not have: words in
    backticks that are no field, value, command or authority; ``field: value`` with a value the
    field does not allow; commands and options the command line lacks; YAML examples that are not
    valid events (or parts of one); and command examples that do not run or make an invalid event."""
    commands = parser()
    by_name = {name: command for name, _, command in subcommands(commands)}
    all_options = {o for command in (commands, *by_name.values()) for o in _option_strings(command)}
    names = authority_names(load_register(ROOT / "data", ROOT).authorities)
    problems: list[str] = []
    blocks = re.findall(r"^```(\w*)\n(.*?)^```$", text, re.M | re.S)
    prose = re.sub(r"^```.*?^```$", "", text, flags=re.M | re.S)
    for span in (" ".join(s.split()) for s in re.findall(r"`([^`]+)`", prose)):
        field, colon, value = span.partition(": ")
        if re.fullmatch(r"[a-z][a-z0-9_]*", span):
            if span not in FIELDS | VALUES | set(by_name) | set(names) | OTHER_WORDS:
                problems.append(f"`{span}` is no field, value, command or authority")
        elif colon and re.fullmatch(r"[a-z_]+", field):
            problems += _field_value(field, value, f"`{span}`")
        elif span.startswith("import:") and span not in ORIGINS:
            problems.append(f"`{span}` is no origin")
        elif span.startswith("--") and span.split()[0] not in all_options:
            problems.append(f"`{span}` is no option of a command")
        elif span.startswith("make ") and span.split()[1] not in MAKE_TARGETS:
            problems.append(f"`{span}` is no target of the Makefile")
        elif span.startswith(commands.prog + " "):
            name, *flags = span.removeprefix(commands.prog + " ").split()
            if name not in by_name:
                problems.append(f"`{span}`: there is no command {name}")
            problems += [f"`{span}`: {name} has no option {flag}" for flag in flags
                         if flag.startswith("--") and flag not in _option_strings(by_name.get(name, commands))]
    for number, (language, block) in enumerate(blocks):
        if language == "yaml":
            problems += _yaml_example(block, tmp_path / f"{number}.yaml")
        elif language == "sh":
            problems += _command_example(block, commands)
    return problems


def _field_value(field: str, value: str, where: str) -> list[str]:
    if field not in FIELDS:
        return [f"{where}: {field} is no field"]
    if field in VOCABULARY_OF and value not in VOCABULARY_OF[field]:
        return [f"{where}: {value} is not a value of {field}"]
    if field == "origin" and value not in ORIGINS:
        return [f"{where}: {value} is no origin"]
    if field in ("date", "end", "published"):
        try:
            parse_date(value, allow_unknown=field == "date")
        except ValueError:
            return [f"{where}: {value} is not a date"]
    return []


#: What an event needs besides the fields a YAML example shows of it.
_REST_OF_AN_EVENT = {"id": "x", "kind": "news", "date": "2021", "origin": OFFICIAL_ORIGIN,
                     "sources": [{"title": "T", "publisher": "P"}]}


def _yaml_example(block: str, path: Path) -> list[str]:
    """A list of events must be valid events; a mapping, valid fields of an (imported) event."""
    path.write_text(block, "utf-8")
    document, problems = load_document(path, path.name)
    if document is None or problems:
        return [f"YAML example: {p}" for p in problems]
    events = document.data if isinstance(document.data, list) else [{**_REST_OF_AN_EVENT, **document.data}]
    found = []
    for event in events:
        try:
            Event.model_validate(event, context={"frameworks": FRAMEWORKS})
        except ValueError as error:
            found.append(f"YAML example: {' '.join(str(error).split())}")
    return found


def _command_example(block: str, commands: argparse.ArgumentParser) -> list[str]:
    """Each command runs as written (its options parse), and ``new`` makes a valid event."""
    found = []
    for line in block.replace("\\\n", " ").splitlines():
        words = shlex.split(line)
        if words[:3] != commands.prog.split():
            continue
        try:
            args = commands.parse_args(words[3:])
        except SystemExit:
            found.append(f"command example does not parse: {line}")
            continue
        if args.command == "new":
            event = event_fields(args)
            try:
                Event.model_validate({"id": default_id(event["kind"], event["date"]), **event},
                                     context={"frameworks": FRAMEWORKS})
            except ValueError as error:
                found.append(f"command example makes an invalid event: {' '.join(str(error).split())}")
    return found


def test_the_hand_written_guide_names_only_what_the_code_has(tmp_path: Path) -> None:
    assert guide_problems(GUIDE.read_text("utf-8"), tmp_path) == []


DRIFTED = """\
Grades are `outstanding` and `requires_improvment`; write `kind: visit`, `thme: x` or `origin: import`,
`import:nowhere`, `--no-such-option`, `make nothing`, `python -m generator add` and
`python -m generator new --grade good`.

```yaml
  - id: x
    kind: focused_visit
    date: 2021
    grade: good
    sources: [{title: T, publisher: P}]
```

```sh
python -m generator new --authority hull --kind visit --date 2021 \\
    --source-title T --source-publisher P
python -m generator validate --strict
```
"""


def test_the_guide_check_finds_drift(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The check above can fail: a guide that has drifted from the code."""
    problems = guide_problems(DRIFTED, tmp_path)
    capsys.readouterr()  # argparse's own complaint about the example that does not parse
    assert problems[:9] == [
        "`requires_improvment` is no field, value, command or authority",
        "`kind: visit`: visit is not a value of kind",
        "`thme: x`: thme is no field",
        "`origin: import`: import is no origin",
        "`import:nowhere` is no origin",
        "`--no-such-option` is no option of a command",
        "`make nothing` is no target of the Makefile",
        "`python -m generator add`: there is no command add",
        "`python -m generator new --grade good`: new has no option --grade",
    ]
    assert [p.split(":")[0] for p in problems[9:]] == ["YAML example", "command example makes an invalid event",
                                                       "command example does not parse"]
    assert "grade" in problems[9] and "visit" in problems[10]


# ---------------------------------------------------------------------------------------------
# The developers' guide (docs/developers.md) and the README


#: A file's name as the developers' guide writes it: ``build.py``, ``render/paths.py``, ``tests/pdf.py``.
_PYTHON_FILE = re.compile(r"[\w./-]+\.py\b")


def _python_files_named(page: str) -> set[str]:
    return set(_PYTHON_FILE.findall(page))


def _unnamed_modules(page: str) -> list[str]:
    """The generator's modules that ``page`` does not name."""
    named = {name.rsplit("/", 1)[-1] for name in _python_files_named(page)}
    modules = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "generator").rglob("*.py")
                     if p.name not in ("__init__.py", "__main__.py"))
    return [m for m in modules if m.rsplit("/", 1)[-1] not in named]


def _names_not_found(page: str) -> list[str]:
    """The Python files ``page`` names that do not exist: a name is looked for under the folder it
    gives (from the project, or from ``generator/``), or, as a bare name, in generator/, tests/ and
    bench/."""
    files = [p for folder in ("generator", "tests", "bench") for p in (ROOT / folder).rglob("*.py")
             if "node_modules" not in p.parts]
    found = {p.relative_to(base).as_posix() for base in (ROOT, ROOT / "generator") for p in files
             if p.is_relative_to(base)} | {p.name for p in files}
    return sorted(_python_files_named(page) - found)


def test_the_developers_guide_names_every_module_and_no_file_that_does_not_exist() -> None:
    page = (ROOT / "docs" / "developers.md").read_text("utf-8")
    assert _unnamed_modules(page) == []
    assert _names_not_found(page) == []


def test_a_guide_that_drifted_from_the_modules_fails_both_checks() -> None:
    page = (ROOT / "docs" / "developers.md").read_text("utf-8")
    drifted = re.sub(r"\bbuilders\.py", "site_builders.py", page)  # as if the module were renamed
    assert drifted != page
    assert _unnamed_modules(drifted) == ["generator/builders.py"]
    assert _names_not_found(drifted) == ["generator/site_builders.py", "site_builders.py"]


def test_the_readme_is_short_and_points_to_both_guides() -> None:
    readme = (ROOT / "README.md").read_text("utf-8")
    assert len(readme.splitlines()) <= 60 and len(readme) <= 4000  # about one screen
    assert "docs/developers.md" in readme and "docs/editing/index.md" in readme


def test_the_editors_guide_states_the_limits_the_validator_applies() -> None:
    """The section on what the validator refuses gives each limit as the code has it."""
    section = GUIDE.read_text("utf-8").split("## What the validator refuses, and why")[1].split("\n## ")[0]
    for limit in (MAX_FILE_BYTES, MAX_DEPTH, ID_LIMIT, URL_LIMIT, TEXT_LIMIT, FINDING_LIMIT, QUOTE_LIMIT,
                  LONG_TEXT_LIMIT, SHOWN):
        assert re.search(rf"(?<!\d)(?<!\d,){limit:,}(?!,?\d)", section), limit  # not within a longer number
