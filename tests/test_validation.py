"""Every problem code, triggered by a broken file, with the exact text an editor reads."""

from __future__ import annotations

import errno
import json
import os
import shutil
import textwrap
from pathlib import Path

import pytest

from generator.cli import main
from generator.load import keeping_documents, load_kept
from generator.problems import MESSAGES, DataProblems
from generator.validate import load_dataset
from tests.conftest import ROOT

REGISTER = """\
as_of: 2026-11-23
coverage: Test data.
authorities:
  - slug: testshire
    name: Testshire
    region: south_west
    type: county
    aliases: [Tests]
    sources:
      - title: Register source
        publisher: Someone
"""

EVENTS = """\
authority: testshire
updated: 2026-11-01
events:
  - id: visit
    kind: focused_visit
    date: 2021-05-10
    sources:
      - title: Letter
        publisher: Ofsted
"""


def write(root: Path, register: str = REGISTER, events: str | bytes | None = EVENTS,
          name: str = "testshire.yaml") -> Path:
    """A project of one authority (with the shipped data/frameworks.yaml, which events name)."""
    (root / "data" / "events").mkdir(parents=True, exist_ok=True)
    (root / "data" / "authorities.yaml").write_text(textwrap.dedent(register), encoding="utf-8")
    shutil.copy(ROOT / "data" / "frameworks.yaml", root / "data" / "frameworks.yaml")
    if events is not None:
        path = root / "data" / "events" / name
        if isinstance(events, bytes):
            path.write_bytes(events)
        else:
            path.write_text(textwrap.dedent(events), encoding="utf-8")
    return root


def problems(root: Path) -> list[str]:
    with pytest.raises(DataProblems) as caught:
        load_dataset(root / "data", root)
    return [str(p) for p in caught.value.problems]


def event(body: str) -> str:
    """An events file whose one event is ``body`` (its lines start at line 4)."""
    return "authority: testshire\nupdated: 2026-11-01\nevents:\n" + textwrap.indent(textwrap.dedent(body), "  ")


E = "data/events/testshire.yaml"
N = "data/events/north-testshire.yaml"
R = "data/authorities.yaml"
SOURCE = "  sources:\n    - {title: T, publisher: P}\n"

