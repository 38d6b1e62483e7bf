"""The command line as an editor uses it: ``new`` on small data sets, and every command's help."""

from __future__ import annotations

import types
import typing
from pathlib import Path

import pytest
from pydantic import BaseModel

from generator.arguments import EVENT_FLAGS, SOURCE_FLAGS, parser
from generator.cli import main
from generator.model import Event, Source
from generator.render.commands import subcommands
from generator.validate import load_dataset
from tests.test_validation import EVENTS, REGISTER, write

E = "data/events/testshire.yaml"
TODAY = "2026-11-20"

#: An events file as an editor may write it by hand: comments, blank lines, dashes in the first
#: column, quotes, a folded block and a flow mapping, and a line longer than the import writes.
HAND_MADE = """\
# Testshire, written by hand.
authority: testshire   # the slug
updated: 2026-11-01

events:
# the first visit
- id: visit
  kind: focused_visit
  date: 2021-05-10     # from the letter
  theme: 'Children in care'
  summary: >-
    A folded
    summary.
  sources:
  - {title: Letter, publisher: Ofsted}
  - title: A very long title that goes on and on, and on and on, and on and on, well past the width of the import's lines
    publisher: Ofsted

# the end of the events
"""


def new(root: Path, *flags: str) -> int:
    return main(["--root", str(root), "new", "--today", TODAY, *flags])


def test_new_adds_the_event_and_keeps_every_other_byte(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, events=HAND_MADE)
    assert new(tmp_path, "--authority", "TESTS", "--kind", "news", "--date", "2022-01",
               "--summary", "Covered: the visit's letter.", "--source-title", "A story",
               "--source-publisher", "The Paper", "--source-url", "https://paper.example/story") == 0
    added = ("- id: news-2022-01\n"
             "  kind: news\n"
             "  date: 2022-01\n"
             "  summary: \"Covered: the visit's letter.\"\n"
             "  sources:\n"
             "    - title: A story\n"
             "      publisher: The Paper\n"
             "      url: https://paper.example/story\n")
    lines = HAND_MADE.splitlines(keepends=True)  # the event goes after the last event's last line, 17
    expected = "".join(lines[:17]).replace("updated: 2026-11-01", f"updated: {TODAY}") + added + "".join(lines[17:])
    assert (tmp_path / E).read_text("utf-8") == expected
    assert capsys.readouterr().out == (f"Added the event 'news-2022-01' at {E}:18, and set the file's updated to "
                                       f"{TODAY}.\n")
    timeline = load_dataset(tmp_path / "data", tmp_path).timelines[0]
    assert str(timeline.updated) == TODAY
    news = timeline.events[-1]
    assert (news.id, news.kind.value, str(news.date), news.summary) == (
        "news-2022-01", "news", "2022-01", "Covered: the visit's letter.")
    assert [(s.title, s.publisher, s.url) for s in news.sources] == [
        ("A story", "The Paper", "https://paper.example/story")]


def test_new_writes_an_inspection_as_the_import_writes_events(tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path)
    assert new(tmp_path, "--authority", "testshire", "--kind", "full_inspection", "--date", "2023-03-06",
               "--end", "2023-03-10", "--published", "2023-04-20", "--framework", "ilacs_standard",
               "--judgement", "overall_effectiveness=good", "--judgement", "children_in_care=outstanding",
               "--notes", "Dates from the report.", "--source-title", "Inspection of Testshire",
               "--source-publisher", "Ofsted", "--source-date", "2023-04-20", "--source-note", "The report.") == 0
    assert (tmp_path / E).read_text("utf-8") == EVENTS.replace("2026-11-01", TODAY) + (
        "  - id: full-inspection-2023-03-06\n"
        "    kind: full_inspection\n"
        "    date: 2023-03-06\n"
        "    end: 2023-03-10\n"
        "    published: 2023-04-20\n"
        "    framework: ilacs_standard\n"
        "    judgements:\n"
        "      overall_effectiveness: good\n"
        "      children_in_care: outstanding\n"
        "    notes: Dates from the report.\n"
        "    sources:\n"
        "      - title: Inspection of Testshire\n"
        "        publisher: Ofsted\n"
        "        date: 2023-04-20\n"
        "        note: The report.\n")
    assert f"at {E}:10," in capsys.readouterr().out
    inspection = load_dataset(tmp_path / "data", tmp_path).timelines[0].events[-1]
    assert {area.value: grade.value for area, grade in inspection.judgements.items()} == {
        "overall_effectiveness": "good", "children_in_care": "outstanding"}


