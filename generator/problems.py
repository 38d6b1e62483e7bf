"""Problems found in data files: typed values, gathered, then reported together.

Every check adds a ``Problem`` instead of raising, so an editor sees every mistake in one run.
Each problem code has exactly one message template here, which keeps the wording consistent
and lets the tests assert the exact text an editor reads. Templates with a ``{suggestion}`` part
take ``did_you_mean``'s text, which is empty when nothing allowed is close to what was written.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

MESSAGES: dict[str, str] = {
    # Reading files
    "file_unreadable": "cannot read the file: {detail}",
    "not_a_file": "is {kind}; data files are ordinary files inside data/, not links, folders, devices or pipes "
                  "(copy a file here rather than link to it)",
    "control_character": "column {column}: the character {character} is not allowed in a data file (control "
                         "characters are not, and editors often do not show them); remove it",
    "file_too_large": "the file is {size} bytes; data files are limited to {limit} bytes",
    "not_utf8": "byte {byte} is not UTF-8 text; save the file as UTF-8",
    "yaml_syntax": "not valid YAML: {detail}",
    "yaml_alias": "YAML anchors and aliases (&name, *name) are not allowed; write the value out in full",
    "yaml_tag": "the YAML tag '{tag}' is not allowed; data files hold only text, lists and mappings",
    "yaml_key": "a key must be plain text, not {found}",
    "duplicate_key": "'{key}' appears twice in this mapping (first on line {first_line}); keep one",
    "yaml_too_deep": "lists and mappings are nested more than {limit} deep; data files are much flatter",
    "json_syntax": "not valid JSON: {detail}",
    "duplicate_area": "ONS code {value} already has an area on the map ({first}); an authority has one",
    "stray_file": "only SLUG.yaml files belong in data/events/; rename this file or move it out",
    # Shape and values (from the model)
    "missing": "required field is missing; {hint}",
    "empty": "is empty; {hint}",
    "unknown_field": "unknown field; {suggestion}allowed here: {allowed}",
    "not_allowed": "'{value}' is not allowed; {suggestion}allowed: {allowed}",
    "wrong_type": "expected {expected}, found {found}",
    "too_few": "needs at least {min} entry; {hint}",
    "bad_value": "{detail}",
    "too_long": "is {length} characters long; the limit is {limit} ({why})",
    "bad_date": "'{value}' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY{unknown}",
    "impossible_date": "'{value}' is not a real date: {detail}",
    "not_a_day": "'{value}' must be a full date, YYYY-MM-DD",
    "bad_url": "'{value}' is not an http(s) address; only http:// and https:// links are allowed",
    "url_character": "'{value}' holds {character} (character {position}), which an address may not hold as it is "
                     "(RFC 3986); write it as {encoded}",
    "url_malformed": "'{value}' is not a well-formed address (RFC 3986): {detail}",
    "bad_pattern": "'{value}' is not {what}; {rule}",
    # Rules across fields and files
    "field_not_for_kind": "does not apply to a {kind} event; it applies to: {kinds}",
    "action_required": "a DfE intervention needs an action; allowed: {allowed}",
    "judgement_not_in_framework": "'{area}' is not judged under {framework}; judged there: {allowed}",
    "grade_not_in_scale": "'{grade}' was not a grade under {framework}; its grades were: {allowed}",
    "framework_not_in_force": "{framework} applies to inspections begun {when} (data/frameworks.yaml); this one {began}",
    "end_without_date": "an end date needs a start date; give 'date' as well, or remove 'end'",
    "end_before_start": "ends ({end}) before it starts ({start})",
    "after_as_of": "{value} is after the data set's as-of date ({as_of}) in data/authorities.yaml",
    "duplicate_id": "event id '{id}' is already used on line {first_line}; ids must be unique in a file",
    "unknown_about": "no event in this file has the id '{id}'",
    "correction_on_hand_event": "only imported events have corrections; this event's origin is 'hand'",
    "correction_unknown_field": "'{value}' is not a field of an event; {suggestion}allowed: {allowed}",
    "file_name_mismatch": "the file is named '{stem}.yaml' but holds authority '{slug}'; they must match",
    "unknown_authority": "'{slug}' is not in the register (data/authorities.yaml); {suggestion}"
                         "a new authority must be added there first",
    "missing_events_file": "authority '{slug}' has no events file; create data/events/{slug}.yaml",
    "duplicate_slug": "slug '{slug}' is already used on line {first_line}; slugs must be unique",
    "unknown_slug": "'{slug}' is not the slug of an authority in the register; {suggestion}"
                    "write the slug of an authority listed here",
    "successor_of_itself": "an authority cannot be its own {what}",
    "successors_need_abolished": "successors are for an abolished authority; give 'abolished' (the day it ended)",
    "duplicate_code": "code {value} is already used by authority '{other}' (line {first_line})",
    "duplicate_name": "'{name}' already names or aliases authority '{other}' (line {first_line})",
    # data/frameworks.yaml
    "duplicate_term": "'{value}' is already the id of {a_what} (line {first_line}); ids must be unique",
    "duplicate_grade_code": "code '{value}' is already the code of grade '{other}' (line {first_line}); the map "
                            "tells grades apart by their codes",
    "duplicate_label": "'{value}' is already the label of {what} '{other}' (line {first_line}); the charts and "
                       "tables tell them apart by their words",
    "unknown_term": "'{value}' is not the id of {a_what} in this file; {suggestion}write one of: {allowed}",
    "repeated_term": "'{value}' is listed twice here; list each {what} once",
    "scale_needed": "a version that makes judgements needs the id of the scale they are graded on",
    "begins_needed": "only a framework's first version may leave out 'begins'; say when this one began",
    "versions_out_of_order": "begins {begins}, not after the version above ({before}); list versions oldest first",
    "ends_before_begins": "ends ({ends}) before its last version begins ({begins})",
    "window_out_of_order": "the window [{earliest}, {latest}] ends before it begins; write [earliest, latest], "
                           "in months, neither below 0",
    "grade_ruled_twice": "'{value}' already has a rule (rules[{first}]); give each grade one rule",
    "window_or_note": "a rule with no window ('months') needs a 'note' saying what comes instead",
    "overall_needed": "the site sums inspections up by the area '{overall}'; keep an area with that id",
}


#: The most characters of a value that a message quotes; a longer value is cut there, its length said.
SHOWN = 100
#: Characters that print as nothing, or as something else, though Python counts them printable:
#: fillers and joiners that Unicode says to ignore (Default_Ignorable_Code_Point letters and
#: marks), and the blank braille cell, which looks like a space.
_IGNORABLE = re.compile("[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u2800\u3164\ufe00-\ufe0f\uffa0"
                        "\U00016fe4\U000e0100-\U000e01ef]")


def visible(text: str) -> str:
    """``text`` with every character that a terminal, an editor or GitHub would hide or obey written
    as its code point, ``<U+202E>``: control and escape characters, bidirectional controls,
    zero-width and other invisible characters, line separators and spaces other than the space.
    A message then shows what the file holds: a refused id cannot look like the valid example
    beside it, and a value cannot colour, move or rewrite the terminal or the log."""
    if text.isprintable() and not _IGNORABLE.search(text):
        return text
    return "".join(c if c.isprintable() and not _IGNORABLE.match(c) else f"<U+{ord(c):04X}>" for c in text)


def quoted(value: str) -> str:
    """``value`` as a message quotes it: in quotes, made ``visible``, and cut after ``SHOWN``
    characters with its whole length said, so that a megabyte-long value prints a line."""
    if len(value) <= SHOWN:
        return f"'{visible(value)}'"
    return f"'{visible(value[:SHOWN])}…' ({len(value):,} characters)"


#: A template's quoted values, ``'{value}'``: ``message`` quotes them itself with ``quoted``.
_QUOTED = re.compile(r"'\{(\w+)\}'")


def message(code: str, **context: Any) -> str:
    """The message of ``code`` about ``context``: the values the template quotes are ``quoted``,
    and every other text is made ``visible``."""
    template = MESSAGES[code]
    shown = {key: visible(value) if isinstance(value, str) else value for key, value in context.items()}
    shown |= {f"{key} quoted": quoted(str(context[key])) for key in _QUOTED.findall(template)}
    return _QUOTED.sub(r"{\1 quoted}", template).format(**shown)


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong in one place: ``file:line: field: message``. Its file name, field and
    message are held ``visible``, as any may come from the data (a file's name, a key, a value), so
    that every way of showing a problem (the text, GitHub's annotations) shows them so."""

    file: str
    line: int
    field: str
    code: str
    message: str

    def __post_init__(self) -> None:
        for name in ("file", "field", "message"):
            object.__setattr__(self, name, visible(getattr(self, name)))

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}"
        return f"{where}: {self.field}: {self.message}" if self.field else f"{where}: {self.message}"