# code -> (events file text, register text or None for the valid one, the expected problems)
CASES: dict[str, tuple[str | bytes | None, str | None, list[str]]] = {
    "file_too_large": ("# " + "x" * 2_000_001 + "\n", None,
                       [f"{E}:1: the file is 2000004 bytes; data files are limited to 2000000 bytes"]),
    "not_utf8": (b"authority: testshire\nupdated: 2026-11-01\nevents: []\n# caf\xe9\n", None,
                 [f"{E}:4: byte 0xe9 is not UTF-8 text; save the file as UTF-8"]),
    "yaml_syntax": ("authority: testshire\nevents: [\n  - id: x\n", None,
                    [f"{E}:3: not valid YAML: did not find expected node content (while parsing a "
                     "flow node)"]),
    "yaml_alias": ("authority: &a testshire\nupdated: 2026-11-01\nevents: []\nnote: *a\n", None,
                   [f"{E}:4: note: YAML anchors and aliases (&name, *name) are not allowed; write the value out "
                    "in full"]),
    "yaml_tag": ("authority: !!python/object:os.system testshire\nupdated: 2026-11-01\n", None,
                 [f"{E}:1: authority: the YAML tag 'tag:yaml.org,2002:python/object:os.system' is not allowed; "
                  "data files hold only text, lists and mappings"]),
    "yaml_too_deep": ("authority: testshire\nupdated: 2026-11-01\nevents: " + "[" * 40 + "]" * 40 + "\n", None,
                      [f"{E}:3: events[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]"
                       "[0][0][0][0]: lists and mappings are nested more than 30 deep; data files are much flatter"]),
    "stray_file": (EVENTS, None, []),  # filled in by its own test
    "yaml_key": ("authority: testshire\n? [a, b]\n: value\n", None,
                 [f"{E}:2: a key must be plain text, not a list"]),
    "duplicate_key": ("authority: testshire\nupdated: 2026-11-01\nupdated: 2026-11-02\n", None,
                      [f"{E}:3: updated: 'updated' appears twice in this mapping (first on line 2); keep one"]),
    "missing": (event("- kind: focused_visit\n  date: 2021\n" + SOURCE), None,
                [f"{E}:4: events[0].id: required field is missing; a stable identity, unique in the file, "
                 "e.g. 'focused-visit-2021-05-10'"]),
    "empty": (event("- id: v\n  kind: focused_visit\n  date:\n" + SOURCE), None,
              [f"{E}:6: events[0].date: is empty; write YYYY-MM-DD, YYYY-MM or YYYY (or 'unknown' when no "
               "source gives a date)"]),
    "unknown_field": (event("- id: v\n  kind: focused_visit\n  date: 2021\n  grade: good\n" + SOURCE), None,
                      [f"{E}:7: events[0].grade: unknown field; allowed here: id, kind, date, end, published, "
                       "framework, action, theme, judgements, priority_actions, summary, findings, quotes, "
                       "people, about, notes, origin, corrected, sources"]),
    "not_allowed": (event("- id: v\n  kind: full_inspection\n  date: 2021\n  judgements:\n"
                          "    overall_effectiveness: goood\n" + SOURCE), None,
                    [f"{E}:8: events[0].judgements.overall_effectiveness: 'goood' is not allowed; did you mean "
                     "'good'? allowed: outstanding, good, adequate, requires_improvement, inadequate"]),
    "wrong_type": (event("- id: v\n  kind: focused_visit\n  date: 2021\n  theme: [a, b]\n" + SOURCE), None,
                   [f"{E}:7: events[0].theme: expected text, found a list"]),
    "too_few": (event("- id: v\n  kind: focused_visit\n  date: 2021\n  sources: []\n"), None,
                [f"{E}:7: events[0].sources: needs at least 1 entry; at least one source for the event"]),
    "bad_value": (event("- id: v\n  kind: focused_visit\n  date: 2021\n  summary: \"bell\\a\"\n" + SOURCE), None,
                  [f"{E}:7: events[0].summary: contains an invisible or control character (U+0007); remove it"]),
    "too_long": (event("- id: v\n  kind: focused_visit\n  date: 2021\n  quotes:\n    - text: " + "w" * 251
                       + "\n      by: Ofsted\n" + SOURCE), None,
                 [f"{E}:8: events[0].quotes[0].text: is 251 characters long; the limit is 250 (quotations are "
                  "short and attributed)"]),
    "bad_date": (event("- id: v\n  kind: focused_visit\n  date: May 2021\n" + SOURCE), None,
                 [f"{E}:6: events[0].date: 'May 2021' is not a date; write YYYY-MM-DD, YYYY-MM or YYYY (or "
                  "'unknown' when no source gives a date)"]),
    "impossible_date": (event("- id: v\n  kind: focused_visit\n  date: 2021-02-30\n" + SOURCE), None,
                        [f"{E}:6: events[0].date: '2021-02-30' is not a real date: February 2021 has 28 days"]),
    "not_a_day": ("authority: testshire\nupdated: 2026-11\n", None,
                  [f"{E}:2: updated: '2026-11' must be a full date, YYYY-MM-DD"]),
    "bad_url": (event("- id: v\n  kind: focused_visit\n  date: 2021\n  sources:\n    - title: T\n"
                      "      publisher: P\n      url: javascript:alert(1)\n"), None,
                [f"{E}:10: events[0].sources[0].url: 'javascript:alert(1)' is not an http(s) address; only "
                 "http:// and https:// links are allowed"]),
    "url_character": (event("- id: v\n  kind: focused_visit\n  date: 2021\n  sources:\n    - title: T\n"
                            "      publisher: P\n      url: 'https://example.org/a\"b'\n"), None,
                      [f"{E}:10: events[0].sources[0].url: 'https://example.org/a\"b' holds '\"' (character 22), "
                       "which an address may not hold as it is (RFC 3986); write it as %22"]),
    "url_malformed": (event("- id: v\n  kind: focused_visit\n  date: 2021\n  sources:\n    - title: T\n"
                            "      publisher: P\n      url: https://www.gov.uk@example.org/\n"), None,
                      [f"{E}:10: events[0].sources[0].url: 'https://www.gov.uk@example.org/' is not a well-formed "
                       "address (RFC 3986): it names a user before its host (user@), which a public page's address "
                       "never needs"]),
    "control_character": (b"authority: testshire\nupdated: 2026-11-01\nevents: []\n# \xc3\xa9\x1b[31m\n", None,
                          [f"{E}:4: column 4: the character U+001B is not allowed in a data file (control characters "
                           "are not, and editors often do not show them); remove it"]),
    "bad_pattern": (event("- id: Visit One\n  kind: focused_visit\n  date: 2021\n" + SOURCE), None,
                    [f"{E}:4: events[0].id: 'Visit One' is not an event id; use lowercase letters, digits and "
                     "single hyphens, e.g. 'focused-visit-2021-05-10'"]),
    "field_not_for_kind": (event("- id: v\n  kind: news\n  date: 2021\n  theme: Care leavers\n" + SOURCE), None,
                           [f"{E}:7: events[0].theme: does not apply to a news event; it applies to: "
                            "focused_visit, monitoring_visit, jtai"]),
    "action_required": (event("- id: v\n  kind: intervention\n  date: 2021\n" + SOURCE), None,
                        [f"{E}:4: events[0]: a DfE intervention needs an action; allowed: "
                         "improvement_notice_issued, improvement_notice_lifted, direction_issued, direction_revised, "
                         "direction_revoked, commissioner_appointed, commissioner_report, adviser_appointed, "
                         "trust_established, trust_ended, other"]),
    "judgement_not_in_framework": (event("- id: v\n  kind: full_inspection\n  framework: sif\n  date: 2014\n"
                                         "  judgements:\n    impact_of_leaders: good\n" + SOURCE), None,
                                   [f"{E}:9: events[0].judgements.impact_of_leaders: 'impact_of_leaders' is not "
                                    "judged under sif; judged there: overall_effectiveness, help_and_protection, "
                                    "looked_after_and_permanence, adoption, care_leavers, "
                                    "leadership_management_governance, lscb"]),
    "framework_not_in_force": (event("- id: v\n  kind: full_inspection\n  framework: ilacs_short\n  date: 2017-06\n"
                                     "  judgements:\n    overall_effectiveness: good\n" + SOURCE), None,
                               [f"{E}:6: events[0].framework: ilacs_short applies to inspections begun from 2018-01 "
                                "(data/frameworks.yaml); this one began 2017-06"]),
    "grade_not_in_scale": (event("- id: v\n  kind: full_inspection\n  framework: slac\n  date: 2011\n"
                                 "  judgements:\n    safeguarding_overall: requires_improvement\n" + SOURCE), None,
                           [f"{E}:9: events[0].judgements.safeguarding_overall: 'requires_improvement' was not a "
                            "grade under slac; its grades were: outstanding, good, adequate, inadequate"]),
    "end_without_date": (event("- id: v\n  kind: focused_visit\n  date: unknown\n  end: 2021-05-11\n" + SOURCE),
                         None, [f"{E}:7: events[0].end: an end date needs a start date; give 'date' as well, or "
                                "remove 'end'"]),
    "end_before_start": (event("- id: v\n  kind: focused_visit\n  date: 2021-05-10\n  end: 2021-04\n" + SOURCE),
                         None, [f"{E}:7: events[0].end: ends (2021-04) before it starts (2021-05-10)"]),
    "after_as_of": (event("- id: v\n  kind: focused_visit\n  date: 2027-01\n" + SOURCE), None,
                    [f"{E}:6: events[0].date: 2027-01 is after the data set's as-of date (2026-11-23) in "
                     "data/authorities.yaml"]),
    "duplicate_id": (event("- id: v\n  kind: news\n  date: 2021\n" + SOURCE + "- id: v\n  kind: news\n"
                           "  date: 2022\n" + SOURCE), None,
                     [f"{E}:9: events[1].id: event id 'v' is already used on line 4; ids must be unique in a "
                      "file"]),
    "unknown_about": (event("- id: v\n  kind: news\n  date: 2021\n  about: inspection-2020\n" + SOURCE), None,
                      [f"{E}:7: events[0].about: no event in this file has the id 'inspection-2020'"]),
    "correction_on_hand_event": (event("- id: v\n  kind: news\n  date: 2021\n  corrected:\n    - field: date\n"
                                       "      reason: The letter says so.\n" + SOURCE), None,
                                 [f"{E}:7: events[0].corrected: only imported events have corrections; this "
                                  "event's origin is 'hand'"]),
    "correction_unknown_field": (event("- id: v\n  kind: news\n  date: 2021\n  origin: import:ofsted\n"
                                       "  corrected:\n    - field: dates\n      reason: Typo in the release.\n"
                                       + SOURCE), None,
                                 [f"{E}:9: events[0].corrected[0].field: 'dates' is not a field of an event; "
                                  "did you mean 'date'? allowed: id, kind, date, end, published, framework, "
                                  "action, theme, judgements, priority_actions, summary, findings, quotes, people, "
                                  "about, notes, origin, corrected, sources"]),
    "file_name_mismatch": ("authority: testshire\nupdated: 2026-11-01\n", None, []),  # filled in by the test
    "unknown_authority": ("authority: nowhere\nupdated: 2026-11-01\n", None,
                          [f"{E}:1: authority: the file is named 'testshire.yaml' but holds authority 'nowhere'; "
                           "they must match",
                           f"{E}:1: authority: 'nowhere' is not in the register (data/authorities.yaml); a new "
                           "authority must be added there first"]),
    "missing_events_file": (None, None,
                            [f"{R}:4: authorities[0].slug: authority 'testshire' has no events file; create "
                             "data/events/testshire.yaml"]),
    "duplicate_slug": (EVENTS, REGISTER + "  - slug: testshire\n    name: Other\n    region: london\n"
                               "    type: london_borough\n    sources: [{title: T, publisher: P}]\n",
                       [f"{R}:12: authorities[1].slug: slug 'testshire' is already used on line 4; slugs must "
                        "be unique"]),
    "duplicate_name": (EVENTS, REGISTER + "  - slug: other\n    name: tests\n    region: london\n"
                               "    type: london_borough\n    sources: [{title: T, publisher: P}]\n",
                       [f"{R}:13: authorities[1].name: 'tests' already names or aliases authority 'testshire' "
                        "(line 8)", f"{R}:12: authorities[1].slug: authority 'other' has no events file; create "
                                    "data/events/other.yaml"]),
    "unknown_slug": (EVENTS, REGISTER + "    neighbours: [nowhere]\n",
                     [f"{R}:12: authorities[0].neighbours[0]: 'nowhere' is not the slug of an authority in the "
                      "register; write the slug of an authority listed here"]),
    "successor_of_itself": (EVENTS, REGISTER + "    abolished: 2019-04-01\n    successors: [testshire]\n",
                            [f"{R}:13: authorities[0].successors[0]: an authority cannot be its own successor"]),
    "successors_need_abolished": (EVENTS, REGISTER + "    successors: [testshire]\n",
                                  [f"{R}:12: authorities[0].successors: successors are for an abolished authority; "
                                   "give 'abolished' (the day it ended)",
                                   f"{R}:12: authorities[0].successors[0]: an authority cannot be its own "
                                   "successor"]),
    "duplicate_code": (EVENTS, REGISTER + "    dfe_code: '908'\n" + "  - slug: other\n    name: Other\n    region: london\n    type: london_borough\n"
                               "    sources: [{title: T, publisher: P}]\n" + "    former_dfe_codes: ['908']\n",
                       [f"{R}:18: authorities[1].former_dfe_codes[0]: code 908 is already used by authority "
                        "'testshire' (line 12)",
                        f"{R}:13: authorities[1].slug: authority 'other' has no events file; create "
                        "data/events/other.yaml"]),
}