@pytest.mark.parametrize(("events", "expected"), [
    ("authority: testshire\nupdated: 2026-11-01\nevents: []  # none yet\n",
     f"authority: testshire\nupdated: {TODAY}\nevents:  # none yet\n"),
    ("authority: testshire\nupdated: 2026-11-01\nevents:\n", f"authority: testshire\nupdated: {TODAY}\nevents:\n"),
    ("authority: testshire\nupdated: 2026-11-01", f"authority: testshire\nupdated: {TODAY}\nevents:\n"),
    ("events: ~\nupdated: 2026-11-01\nauthority: testshire\n",
     f"events:\n{{event}}updated: {TODAY}\nauthority: testshire\n"),
])
def test_new_adds_the_first_event_of_a_file(tmp_path: Path, events: str, expected: str) -> None:
    write(tmp_path, events=events)
    assert new(tmp_path, "--authority", "testshire", "--kind", "news", "--date", "2021",
               "--source-title", "T", "--source-publisher", "P") == 0
    event = "  - id: news-2021\n    kind: news\n    date: 2021\n    sources:\n      - title: T\n        publisher: P\n"
    assert (tmp_path / E).read_text("utf-8") == (expected.format(event=event) if "{event}" in expected
                                                 else expected + event)


def test_new_starts_the_file_of_an_authority_that_has_none(tmp_path: Path) -> None:
    write(tmp_path, events=None)
    assert new(tmp_path, "--authority", "Testshire", "--kind", "news", "--date", "2021",
               "--source-title", "T", "--source-publisher", "P") == 0
    text = (tmp_path / E).read_text("utf-8")
    assert text.startswith("# Testshire: every event in these data, each with its sources.\n")
    assert text.endswith(f"authority: testshire\nupdated: {TODAY}\nevents:\n  - id: news-2021\n    kind: news\n"
                         "    date: 2021\n    sources:\n      - title: T\n        publisher: P\n")
    assert [e.id for e in load_dataset(tmp_path / "data", tmp_path).timelines[0].events] == ["news-2021"]


#: Mistakes in the flags: the exact message, with the value probably meant, and the file untouched.
NEAR_MISSES = {
    "grade": (["--kind", "full_inspection", "--date", "2021", "--judgement", "overall_effectiveness=goood"],
              f"{E}:14: events[1].judgements.overall_effectiveness: 'goood' is not allowed; did you mean 'good'? "
              "allowed: outstanding, good, adequate, requires_improvement, inadequate\n"
              "1 problem(s) in 1 file(s).\n"
              "Nothing was written; data/ is as it was.\n"
              f"(The lines of {E} count the new event as added, from line 10.)\n"),
    "kind": (["--kind", "focused visit", "--date", "2021"],
             f"{E}:11: events[1].kind: 'focused visit' is not allowed; did you mean 'focused_visit'? allowed: "
             "full_inspection, focused_visit, monitoring_visit, jtai, intervention, leadership_change, "
             "council_report, ministerial_letter, news\n"
             "1 problem(s) in 1 file(s).\n"
             "Nothing was written; data/ is as it was.\n"
             f"(The lines of {E} count the new event as added, from line 10.)\n"),
    "authority": (["--authority", "Testshir", "--kind", "news", "--date", "2021"],
                  "error: 'Testshir' is not in the register (data/authorities.yaml); did you mean 'testshire'? "
                  "a new authority must be added there first\n"
                  "Nothing was written; data/ is as it was.\n"),
    "far-off authority": (["--authority", "Nowhere", "--kind", "news", "--date", "2021"],
                          "error: 'Nowhere' is not in the register (data/authorities.yaml); a new authority must "
                          "be added there first\nNothing was written; data/ is as it was.\n"),
    "id in use": (["--kind", "focused_visit", "--date", "2021-05-10", "--id", "visit"],
                  f"error: {E}:4: events[0].id: this file already has an event with the id 'visit'; if the new one "
                  "is another event, give it its own id with --id, e.g. --id visit-2\n"
                  "Nothing was written; data/ is as it was.\n"),
    "after the as-of date": (["--kind", "news", "--date", "2026-12-01", "--today", "2026-12-02"],
                             f"{E}:12: events[1].date: 2026-12-01 is after the data set's as-of date (2026-11-23) "
                             "in data/authorities.yaml\n"
                             "1 problem(s) in 1 file(s).\n"
                             "Nothing was written; data/ is as it was.\n"
                             f"(The lines of {E} count the new event as added, from line 10.)\n"),
}


@pytest.mark.parametrize("case", NEAR_MISSES)
def test_new_refuses_a_mistake_and_writes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                  case: str) -> None:
    flags, expected = NEAR_MISSES[case]
    write(tmp_path)
    before = {path: path.read_bytes() for path in tmp_path.rglob("*") if path.is_file()}
    authority = [] if "--authority" in flags else ["--authority", "testshire"]
    assert new(tmp_path, *authority, *flags, "--source-title", "T", "--source-publisher", "P") == 1
    assert capsys.readouterr().err == expected
    assert {path: path.read_bytes() for path in tmp_path.rglob("*") if path.is_file()} == before


def test_a_file_may_be_updated_after_the_as_of_date(tmp_path: Path) -> None:
    """Correcting or adding an old event later says nothing about how far the data run."""
    write(tmp_path)
    assert main(["--root", str(tmp_path), "new", "--today", "2027-02-01", "--authority", "testshire", "--kind",
                 "news", "--date", "2021", "--source-title", "T", "--source-publisher", "P"]) == 0
    assert "updated: 2027-02-01\n" in (tmp_path / E).read_text("utf-8")


