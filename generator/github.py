"""Problems as GitHub Actions reads them: one ``::error`` workflow command per problem.

GitHub shows such a command as an annotation on the line it names, so on a pull request an
editor sees each problem beside the line that has it, not only in the log. The plain text of
``DataProblems.report`` stays the format everywhere else; in GitHub Actions (which sets
``GITHUB_ACTIONS=true``) the annotations are chosen unless a format is given, so that
``make site``, run by ``.ci/run`` there, annotates without CI passing anything.
"""

from __future__ import annotations

from collections.abc import Mapping

from generator.problems import DataProblems, Problem

TEXT, GITHUB = "text", "github"
FORMATS = (TEXT, GITHUB)


def choose_format(given: str | None, environ: Mapping[str, str]) -> str:
    """The format asked for, or, when none was, ``github`` inside GitHub Actions and ``text`` elsewhere."""
    if given is not None:
        return given
    return GITHUB if environ.get("GITHUB_ACTIONS") == "true" else TEXT


def report(problems: DataProblems, form: str) -> str:
    """What an editor reads in ``form``: the annotations end with the same count as the text."""
    if form == TEXT:
        return problems.report()
    return "\n".join([*(annotation(p) for p in problems.problems), problems.count()])


def annotation(problem: Problem) -> str:
    """``::error file=PATH,line=N,title=FIELD::MESSAGE``; a problem of a whole file has no field."""
    properties = [f"file={_property(problem.file)}", f"line={problem.line}"]
    if problem.field:
        properties.append(f"title={_property(problem.field)}")
    return f"::error {','.join(properties)}::{_data(problem.message)}"


def _data(value: str) -> str:
    """A command's message, escaped as GitHub's runner unescapes it (``%`` first, so it is not doubled)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _property(value: str) -> str:
    """A command's property value: also ``:`` and ``,``, which would end the value or the properties."""
    return _data(value).replace(":", "%3A").replace(",", "%2C")