#: The problems of the map's layout, a JSON file: their cases are in test_map.py.
LAYOUT_CODES = {"json_syntax", "duplicate_area"}

F = "data/frameworks.yaml"
#: A small data/frameworks.yaml: two grades on one scale, and a framework of two versions.
FRAMEWORKS = """\
grades:
  - id: good
    label: Good
    code: G
    tone: high
  - id: weak
    label: Weak
    code: W
    tone: low
scales:
  - id: two
    label: Two grades
    grades: [good, weak]
areas:
  - id: overall_effectiveness
    label: Overall effectiveness
frameworks:
  - id: fw
    label: A framework
    inspections:
      - id: fw_full
        label: A full inspection
    versions:
      - label: First
        begins: 2020-01
        scale: two
        judgements: [overall_effectiveness]
      - label: Second
        begins: 2022-01
        scale: two
        judgements: [overall_effectiveness]
    sources:
      - title: T
        publisher: P
    rhythm:
      judgement: overall_effectiveness
      rules:
        - after: [good]
          next: fw_full
          months: [30, 42]
        - after: [weak]
          note: Monitoring visits.
      sources:
        - title: T
          publisher: P
"""
# code -> ((what to replace in FRAMEWORKS, with what), the expected problems)
FRAMEWORK_CASES: dict[str, tuple[tuple[str, str], list[str]]] = {
    "duplicate_term": (("id: weak", "id: good"), [
        f"{F}:6: grades[1].id: 'good' is already the id of a grade (line 2); ids must be unique",
        f"{F}:13: scales[0].grades[1]: 'weak' is not the id of a grade in this file; write one of: good",
        f"{F}:41: frameworks[0].rhythm.rules[1].after[0]: 'weak' is not the id of a grade in this file; write one of: "
        "good"]),
    "duplicate_grade_code": (("code: W", "code: G"), [
        f"{F}:8: grades[1].code: code 'G' is already the code of grade 'good' (line 4); the map tells grades apart "
        "by their codes"]),
    "duplicate_label": (("label: Weak", "label: Good"), [
        f"{F}:7: grades[1].label: 'Good' is already the label of grade 'good' (line 3); the charts and tables "
        "tell them apart by their words"]),
    "unknown_term": (("grades: [good, weak]", "grades: [good, wek]"), [
        f"{F}:13: scales[0].grades[1]: 'wek' is not the id of a grade in this file; did you mean 'weak'? write one "
        "of: good, weak"]),
    "repeated_term": (("grades: [good, weak]", "grades: [good, good]"), [
        f"{F}:13: scales[0].grades[1]: 'good' is listed twice here; list each grade once"]),
    "scale_needed": (("        scale: two\n        judgements: [overall_effectiveness]\n      - label: Second",
                      "        judgements: [overall_effectiveness]\n      - label: Second"), [
        f"{F}:24: frameworks[0].versions[0]: a version that makes judgements needs the id of the scale they are "
        "graded on"]),
    "begins_needed": (("        begins: 2022-01\n", ""), [
        f"{F}:28: frameworks[0].versions[1]: only a framework's first version may leave out 'begins'; say when "
        "this one began"]),
    "versions_out_of_order": (("begins: 2022-01", "begins: 2019"), [
        f"{F}:29: frameworks[0].versions[1].begins: begins 2019, not after the version above (2020-01); list "
        "versions oldest first"]),
    "ends_before_begins": (("    sources:\n", "    ends: 2021\n    sources:\n"), [
        f"{F}:32: frameworks[0].ends: ends (2021) before its last version begins (2022-01)"]),
    "overall_needed": (("  - id: overall_effectiveness\n    label: Overall effectiveness",
                        "  - id: overall\n    label: Overall"), [
        f"{F}:14: areas: the site sums inspections up by the area 'overall_effectiveness'; keep an area with that id",
        f"{F}:27: frameworks[0].versions[0].judgements[0]: 'overall_effectiveness' is not the id of an area in this "
        "file; write one of: overall",
        f"{F}:31: frameworks[0].versions[1].judgements[0]: 'overall_effectiveness' is not the id of an area in this "
        "file; write one of: overall",
        f"{F}:36: frameworks[0].rhythm.judgement: 'overall_effectiveness' is not the id of an area in this file; "
        "write one of: overall"]),
    "window_out_of_order": (("months: [30, 42]", "months: [42, 30]"), [
        f"{F}:40: frameworks[0].rhythm.rules[0].months: the window [42, 30] ends before it begins; write [earliest, "
        "latest], in months, neither below 0"]),
    "grade_ruled_twice": (("        - after: [weak]", "        - after: [weak, good]"), [
        f"{F}:41: frameworks[0].rhythm.rules[1].after[1]: 'good' already has a rule (rules[0]); give each grade one "
        "rule"]),
    "window_or_note": (("          note: Monitoring visits.\n", ""), [
        f"{F}:41: frameworks[0].rhythm.rules[1]: a rule with no window ('months') needs a 'note' saying what comes "
        "instead"]),
}


