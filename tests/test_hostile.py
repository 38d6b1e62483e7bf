"""Hostile and broken input (issue 5): the corpus of bad files in tests/corpus, one per kind of
problem, through the real command line, with the exact lines and exit status a user gets.

test_validation.py proves each problem code's message with a file typed into the test; here the
files are real files a reviewer can open, and what is asserted is what ``python -m generator
validate`` prints and returns for each: 1 and every problem for broken data, 0 for valid data
however hostile its text. The CSV files of tests/corpus/import stand in for the importer's
sources (the data themselves are YAML only). The browser half of the issue is in
test_hostile_browser.py, the interrupted build in test_interrupted_build.py.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.cli import main
from generator.importer.run import INTERVENTIONS, LOOKUP, SCRAPE
from generator.load import MAX_FILE_BYTES
from generator.problems import SHOWN
from tests.conftest import ROOT, SHARED, copy_project, shared_file

CORPUS = ROOT / "tests" / "corpus"
E = "data/events/testshire.yaml"
ALIAS = "YAML anchors and aliases (&name, *name) are not allowed; write the value out in full"
NOT_HTTP = "is not an http(s) address; only http:// and https:// links are allowed"
OK = "OK: 1 authorities and 1 events, no problems."


@dataclass(frozen=True)
class Case:
    """A file of the corpus, installed as an events file beside a register, and what validating
    them prints: for status 1, every problem then the count (standard error); for 0, ``OK``
    (standard output)."""

    status: int
    lines: list[str]
    register: str = "register.yaml"
    #: Its name in data/events/; another name than testshire.yaml puts valid.yaml there too.
    installed_as: str = "testshire.yaml"


CASES: dict[str, Case] = {
    "valid.yaml": Case(0, [OK]),
    "malformed-yaml.yaml": Case(1, [
        f"{E}:5: not valid YAML: did not find expected node content (while parsing a flow node)"]),
    "wrong-types.yaml": Case(1, [
        f"{E}:7: events[0].date: expected a date, found a list",
        f"{E}:8: events[0].theme: expected text, found a mapping (field: value lines)",
        f"{E}:9: events[0].sources: expected a list ('- item' lines), found the text 'Focused visit letter, Ofsted'"]),
    "unknown-grade.yaml": Case(1, [
        (f"{E}:10: events[0].judgements.overall_effectiveness: 'excellent' is not allowed; allowed: outstanding, "
         "good, adequate, requires_improvement, inadequate")]),
    "unknown-kind.yaml": Case(1, [
        (f"{E}:6: events[0].kind: 'visit' is not allowed; allowed: full_inspection, focused_visit, monitoring_visit, "
         "jtai, intervention, leadership_change, council_report, ministerial_letter, news")]),
    "30-february.yaml": Case(1, [f"{E}:7: events[0].date: '2021-02-30' is not a real date: February 2021 has 28 days"]),
    "end-before-start.yaml": Case(1, [f"{E}:9: events[0].end: ends (2019-02-15) before it starts (2019-03-04)"]),
    "after-as-of.yaml": Case(1, [
        f"{E}:8: events[0].date: 2021-05-10 is after the data set's as-of date (2020-12-31) in data/authorities.yaml"],
        register="as-of-2020-register.yaml"),
    "after-the-clock.yaml": Case(0, [OK], register="as-of-2099-register.yaml"),
    "duplicate-event-ids.yaml": Case(1, [
        (f"{E}:11: events[1].id: event id 'focused-visit-2021-05-10' is already used on line 5; ids must be unique "
         "in a file")]),
    "duplicate-keys.yaml": Case(1, [
        f"{E}:8: events[0].date: 'date' appears twice in this mapping (first on line 7); keep one"]),
    "unknown-authority.yaml": Case(1, [
        ("data/events/nowhere.yaml:3: authority: 'nowhere' is not in the register (data/authorities.yaml); a new "
         "authority must be added there first")], installed_as="nowhere.yaml"),
    "missing-source.yaml": Case(1, [
        f"{E}:5: events[0].sources: required field is missing; at least one source for the event"]),
    "javascript-url.yaml": Case(1, [f"{E}:11: events[0].sources[0].url: 'javascript:alert(document.cookie)' {NOT_HTTP}"]),
    "data-url.yaml": Case(1, [
        f"{E}:11: events[0].sources[0].url: 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==' {NOT_HTTP}"]),
    "file-url.yaml": Case(1, [f"{E}:11: events[0].sources[0].url: 'file:///etc/passwd' {NOT_HTTP}"]),
    "not-utf8.yaml": Case(1, [f"{E}:8: byte 0xe9 is not UTF-8 text; save the file as UTF-8"]),
    "byte-order-mark.yaml": Case(0, [OK]),
    # The byte and line as in not-utf8.yaml: the mark is not counted as part of the text.
    "not-utf8-after-byte-order-mark.yaml": Case(1, [f"{E}:8: byte 0xe9 is not UTF-8 text; save the file as UTF-8"]),
    # Every alias, each at its own line (line 9 holds laughs.b, line 16 laughs.i, line 17 the key),
    # and nothing else: the loader never resolves an alias, so the billion copies are never made.
    "billion-laughs.yaml": Case(1, [*(f"{E}:{line}: laughs.{name}[{i}]: {ALIAS}"
                                      for line, name in enumerate("bcdefghi", start=9) for i in range(10)),
                                    f"{E}:17: laughs: {ALIAS}"]),
    "hostile-text.yaml": Case(0, [OK]),
    # Issue 19: values shown as code points, lines as git counts them, limits on ids and addresses.
    "escapes-in-values.yaml": Case(1, [
        (f"{E}:8: events[0].id: 'focused-visit-2021-05-10<U+200B>' is not an event id; use lowercase letters, "
         "digits and single hyphens, e.g. 'focused-visit-2021-05-10'"),
        (f"{E}:9: events[0].kind: 'focused_visit<U+001B>[2J' is not allowed; did you mean 'focused_visit'? allowed: "
         "full_inspection, focused_visit, monitoring_visit, jtai, intervention, leadership_change, council_report, "
         "ministerial_letter, news"),
        (f"{E}:12: events[0].<U+001B>]8;;https://example.org/<U+0007>click<U+001B>]8;;<U+0007>: unknown field; "
         "allowed here: id, kind, date, end, published, framework, action, theme, judgements, priority_actions, "
         "summary, findings, quotes, people, about, notes, origin, corrected, sources"),
        (f"{E}:22: events[1].judgements.overall_effectiveness: 'good<U+202E>' is not allowed; did you mean 'good'? "
         "allowed: outstanding, good, adequate, requires_improvement, inadequate")]),
    "missing-colon.yaml": Case(1, [f"{E}:7: not valid YAML: could not find expected ':' (while scanning a simple key)"]),
    "unclosed-quote.yaml": Case(1, [
        f"{E}:8: not valid YAML: found unexpected end of stream (while scanning a quoted scalar)"]),
    "line-separators.yaml": Case(1, [
        (f"{E}:16: events[0].judgements.overall_effectiveness: 'excellent' is not allowed; allowed: outstanding, "
         "good, adequate, requires_improvement, inadequate")]),
    "long-id.yaml": Case(1, [f"{E}:5: events[0].id: is 82 characters long; the limit is 80 (ids and codes are short)"]),
    "quote-in-url.yaml": Case(1, [
        (f"{E}:12: events[0].sources[0].url: 'https://reports.ofsted.gov.uk/provider/44/80000?a=\"b\"' holds '\"' "
         "(character 51), which an address may not hold as it is (RFC 3986); write it as %22")]),
}


def install(root: Path, name: str) -> Path:
    """A project folder holding the corpus file ``name`` as its case says, and its register."""
    case = CASES[name]
    events = root / "data" / "events"
    events.mkdir(parents=True)
    shutil.copy(CORPUS / case.register, root / "data" / "authorities.yaml")
    shutil.copy(ROOT / "data" / "frameworks.yaml", root / "data" / "frameworks.yaml")
    if case.installed_as != "testshire.yaml":
        shutil.copy(CORPUS / "valid.yaml", events / "testshire.yaml")
    shutil.copy(CORPUS / name, events / case.installed_as)
    return root


def expected_output(case: Case) -> tuple[str, str]:
    """(standard output, standard error) of ``validate`` for ``case``."""
    if case.status == 0:
        return "\n".join(case.lines) + "\n", ""
    return "", "\n".join([*case.lines, f"{len(case.lines)} problem(s) in 1 file(s)."]) + "\n"


def test_every_file_of_the_corpus_has_its_case() -> None:
    """No file in the corpus goes untested, and no case names a file that is not there."""
    files = {p.name for p in CORPUS.glob("*.yaml")}
    used = set(CASES) | {c.register for c in CASES.values()}
    assert files == used


@pytest.mark.parametrize("name", CASES)
def test_validate_prints_every_problem_and_exits_with_its_status(tmp_path: Path, name: str,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    root = install(tmp_path, name)
    status = main(["--root", str(root), "validate"])
    assert (status, *capsys.readouterr()) == (CASES[name].status, *expected_output(CASES[name]))


@pytest.mark.parametrize("name", ["30-february.yaml", "billion-laughs.yaml", "byte-order-mark.yaml"])
def test_the_same_from_the_command_line(tmp_path: Path, name: str) -> None:
    """``python -m generator validate`` as a user runs it: its own process, its output, its exit status."""
    root = install(tmp_path, name)
    done = subprocess.run([sys.executable, "-m", "generator", "--root", str(root), "validate"],
                          capture_output=True, text=True, check=False, cwd=ROOT)
    assert (done.returncode, done.stdout, done.stderr) == (CASES[name].status, *expected_output(CASES[name]))


@pytest.mark.parametrize(("size", "status", "lines"), [
    (MAX_FILE_BYTES, 0, [OK]),
    (MAX_FILE_BYTES + 1, 1, [(f"{E}:1: the file is {MAX_FILE_BYTES + 1} bytes; data files are limited to "
                              f"{MAX_FILE_BYTES} bytes")]),
])
def test_a_very_large_file_is_refused_unread(tmp_path: Path, capsys: pytest.CaptureFixture[str], size: int,
                                              status: int, lines: list[str]) -> None:
    """A valid file padded with a comment to the limit is read; one byte more is refused before any
    of it is parsed. (Made here: the corpus would otherwise hold two megabytes of padding.)"""
    root = install(tmp_path, "valid.yaml")
    events = root / "data" / "events" / "testshire.yaml"
    text = events.read_bytes()
    events.write_bytes(text + b"#" + b"x" * (size - len(text) - 2) + b"\n")
    assert events.stat().st_size == size
    status_found = main(["--root", str(root), "validate"])
    assert (status_found, *capsys.readouterr()) == (status, *expected_output(Case(status, lines)))


# ---------------------------------------------------------------------------------------------
# The importer's CSV sources: a broken file stops the import in one line, exit status 2


#: A file of tests/corpus/import -> (the source it stands in for, what is wrong with it).
IMPORT_CASES: dict[str, tuple[str, str]] = {
    "scrape-unclosed-quote.csv": (SCRAPE, "not a well-formed CSV table: EOF inside string starting at row 2"),
    "interventions-renamed-column.csv": (
        INTERVENTIONS, ("no column ons_code in the header row; the importer reads local_authority, ons_code, "
                        "event, date, person, detail, source_title, source_publisher, source_url, source_date, notes")),
    "lookup-not-utf8.csv": (LOOKUP, "line 3: byte 0xe9 is not UTF-8 text; the importer reads CSV files saved as UTF-8"),
}


def test_every_csv_of_the_corpus_has_its_case() -> None:
    assert {p.name for p in (CORPUS / "import").iterdir()} == set(IMPORT_CASES)


def _digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("name", IMPORT_CASES)
def test_a_broken_csv_source_stops_the_import_in_one_line(tmp_path: Path, name: str,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    """The shared folder is the real one, linked file by file, with one source replaced by the
    broken file: the import says which file and what is wrong, exits 2, and changes nothing."""
    shared_file("data")
    source, detail = IMPORT_CASES[name]
    shared = tmp_path / "shared"
    for path in (SHARED / "data").rglob("*"):
        if path.is_file():
            (shared / path.relative_to(SHARED / "data")).parent.mkdir(parents=True, exist_ok=True)
            (shared / path.relative_to(SHARED / "data")).symlink_to(path)
    os.unlink(shared / source)
    shutil.copy(CORPUS / "import" / name, shared / source)
    project = copy_project(tmp_path / "project")
    before = _digest(project.data)
    status = main(["--root", str(project.root), "import", "--shared", str(shared)])
    assert (status, capsys.readouterr().err) == (2, f"error: {shared.resolve() / source}: {detail}\n")
    assert _digest(project.data) == before
    assert not (project.build / "import-report.md").exists()


# ---------------------------------------------------------------------------------------------
# Issue 19: files that are not files, and values too big to echo, made here rather than kept in
# the corpus (git keeps neither pipes nor megabytes of padding well)

NOT_A_FILE = ("is {}; data files are ordinary files inside data/, not links, folders, devices or pipes (copy a file "
              "here rather than link to it)")


def _validated(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    status = main(["--root", str(root), "validate"])
    return (status, *capsys.readouterr())


def test_a_link_to_a_file_elsewhere_is_refused_unread(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The file it leads to is never read, so its first line (here a secret) is never printed."""
    root = install(tmp_path / "project", "valid.yaml")
    secret = tmp_path / "secret.yaml"
    secret.write_text("root:the-first-line-of-a-secret\n", encoding="utf-8")
    events = root / "data" / "events" / "testshire.yaml"
    events.unlink()
    events.symlink_to(secret)
    status, out, err = _validated(root, capsys)
    assert (status, out, err) == (1, *expected_output(Case(1, [f"{E}:1: " + NOT_A_FILE.format("a symbolic link")])))
    assert "secret" not in err