def problem(code: str, file: str, line: int, field: str = "", **context: Any) -> Problem:
    """Make a problem from its code's template, so each code always reads the same way."""
    return Problem(file, line, field, code, message(code, **context))


def did_you_mean(value: str, candidates: Mapping[str, str]) -> str:
    """The ``{suggestion}`` part of a message: ``did you mean 'good'? `` when a candidate is close
    to ``value`` (difflib's measure, ignoring case), otherwise nothing.

    Most mistakes in a hand-typed file are a letter missed, doubled or swapped; naming the value
    meant saves reading a long list of what is allowed. ``candidates`` maps what a value may
    resemble (an allowed value; an authority's slug, name or alias) to what to suggest for it.
    """
    folded = {key.casefold(): suggested for key, suggested in candidates.items()}
    close = difflib.get_close_matches(value.casefold(), folded, n=1)
    return f"did you mean '{folded[close[0]]}'? " if close else ""


def as_is(values: Iterable[str]) -> dict[str, str]:
    """Candidates for ``did_you_mean`` that are suggested as they are written."""
    return {value: value for value in values}


class DataProblems(Exception):
    """The data did not validate; ``problems`` holds every problem found, sorted by place."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems)
        super().__init__(f"{len(self.problems)} problem(s) in the data")

    def report(self) -> str:
        """The text an editor reads: one line per problem, then a count."""
        return "\n".join([*(str(p) for p in self.problems), self.count()])

    def count(self) -> str:
        """How many problems in how many files, the last line of every report of them."""
        files = len({p.file for p in self.problems})
        return f"{len(self.problems)} problem(s) in {files} file(s)."