def test_a_rhythm_names_only_its_own_framework_s_inspections(tmp_path: Path) -> None:
    write(tmp_path)
    (tmp_path / "data" / "frameworks.yaml").write_text(FRAMEWORKS.replace("next: fw_full", "next: fw_ful"), "utf-8")
    assert problems(tmp_path) == [f"{F}:39: frameworks[0].rhythm.rules[0].next: 'fw_ful' is not the id of a type of "
                                  "inspection of this framework in this file; did you mean 'fw_full'? write one of: "
                                  "fw_full"]


def test_every_problem_code_has_a_case() -> None:
    assert set(CASES) | set(FRAMEWORK_CASES) | {"file_unreadable", "not_a_file"} | LAYOUT_CODES == set(MESSAGES)


def test_the_small_frameworks_file_is_valid(tmp_path: Path) -> None:
    write(tmp_path)
    (tmp_path / "data" / "frameworks.yaml").write_text(FRAMEWORKS, "utf-8")
    assert [g.value for g in load_dataset(tmp_path / "data", tmp_path).frameworks.grades] == ["good", "weak"]


@pytest.mark.parametrize("code", sorted(FRAMEWORK_CASES))
def test_a_frameworks_problem_names_its_line(tmp_path: Path, code: str) -> None:
    (old, new), expected = FRAMEWORK_CASES[code]
    assert old in FRAMEWORKS
    write(tmp_path)
    (tmp_path / "data" / "frameworks.yaml").write_text(FRAMEWORKS.replace(old, new, 1), "utf-8")
    assert sorted(problems(tmp_path)) == sorted(expected)