def test_a_folder_of_events_that_is_a_link_is_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = install(tmp_path / "project", "valid.yaml")
    elsewhere = tmp_path / "elsewhere"
    (root / "data" / "events").rename(elsewhere)
    (root / "data" / "events").symlink_to(elsewhere, target_is_directory=True)
    assert _validated(root, capsys) == (1, *expected_output(Case(1, [
        "data/events:1: " + NOT_A_FILE.format("a symbolic link")])))


def test_a_pipe_is_refused_without_waiting_for_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Opening a pipe with no writer would wait for ever; it is refused from what it is."""
    root = install(tmp_path, "valid.yaml")
    events = root / "data" / "events" / "testshire.yaml"
    events.unlink()
    os.mkfifo(events)
    assert _validated(root, capsys) == (1, *expected_output(Case(1, [f"{E}:1: " + NOT_A_FILE.format("a pipe")])))


def test_a_device_is_refused_unread(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """/dev/zero's own kind of file, which would be read until memory ran out."""
    root = install(tmp_path, "valid.yaml")
    events = root / "data" / "events" / "testshire.yaml"
    events.unlink()
    try:
        os.mknod(events, 0o600 | stat.S_IFCHR, os.makedev(1, 5))
    except PermissionError:
        pytest.skip("this machine does not let the tests make a device file (no CAP_MKNOD)")
    assert _validated(root, capsys) == (1, *expected_output(Case(1, [f"{E}:1: " + NOT_A_FILE.format("a device")])))


