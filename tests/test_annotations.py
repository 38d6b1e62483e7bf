"""Problems as GitHub Actions annotates them: one ``::error`` workflow command a problem, escaped
as GitHub unescapes it, chosen by itself in GitHub Actions and never elsewhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main
from generator.github import annotation, choose_format, report
from generator.problems import DataProblems, Problem
from tests.test_validation import SOURCE, event, write

BROKEN = event("- id: v\n  kind: news\n  date: 2021-02-29\n" + SOURCE)
ANNOTATION = ("::error file=data/events/testshire.yaml,line=6,title=events[0].date::"
              "'2021-02-29' is not a real date: February 2021 has 28 days")


def test_an_annotation_escapes_its_message_and_properties() -> None:
    """GitHub's escapes for what would end a value; a line break is shown as its code point, as in
    the text, so that no value can start a workflow command of its own on a new line."""
    tricky = Problem("data/events/a,b:c%d.yaml", 7, "events[0].notes:x,y", "bad_value",
                     "100% sure: a, b\nand c\r\nd %0A")
    assert annotation(tricky) == (
        "::error file=data/events/a%2Cb%3Ac%25d.yaml,line=7,title=events[0].notes%3Ax%2Cy::"
        "100%25 sure: a, b<U+000A>and c<U+000D><U+000A>d %250A")


def test_a_problem_of_a_whole_file_has_no_title() -> None:
    assert annotation(Problem("data/events/x.txt", 1, "", "stray_file", "only SLUG.yaml files")) == (
        "::error file=data/events/x.txt,line=1::only SLUG.yaml files")


def test_annotations_end_with_the_count_as_the_text_does() -> None:
    problems = DataProblems([Problem("data/b.yaml", 2, "f", "c", "m2"), Problem("data/a.yaml", 9, "", "c", "m1")])
    assert report(problems, "github") == (
        "::error file=data/a.yaml,line=9::m1\n::error file=data/b.yaml,line=2,title=f::m2\n"
        "2 problem(s) in 2 file(s).")
    assert report(problems, "text") == problems.report()


@pytest.mark.parametrize(("given", "environ", "chosen"), [
    (None, {}, "text"),
    (None, {"GITHUB_ACTIONS": "true"}, "github"),
    (None, {"GITHUB_ACTIONS": "false"}, "text"),
    ("text", {"GITHUB_ACTIONS": "true"}, "text"),
    ("github", {}, "github"),
])
def test_github_actions_get_annotations_unless_told_otherwise(given: str | None, environ: dict[str, str],
                                                             chosen: str) -> None:
    assert choose_format(given, environ) == chosen


def test_validate_annotates_when_asked(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, events=BROKEN)
    assert main(["--root", str(tmp_path), "validate", "--format", "github"]) == 1
    assert capsys.readouterr().err == f"{ANNOTATION}\n1 problem(s) in 1 file(s).\n"


def test_validate_and_build_annotate_in_github_actions(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """So ``make site``, which .ci/run runs, annotates in GitHub Actions and nowhere else."""
    write(tmp_path, events=BROKEN)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert main(["--root", str(tmp_path), "validate"]) == 1
    assert capsys.readouterr().err == f"{ANNOTATION}\n1 problem(s) in 1 file(s).\n"
    assert main(["--root", str(tmp_path), "build"]) == 1
    assert capsys.readouterr().err == (
        f"{ANNOTATION}\n1 problem(s) in 1 file(s).\nNothing was built; build/site is as it was.\n")
    assert main(["--root", str(tmp_path), "validate", "--format", "text"]) == 1
    assert capsys.readouterr().err.startswith("data/events/testshire.yaml:6: events[0].date: '2021-02-29'")