def test_an_area_covers_only_areas_of_the_file(tmp_path: Path) -> None:
    write(tmp_path)
    covering = FRAMEWORKS.replace("    label: Overall effectiveness\n",
                                  "    label: Overall effectiveness\n    covers: [nowhere]\n", 1)
    (tmp_path / "data" / "frameworks.yaml").write_text(covering, "utf-8")
    assert problems(tmp_path) == [f"{F}:17: areas[0].covers[0]: 'nowhere' is not the id of an area in this file; "
                                  "write one of: overall_effectiveness"]


@pytest.mark.parametrize("code", sorted(set(CASES) - {"file_name_mismatch", "stray_file"}))
def test_problem_text(tmp_path: Path, code: str) -> None:
    events, register, expected = CASES[code]
    write(tmp_path, register or REGISTER, events)
    assert sorted(problems(tmp_path)) == sorted(expected)


@pytest.mark.parametrize(("text", "expected"), [
    ("events: !x " + "[" * 800_000 + "]" * 800_000 + "\n", f"{E}:1: events: "),
    ("events: []\nevents: " + "[" * 800_000 + "]" * 800_000 + "\n", f"{E}:2: events: "),
    ("? " + "[" * 800_000 + "]" * 800_000 + "\n: 1\n", f"{E}:1: "),
])
def test_what_is_passed_over_is_held_to_the_depth_limit_too(tmp_path: Path, text: str, expected: str) -> None:
    """A value under a refused tag, a duplicate key or a key that is a list is not read, but it is
    still parsed: nested without limit, it would take libyaml hours (its time grows with the square
    of the depth)."""
    write(tmp_path, events=text)
    assert problems(tmp_path) == [expected + "lists and mappings are nested more than 30 deep; data files are much "
                                  "flatter"]


def test_stray_file(tmp_path: Path) -> None:
    write(tmp_path)
    (tmp_path / "data" / "events" / "testshire.yml").write_text(EVENTS, "utf-8")
    assert problems(tmp_path) == [
        "data/events/testshire.yml:1: only SLUG.yaml files belong in data/events/; rename this file or move it out"]


def test_a_deeply_nested_file_is_a_problem_not_a_crash(tmp_path: Path) -> None:
    """As deep as the size limit allows: the C parser keeps its own stack, and the loader skips
    what is nested too deep without recursing."""
    write(tmp_path, events="events: " + "[" * 900_000 + "]" * 900_000 + "\n")
    assert problems(tmp_path) == [
        f"{E}:1: events" + "[0]" * 30 + ": lists and mappings are nested more than 30 deep; data files are much "
        "flatter"]


@pytest.mark.parametrize(("name", "expected"), [
    ("Traf<img src=x onerror=alert(1)>ford", "'Traf<img src=x onerror=alert(1)>ford' is not an authority name"),
    ('West "Sussex"', '\'West "Sussex"\' is not an authority name'),
    ("Hull\u202e", "contains an invisible or control character (U+202E); remove it"),
])
def test_authority_names_keep_to_the_letters_of_real_names(tmp_path: Path, name: str, expected: str) -> None:
    write(tmp_path, register=REGISTER.replace("name: Testshire", f"name: {json.dumps(name)}"))
    (found,) = problems(tmp_path)
    assert found.startswith(f"{R}:5: authorities[0].name: {expected}")