def test_new_refuses_an_id_the_file_already_has_naming_its_line(tmp_path: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, events=EVENTS.replace("id: visit", "id: focused-visit-2021-05-10"))
    assert new(tmp_path, "--authority", "testshire", "--kind", "focused_visit", "--date", "2021-05-10",
               "--source-title", "T", "--source-publisher", "P") == 1
    assert capsys.readouterr().err.startswith(
        f"error: {E}:4: events[0].id: this file already has an event with the id 'focused-visit-2021-05-10'; "
        "if the new one is another event, give it its own id with --id, e.g. --id focused-visit-2021-05-10-2\n")


def test_new_adds_only_to_events_written_one_under_another(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    flow = ("authority: testshire\nupdated: 2026-11-01\n"
            "events: [{id: a, kind: news, date: 2021, sources: [{title: T, publisher: P}]}]\n")
    write(tmp_path, events=flow)
    assert new(tmp_path, "--authority", "testshire", "--kind", "news", "--date", "2022",
               "--source-title", "T", "--source-publisher", "P") == 1
    assert capsys.readouterr().err == (
        f"error: {E}:3: events: is not a list written one event under another (- id: ...); new adds only to "
        "such a list\nNothing was written; data/ is as it was.\n")
    assert (tmp_path / E).read_text("utf-8") == flow


def test_a_problem_elsewhere_in_the_data_stops_new_too(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, register=REGISTER + "    neighbours: [nowhere]\n")
    assert new(tmp_path, "--authority", "testshire", "--kind", "news", "--date", "2021",
               "--source-title", "T", "--source-publisher", "P") == 1
    assert capsys.readouterr().err.startswith("data/authorities.yaml:12: authorities[0].neighbours[0]: 'nowhere' "
                                              "is not the slug of an authority in the register;")
    assert (tmp_path / E).read_text("utf-8") == EVENTS


def test_a_judgement_area_given_twice_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path)
    with pytest.raises(SystemExit) as exited:
        new(tmp_path, "--authority", "testshire", "--kind", "full_inspection", "--date", "2021",
            "--judgement", "overall_effectiveness=good", "--judgement", "overall_effectiveness=inadequate",
            "--source-title", "T", "--source-publisher", "P")
    assert exited.value.code == 2
    assert capsys.readouterr().err.endswith(
        "error: --judgement: overall_effectiveness given more than once; give each area one grade\n")
    assert (tmp_path / E).read_text("utf-8") == EVENTS


@pytest.mark.parametrize("command", [[], *([name] for name, _, _ in subcommands(parser()))])
def test_every_command_explains_itself(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exited:
        main([*command, "--help"])
    assert exited.value.code == 0
    shown = capsys.readouterr().out
    assert shown.startswith(f"usage: python -m generator {' '.join(command)}".rstrip())
    assert "examples:\n  python -m generator " + " ".join(command) in shown


def _is_simple(annotation: typing.Any) -> bool:
    """Whether a field holds one value (text, a date, a word of a vocabulary), not a list or record."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        return all(_is_simple(a) for a in typing.get_args(annotation) if a is not type(None))
    if origin is typing.Annotated:
        return _is_simple(typing.get_args(annotation)[0])
    return origin not in (tuple, dict) and not (isinstance(annotation, type) and issubclass(annotation, BaseModel))


def test_new_has_a_flag_for_every_simple_field_of_an_event_and_its_source() -> None:
    """A field added to the model is added to ``new`` too (``origin`` is 'hand' for every event it adds)."""
    simple = {name for name, field in Event.model_fields.items() if _is_simple(field.annotation)}
    assert simple - {"origin"} == set(EVENT_FLAGS)
    assert set(SOURCE_FLAGS) == set(Source.model_fields)


def test_new_refuses_to_write_beside_a_link_and_never_reads_through_it(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """The data set is checked with the change in a copy of data/: a link there stays a link, and
    is refused, rather than becoming a copy of whatever it leads to."""
    write(tmp_path)
    secret = tmp_path / "secret.txt"
    secret.write_text("the-first-line-of-a-secret\n", encoding="utf-8")
    (tmp_path / "data" / "events" / "elsewhere.yaml").symlink_to(secret)
    before = {path: path.read_bytes() for path in (tmp_path / "data").rglob("*") if path.is_file()}
    assert new(tmp_path, "--authority", "testshire", "--kind", "news", "--date", "2022-01",
               "--source-title", "T", "--source-publisher", "P") == 1
    err = capsys.readouterr().err
    assert err.splitlines()[0] == ("data/events/elsewhere.yaml:1: is a symbolic link; data files are ordinary files "
                                   "inside data/, not links, folders, devices or pipes (copy a file here rather than "
                                   "link to it)")
    assert "secret" not in err
    assert {path: path.read_bytes() for path in (tmp_path / "data").rglob("*") if path.is_file()} == before