def test_a_huge_file_is_refused_after_reading_one_byte_past_the_limit(tmp_path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    """A sparse file of 64 GB: read whole, it would exhaust the memory; its size comes from the
    file system, and the reading stops one byte past the limit."""
    root = install(tmp_path, "valid.yaml")
    events = root / "data" / "events" / "testshire.yaml"
    size = 64 * 1024 ** 3
    with events.open("r+b") as handle:
        handle.truncate(size)
    assert _validated(root, capsys) == (1, *expected_output(Case(1, [
        f"{E}:1: the file is {size} bytes; data files are limited to {MAX_FILE_BYTES} bytes"])))


def test_a_megabyte_long_value_is_quoted_in_a_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = install(tmp_path, "valid.yaml")
    events = root / "data" / "events" / "testshire.yaml"
    value = "visit" + "x" * (1024 ** 2 - 5)
    events.write_text(events.read_text("utf-8").replace("kind: focused_visit", f"kind: {value}"), "utf-8")
    assert _validated(root, capsys) == (1, *expected_output(Case(1, [
        (f"{E}:6: events[0].kind: '{value[:SHOWN]}…' (1,048,576 characters) is not allowed; allowed: "
         "full_inspection, focused_visit, monitoring_visit, jtai, intervention, leadership_change, council_report, "
         "ministerial_letter, news")])))


@pytest.mark.parametrize(("character", "name"), [(b"\x00", "U+0000"), (b"\x1b", "U+001B")])
def test_a_control_character_names_its_own_line_and_column(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                           character: bytes, name: str) -> None:
    """On line 8, after four spaces, 'theme: ', two letters of two bytes each and 'Chi': column 17, as
    the column counts characters, not bytes."""
    root = install(tmp_path, "valid.yaml")
    events = root / "data" / "events" / "testshire.yaml"
    events.write_bytes(events.read_bytes().replace(b"theme: Children", b"theme: \xc3\xa9\xc3\xa9Chi" + character + b"ldren"))
    assert _validated(root, capsys) == (1, *expected_output(Case(1, [
        (f"{E}:8: column 17: the character {name} is not allowed in a data file (control characters are "
         "not, and editors often do not show them); remove it")])))


def test_github_annotations_show_values_as_the_text_does(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """In CI's log, too, no escape reaches the terminal and no bidirectional override turns the text."""
    root = install(tmp_path, "escapes-in-values.yaml")
    status = main(["--root", str(root), "validate", "--format", "github"])
    err = capsys.readouterr().err
    assert status == 1
    assert "\x1b" not in err and "\u202e" not in err and "\u200b" not in err and "\x07" not in err
    assert (f"::error file={E},line=12,title=events[0].<U+001B>]8;;https%3A//example.org/<U+0007>click"
            "<U+001B>]8;;<U+0007>::unknown field; allowed here: id") in err