def test_a_list_where_a_kind_belongs_is_said_in_words(tmp_path: Path) -> None:
    write(tmp_path, events=event("- id: v\n  kind: [news]\n  date: 2021\n" + SOURCE))
    assert problems(tmp_path) == [
        f"{E}:5: events[0].kind: expected one of full_inspection, focused_visit, monitoring_visit, jtai, "
        "intervention, leadership_change, council_report, ministerial_letter, news, found a list"]


def test_digits_that_are_not_ascii_are_not_a_date(tmp_path: Path) -> None:
    write(tmp_path, events=event("- id: v\n  kind: news\n  date: ２０２１\n" + SOURCE))
    assert problems(tmp_path) == [f"{E}:6: events[0].date: '２０２１' is not a date; write YYYY-MM-DD, "
                                  "YYYY-MM or YYYY (or 'unknown' when no source gives a date)"]


def test_a_malformed_host_is_said(tmp_path: Path) -> None:
    write(tmp_path, events=event("- id: v\n  kind: news\n  date: 2021\n  sources:\n    - title: T\n"
                                 "      publisher: P\n      url: http://[::1/x\n"))
    assert problems(tmp_path) == [f"{E}:10: events[0].sources[0].url: 'http://[::1/x' is not a well-formed address "
                                  "(RFC 3986): its host is not a name or an IP address"]


def test_duplicate_ids_on_one_line(tmp_path: Path) -> None:
    write(tmp_path, events="authority: testshire\nupdated: 2026-11-01\nevents: [{id: d, kind: news, date: 2021, "
                           "sources: [{title: T, publisher: P}]}, {id: d, kind: news, date: 2022, "
                           "sources: [{title: T, publisher: P}]}]\n")
    assert problems(tmp_path) == [
        f"{E}:3: events[1].id: event id 'd' is already used on line 3; ids must be unique in a file"]


def test_ilacs_judgements_follow_the_january_2023_split(tmp_path: Path) -> None:
    write(tmp_path, events=event("- id: v\n  kind: full_inspection\n  framework: ilacs_standard\n"
                                 "  date: 2023-03-06\n  judgements:\n    children_in_care_and_care_leavers: good\n"
                                 + SOURCE))
    assert problems(tmp_path) == [
        f"{E}:9: events[0].judgements.children_in_care_and_care_leavers: 'children_in_care_and_care_leavers' is "
        "not judged under ilacs_standard in 2023-03-06; judged there: overall_effectiveness, impact_of_leaders, "
        "help_and_protection, children_in_care, care_leavers"]


def test_file_named_for_another_authority(tmp_path: Path) -> None:
    write(tmp_path, events=None)
    write(tmp_path, events="authority: testshire\nupdated: 2026-11-01\n", name="elsewhere.yaml")
    assert problems(tmp_path) == [
        f"{R}:4: authorities[0].slug: authority 'testshire' has no events file; create data/events/testshire.yaml",
        "data/events/elsewhere.yaml:1: authority: the file is named 'elsewhere.yaml' but holds authority "
        "'testshire'; they must match",
    ]


def test_a_folder_is_not_a_data_file(tmp_path: Path) -> None:
    write(tmp_path, events=None)
    (tmp_path / "data" / "events" / "testshire.yaml").mkdir()
    assert problems(tmp_path) == [f"{E}:1: is a folder; data files are ordinary files inside data/, not links, "
                                  "folders, devices or pipes (copy a file here rather than link to it)"]


def test_unreadable_file(tmp_path: Path) -> None:
    write(tmp_path)
    (tmp_path / "data" / "frameworks.yaml").unlink()
    assert problems(tmp_path) == ["data/frameworks.yaml:1: cannot read the file: No such file or directory"]


def test_every_problem_in_every_file_is_reported(tmp_path: Path) -> None:
    """Problems in several events and files come together, not just the first."""
    write(tmp_path, register=REGISTER.replace("south_west", "wessex"),
          events=event("- id: a\n  kind: visit\n  date: 2021\n" + SOURCE
                       + "- id: b\n  kind: news\n  date: 2021-13\n" + SOURCE))
    assert problems(tmp_path) == [
        f"{R}:6: authorities[0].region: 'wessex' is not allowed; allowed: north_east, north_west, "
        "yorkshire_and_the_humber, east_midlands, west_midlands, east_of_england, london, south_east, south_west",
        f"{E}:5: events[0].kind: 'visit' is not allowed; allowed: full_inspection, focused_visit, "
        "monitoring_visit, jtai, intervention, leadership_change, council_report, ministerial_letter, news",
        f"{E}:11: events[1].date: '2021-13' is not a real date: there is no month 13",
    ]


#: Near misses in an events file, each with the problem that names the value meant.
INSPECTION = "- id: v\n  kind: full_inspection\n  date: 2021\n  judgements:\n"
NEAR_MISSES = {
    "grade": (INSPECTION + "    overall_effectiveness: Inadequte\n",
              f"{E}:8: events[0].judgements.overall_effectiveness: 'Inadequte' is not allowed; did you mean "
              "'inadequate'? allowed: outstanding, good, adequate, requires_improvement, inadequate"),
    "judgement area": (INSPECTION + "    overall_efectiveness: good\n",
                       f"{E}:8: events[0].judgements.overall_efectiveness: 'overall_efectiveness' is not allowed; "
                       "did you mean 'overall_effectiveness'? allowed: overall_effectiveness, impact_of_leaders, "
                       "help_and_protection, children_in_care_and_care_leavers, children_in_care, care_leavers, "
                       "looked_after_and_permanence, adoption, leadership_management_governance, "
                       "safeguarding_overall, looked_after_overall, child_protection_overall, lscb, looked_after_capacity, "
                       "looked_after_outcomes, looked_after_provision, looked_after_leadership"),
    "kind": ("- id: v\n  kind: focussed visit\n  date: 2021\n",
             f"{E}:5: events[0].kind: 'focussed visit' is not allowed; did you mean 'focused_visit'? allowed: "
             "full_inspection, focused_visit, monitoring_visit, jtai, intervention, leadership_change, "
             "council_report, ministerial_letter, news"),
    "action": ("- id: v\n  kind: intervention\n  date: 2021\n  action: direction_isued\n",
               f"{E}:7: events[0].action: 'direction_isued' is not allowed; did you mean 'direction_issued'? "
               "allowed: improvement_notice_issued, improvement_notice_lifted, direction_issued, direction_revised, "
               "direction_revoked, commissioner_appointed, commissioner_report, adviser_appointed, "
               "trust_established, trust_ended, other"),
    "role": ("- id: v\n  kind: news\n  date: 2021\n  people:\n    - name: A. Person\n      role: lead inspector\n",
             f"{E}:9: events[0].people[0].role: 'lead inspector' is not allowed; did you mean 'lead_inspector'? "
             "allowed: lead_inspector, inspector, director_of_childrens_services, "
             "interim_director_of_childrens_services, chief_executive, council_leader, lead_member, commissioner, "
             "adviser, minister, other"),
    "field": ("- id: v\n  kind: focused_visit\n  date: 2021\n  thme: Care leavers\n",
              f"{E}:7: events[0].thme: unknown field; did you mean 'theme'? allowed here: id, kind, date, end, "
              "published, framework, action, theme, judgements, priority_actions, summary, findings, quotes, "
              "people, about, notes, origin, corrected, sources"),
    "far-off grade": (INSPECTION + "    overall_effectiveness: excellent\n",
                      f"{E}:8: events[0].judgements.overall_effectiveness: 'excellent' is not allowed; allowed: "
                      "outstanding, good, adequate, requires_improvement, inadequate"),
}


@pytest.mark.parametrize("case", NEAR_MISSES)
def test_a_near_miss_is_named(tmp_path: Path, case: str) -> None:
    body, expected = NEAR_MISSES[case]
    write(tmp_path, events=event(body + SOURCE))
    assert problems(tmp_path) == [expected]


def test_a_near_miss_in_the_register_is_named(tmp_path: Path) -> None:
    write(tmp_path, register=REGISTER.replace("south_west", "South West"))
    assert problems(tmp_path) == [
        f"{R}:6: authorities[0].region: 'South West' is not allowed; did you mean 'south_west'? allowed: "
        "north_east, north_west, yorkshire_and_the_humber, east_midlands, west_midlands, east_of_england, london, "
        "south_east, south_west"]


#: A second authority, to be a neighbour or a misspelt one.
NORTH = ("  - slug: north-testshire\n    name: North Testshire\n    aliases: [Nortesh]\n    region: south_west\n"
         "    type: county\n    sources: [{title: T, publisher: P}]\n")


@pytest.mark.parametrize(("written", "meant"), [
    ("north-testshir", "north-testshire"),  # a slug, mistyped
    ("nortesh", "north-testshire"),  # an alias where the slug belongs
    ("tests", "testshire"),
])
def test_an_unknown_authority_is_matched_to_slugs_names_and_aliases(tmp_path: Path, written: str,
                                                                     meant: str) -> None:
    write(tmp_path, register=REGISTER + NORTH)
    write(tmp_path, register=REGISTER + NORTH, events=f"authority: {written}\nupdated: 2026-11-01\n",
          name="north-testshire.yaml")
    assert problems(tmp_path) == [
        f"{N}:1: authority: the file is named 'north-testshire.yaml' but holds authority '{written}'; they must "
        "match",
        f"{N}:1: authority: '{written}' is not in the register (data/authorities.yaml); did you mean '{meant}'? "
        "a new authority must be added there first",
    ]


def test_an_unknown_neighbour_names_the_one_meant(tmp_path: Path) -> None:
    write(tmp_path, register=REGISTER + "    neighbours: [north-testshir]\n" + NORTH)
    write(tmp_path, register=REGISTER + "    neighbours: [north-testshir]\n" + NORTH,
          events="authority: north-testshire\nupdated: 2026-11-01\n", name="north-testshire.yaml")
    assert problems(tmp_path) == [
        f"{R}:12: authorities[0].neighbours[0]: 'north-testshir' is not the slug of an authority in the register; "
        "did you mean 'north-testshire'? write the slug of an authority listed here"]


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    write(tmp_path, events=b"\xef\xbb\xbf" + EVENTS.encode("utf-8"))
    dataset = load_dataset(tmp_path / "data", tmp_path)
    assert [e.id for e in dataset.timelines[0].events] == ["visit"]


def test_scalars_stay_text(tmp_path: Path) -> None:
    """YAML would read 'no' as false and 2021 as a number; the loader keeps what the editor typed."""
    write(tmp_path, register=REGISTER.replace("aliases: [Tests]", "aliases: ['no', 2021, yes]"))
    dataset = load_dataset(tmp_path / "data", tmp_path)
    assert dataset.timelines[0].authority.aliases == ("no", "2021", "yes")


def test_cli_validate(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path)
    assert main(["--root", str(tmp_path), "validate"]) == 0
    assert capsys.readouterr().out == "OK: 1 authorities and 1 events, no problems.\n"
    write(tmp_path, events=event("- id: v\n  kind: news\n  date: 2021-02-29\n" + SOURCE))
    assert main(["--root", str(tmp_path), "validate"]) == 1
    assert capsys.readouterr().err == (
        f"{E}:6: events[0].date: '2021-02-29' is not a real date: February 2021 has 28 days\n"
        "1 problem(s) in 1 file(s).\n"
    )


@pytest.mark.parametrize(("settings", "expected"), [
    ("site_name: x\n", "extra.repository must be the repository's address, https://github.com/OWNER/NAME"),
    ("extra: {repository: https://g.org/r}\n", "extra.repository must be the repository's address"),
    ("extra: {repository: https://github.com/o/r}\nnav:\n", "nav must contain an entry "
     "'Authorities: authorities/index.md'"),
    ("site_url: [\n", "cannot read the MkDocs configuration"),
])
def test_unusable_settings_are_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str], settings: str,
                                        expected: str) -> None:
    write(tmp_path)
    (tmp_path / "mkdocs.yml").write_text(settings, "utf-8")
    (tmp_path / "docs").mkdir()
    assert main(["--root", str(tmp_path), "build"]) == 2
    assert expected in capsys.readouterr().err


@pytest.mark.parametrize(("repository", "address"), [
    ("https://github.com/inspection-timelines/inspection-timelines", "https://inspection-timelines.github.io/inspection-timelines/"),
    ("https://github.com/Some-Org/some.site/", "https://some-org.github.io/some.site/"),
    ("https://github.com/someone/someone.github.io", "https://someone.github.io/"),
])
def test_the_public_address_derives_from_the_repository(repository: str, address: str) -> None:
    from generator.site_config import pages_address

    assert pages_address(repository) == address


@pytest.mark.parametrize("written", ["https://timelines.example.org", "https://timelines.example.org/"])
def test_a_custom_address_ends_in_one_slash_however_it_is_written(tmp_path: Path, written: str) -> None:
    from generator.site_config import read_settings

    config = tmp_path / "mkdocs.yml"
    config.write_text((ROOT / "mkdocs.yml").read_text("utf-8") + f"site_url: {written}\n", "utf-8")
    assert read_settings(config).site_url == "https://timelines.example.org/"


def test_the_preview_keeps_a_files_parse_until_its_bytes_change_and_a_build_keeps_none(tmp_path: Path) -> None:
    path = tmp_path / "a.yaml"
    path.write_text("name: A\n", encoding="utf-8")
    assert load_kept(path, "a.yaml")[0] is not load_kept(path, "a.yaml")[0]
    with keeping_documents():
        kept = load_kept(path, "a.yaml")[0]
        assert kept is not None and load_kept(path, "a.yaml")[0] is kept
        before = path.stat()
        path.write_text("name: B\n", encoding="utf-8")
        os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # another save within the same time
        changed = load_kept(path, "a.yaml")[0]
        assert changed is not None and changed is not kept and changed.data == {"name": "B"}
    assert load_kept(path, "a.yaml")[0] is not load_kept(path, "a.yaml")[0]


@pytest.mark.parametrize(("text", "line", "detail"), [
    ("notes: |\n  one\n  two\n\tthree\n", 6,
     "found a tab character where an indentation space is expected (while scanning a block scalar)"),
    ("notes: one\n  two\n  three\n\tfour\n", 6, "found a tab character that violates indentation (while scanning a plain scalar)"),
    ("events: [\n", 3, "did not find expected node content (while parsing a flow node)"),
])
def test_a_syntax_error_inside_a_long_value_or_at_the_end_names_its_own_line(tmp_path: Path, text: str, line: int,
                                                                            detail: str) -> None:
    """A tab on a later line of a value of several lines is on that line, not where the value
    began; a file that ends too soon names its last line, not one after it."""
    write(tmp_path, events="authority: testshire\nupdated: 2026-11-01\n" + text)
    assert problems(tmp_path) == [f"{E}:{line}: not valid YAML: {detail}"]


def test_a_file_made_a_link_while_it_is_opened_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Between the look at the file and its opening, a link put in its place: the opening, which
    never follows a link, fails, and the file is refused as a link."""
    write(tmp_path)

    def swapped(path: object, flags: int, *args: object) -> int:
        if str(path).endswith("testshire.yaml"):
            raise OSError(errno.ELOOP, os.strerror(errno.ELOOP))
        return opened(path, flags, *args)  # type: ignore[arg-type]
    opened = os.open
    monkeypatch.setattr(os, "open", swapped)
    assert problems(tmp_path) == [f"{E}:1: is a symbolic link; data files are ordinary files inside data/, not "
                                  "links, folders, devices or pipes (copy a file here rather than link to it)"]
