"""Turn loaded data files into a validated ``Dataset``, or raise every problem at once.

Shape and values are checked by the pydantic model; the rules that span fields or files (a
judgement its framework does not make, an end before a start, a duplicate id, a file for an
authority the register lacks) are checked here. Events are validated one by one so that one
broken event does not hide the problems of the others.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from generator.load import SYMBOLIC_LINK, Document, Path_, dotted, load_kept, read_text
from generator.model import (
    KIND_FIELDS,
    OVERALL,
    UNCHECKED,
    Authority,
    AuthorityFile,
    Cartogram,
    Dataset,
    Event,
    Frameworks,
    FrameworksFile,
    InterventionAction,
    Kind,
    PartialDate,
    Register,
    Timeline,
    describe,
)
from generator.problems import DataProblems, Problem, as_is, did_you_mean, problem
from generator.timeline import allowed_areas, allowed_grades, versions

REGISTER = "authorities.yaml"
#: The grades, judgements and frameworks that events name.
FRAMEWORKS = "frameworks.yaml"
EVENTS_DIR = "events"
#: The map's layout, written by the import; optional (a data set without one has no map).
CARTOGRAM = "cartogram.geojson"

_WRONG_TYPE = {
    "string_type": "text",
    "list_type": "a list ('- item' lines)",
    "tuple_type": "a list ('- item' lines)",
    "dict_type": "a mapping (field: value lines)",
    "model_type": "a mapping (field: value lines)",
    "model_attributes_type": "a mapping (field: value lines)",
}


def load_dataset(data_dir: Path, root: Path) -> Dataset:
    """Load and validate everything in ``data_dir``; raise ``DataProblems`` listing every problem."""
    problems: list[Problem] = []

    def name(path: Path) -> str:
        return _display_name(path, root)

    register_path = data_dir / REGISTER
    register, register_doc = _load_register(register_path, name(register_path), problems)
    frameworks_path = data_dir / FRAMEWORKS
    frameworks = _load_frameworks(frameworks_path, name(frameworks_path), problems)

    timelines: list[Timeline] = []
    events_dir = data_dir / EVENTS_DIR
    paths: list[Path] = []
    linked = events_dir.is_symlink()
    if linked:  # its files would be read from wherever it leads
        problems.append(problem("not_a_file", name(events_dir), 1, kind=SYMBOLIC_LINK))
    else:
        others = sorted(p for p in events_dir.glob("*") if p.suffix != ".yaml" and not p.name.startswith("."))
        problems += [problem("stray_file", name(p), 1) for p in others]
        paths = sorted(events_dir.glob("*.yaml"))
    for path in paths:
        doc, found = load_kept(path, name(path))
        problems += found
        if doc is not None and not found:
            timeline = _validate_authority_file(doc, path.stem, register, frameworks or UNCHECKED, problems)
            timelines += [timeline] if timeline else []

    if register is not None and register_doc is not None and not linked:
        stems = {path.stem for path in paths}
        for i, authority in enumerate(register.authorities):
            if authority.slug not in stems:
                line = register_doc.line_of(("authorities", i, "slug"))
                problems.append(problem("missing_events_file", register_doc.file, line,
                                        f"authorities[{i}].slug", slug=authority.slug))
    cartogram_path = data_dir / CARTOGRAM
    cartogram = _load_cartogram(cartogram_path, name(cartogram_path), problems) if cartogram_path.exists() else None
    if problems or register is None or frameworks is None:
        raise DataProblems(problems)
    timelines.sort(key=lambda t: (t.authority.name.casefold(), t.authority.slug))
    return Dataset(register.as_of, register.coverage, tuple(timelines), frameworks, register.currency, cartogram,
                   register.ofsted_checked)


def load_register(data_dir: Path, root: Path) -> Register:
    """Only the register, validated: enough to find an authority before its events are read.
    Raises ``DataProblems`` listing the register's problems."""
    path = data_dir / REGISTER
    problems: list[Problem] = []
    register, _ = _load_register(path, _display_name(path, root), problems)
    if problems or register is None:
        raise DataProblems(problems)
    return register


def load_frameworks(data_dir: Path, root: Path) -> Frameworks:
    """Only data/frameworks.yaml, validated: what the import needs to know of frameworks. Raises
    ``DataProblems`` listing its problems."""
    path = data_dir / FRAMEWORKS
    problems: list[Problem] = []
    frameworks = _load_frameworks(path, _display_name(path, root), problems)
    if problems or frameworks is None:
        raise DataProblems(problems)
    return frameworks


def _display_name(path: Path, root: Path) -> str:
    """How problems name a file: relative to the project, as an editor opens it."""
    return path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)


def _load_register(path: Path, display_name: str,
                   problems: list[Problem]) -> tuple[Register | None, Document | None]:
    doc, found = load_kept(path, display_name)
    problems += found
    # A file that could not be read cleanly is not validated further: its shape problems would
    # only repeat what the loader said.
    register = _validate(Register, doc, (), problems) if doc and not found else None
    if register is not None and doc is not None:
        problems += _check_register(register, doc)
    return register, doc


def _load_frameworks(path: Path, display_name: str, problems: list[Problem]) -> Frameworks | None:
    """The terms of data/frameworks.yaml, or None (its problems added) when it has any: every id
    unique, every reference to a grade, scale or area one the file defines, versions oldest first."""
    doc, found = load_kept(path, display_name)
    problems += found
    entries: FrameworksFile | None = _validate(FrameworksFile, doc, (), problems) if doc and not found else None
    if entries is None or doc is None:
        return None
    checked = _check_frameworks(entries, doc)
    problems += checked
    return None if checked else entries.terms()


def _check_frameworks(entries: FrameworksFile, doc: Document) -> list[Problem]:
    problems: list[Problem] = []

    def add(code: str, path: Path_, **context: Any) -> None:
        problems.append(problem(code, doc.file, doc.line_of(path), dotted(path), **context))

    def unique(what: str, paths: list[Path_], values: list[str]) -> set[str]:
        first: dict[str, Path_] = {}
        for path, value in zip(paths, values):
            if value in first:
                add("duplicate_term", path, value=value, a_what=_a(what), first_line=doc.line_of(first[value]))
            first.setdefault(value, path)
        return set(first)

    def known(what: str, path: Path_, value: str, ids: set[str]) -> None:
        if value not in ids:
            allowed = sorted(ids)
            add("unknown_term", path, value=value, a_what=_a(what), allowed=", ".join(allowed),
                suggestion=did_you_mean(value, as_is(allowed)))

    def listed(what: str, path: Path_, values: tuple[str, ...], ids: set[str]) -> None:
        for j, value in enumerate(values):
            known(what, path + (j,), value, ids)
            if value in values[:j]:
                add("repeated_term", path + (j,), value=value, what=what)

    grades = unique("grade", [("grades", i, "id") for i in range(len(entries.grades))], [g.id for g in entries.grades])
    codes: dict[str, int] = {}
    for i, grade in enumerate(entries.grades):
        if grade.code in codes:
            other = codes[grade.code]
            add("duplicate_grade_code", ("grades", i, "code"), value=grade.code, other=entries.grades[other].id,
                first_line=doc.line_of(("grades", other, "code")))
        codes.setdefault(grade.code, i)
    for what, terms in (("grade", entries.grades), ("area", entries.areas)):
        labelled: dict[str, int] = {}
        for i, term in enumerate(terms):
            if term.label in labelled:
                other = labelled[term.label]
                add("duplicate_label", (f"{what}s", i, "label"), value=term.label, what=what,
                    other=terms[other].id, first_line=doc.line_of((f"{what}s", other, "label")))
            labelled.setdefault(term.label, i)
    scales = unique("scale", [("scales", i, "id") for i in range(len(entries.scales))], [s.id for s in entries.scales])
    areas = unique("area", [("areas", i, "id") for i in range(len(entries.areas))], [a.id for a in entries.areas])
    unique("framework", [("frameworks", i, "id") for i in range(len(entries.frameworks))],
           [f.id for f in entries.frameworks])
    unique("type of inspection", [("frameworks", i, "inspections", j, "id") for i, f in enumerate(entries.frameworks)
                                  for j in range(len(f.inspections))],
           [t.id for f in entries.frameworks for t in f.inspections])
    for i, area in enumerate(entries.areas):
        listed("area", ("areas", i, "covers"), area.covers, areas)
    if OVERALL not in areas:
        add("overall_needed", ("areas",), overall=OVERALL)
    for i, scale in enumerate(entries.scales):
        listed("grade", ("scales", i, "grades"), scale.grades, grades)
    for i, framework in enumerate(entries.frameworks):
        before: PartialDate | None = None
        for j, version in enumerate(framework.versions):
            at: Path_ = ("frameworks", i, "versions", j)
            if version.scale is not None:
                known("scale", at + ("scale",), version.scale, scales)
            elif version.judgements:
                add("scale_needed", at)
            listed("area", at + ("judgements",), version.judgements, areas)
            if version.begins is None and j > 0:
                add("begins_needed", at)
            elif version.begins is not None and before is not None and version.begins.first_day() <= before.last_day():
                add("versions_out_of_order", at + ("begins",), begins=version.begins, before=before)
            before = version.begins or before
        if framework.ends is not None and before is not None and framework.ends.last_day() < before.first_day():
            add("ends_before_begins", ("frameworks", i, "ends"), ends=framework.ends, begins=before)
        if framework.rhythm is not None:
            at = ("frameworks", i, "rhythm")
            known("area", at + ("judgement",), framework.rhythm.judgement, areas)
            own = {t.id for t in framework.inspections}
            ruled: dict[str, int] = {}
            for j, rule in enumerate(framework.rhythm.rules):
                listed("grade", at + ("rules", j, "after"), rule.after, grades)
                for k, grade in enumerate(rule.after):
                    if ruled.get(grade, j) != j:
                        add("grade_ruled_twice", at + ("rules", j, "after", k), value=grade, first=ruled[grade])
                    ruled.setdefault(grade, j)
                if rule.next is not None:
                    known("type of inspection of this framework", at + ("rules", j, "next"), rule.next, own)
                if rule.months is not None and not 0 <= rule.months[0] <= rule.months[1]:
                    add("window_out_of_order", at + ("rules", j, "months"), earliest=rule.months[0],
                        latest=rule.months[1])
                if rule.months is None and rule.note is None:
                    add("window_or_note", at + ("rules", j))
    return problems


def _a(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" else "a ") + noun


def authority_names(authorities: Iterable[Authority]) -> dict[str, str]:
    """Every way an editor may name an authority (its slug, name and aliases), to its slug: the
    register's names and aliases are unique, checked below, so each leads to one authority."""
    names: dict[str, str] = {}
    for authority in authorities:
        for name in (authority.slug, authority.name, *authority.aliases):
            names.setdefault(name.casefold(), authority.slug)
    return names


def _load_cartogram(path: Path, display_name: str, problems: list[Problem]) -> Cartogram | None:
    """Read the map's layout. It is JSON written by the import, not YAML an editor writes, so it is
    parsed as JSON (lines are known only for syntax errors) and then checked like any data file."""
    text, found = read_text(path, display_name)
    problems += found
    if text is None:
        return None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        problems.append(problem("json_syntax", display_name, error.lineno, detail=error.msg))
        return None
    cartogram: Cartogram | None = _validate(Cartogram, Document(display_name, data), (), problems)
    if cartogram is None:
        return None
    first: dict[str, int] = {}
    for i, area in enumerate(cartogram.features):
        code = area.properties.ons_code
        if code in first:
            problems.append(problem("duplicate_area", display_name, 1, f"features[{i}].properties.ons_code",
                                    value=code, first=f"features[{first[code]}]"))
        first.setdefault(code, i)
    return cartogram


def _validate(model: type[BaseModel], doc: Document, prefix: Path_, problems: list[Problem],
              frameworks: Frameworks = UNCHECKED) -> Any:
    """Validate ``doc.data`` at ``prefix`` against ``model``, whose ids of grades, judgements and
    frameworks are looked up in ``frameworks``; add its problems, return it or None."""
    data = doc.data
    for part in prefix:
        data = data[part]
    try:
        return model.model_validate(data, context={"frameworks": frameworks})
    except ValidationError as error:
        details = error.errors(include_url=False)
        for detail in details:
            if not _counts_only_valid_items(detail, details):
                problems.append(_from_pydantic(model, detail, doc, prefix))
        return None


def _counts_only_valid_items(detail: Any, details: list[Any]) -> bool:
    """Pydantic counts only the valid items of a list; a list whose one item is broken is not short."""
    loc = detail["loc"]
    return detail["type"] == "too_short" and any(
        other["loc"][: len(loc)] == loc and len(other["loc"]) > len(loc) for other in details
    )


def _from_pydantic(model: type[BaseModel], detail: Any, doc: Document, prefix: Path_) -> Problem:
    """Say a pydantic error in the project's words, at the line it concerns."""
    loc = detail["loc"][:-1] if detail["loc"][-1:] == ("[key]",) else detail["loc"]  # a mapping's key
    path = prefix + loc
    line, field = doc.line_of(path), dotted(path)
    kind, ctx, value = detail["type"], detail.get("ctx", {}), detail.get("input")
    if kind == "missing":
        return problem("missing", doc.file, line, field, hint=_field_of(model, loc).description)
    if kind == "extra_forbidden":
        owner = _model_at(model, loc[:-1])
        return problem("unknown_field", doc.file, line, field, allowed=", ".join(owner.model_fields),
                       suggestion=did_you_mean(str(loc[-1]), as_is(owner.model_fields)))
    if kind == "enum":
        allowed = ", ".join(re.findall(r"'([^']*)'", ctx["expected"]))
        if not isinstance(value, str):
            return problem("wrong_type", doc.file, line, field, expected=f"one of {allowed}", found=describe(value))
        return problem("not_allowed", doc.file, line, field, value=value, allowed=allowed,
                       suggestion=did_you_mean(value, as_is(allowed.split(", "))))
    if kind in _WRONG_TYPE:
        return problem("wrong_type", doc.file, line, field, expected=_WRONG_TYPE[kind], found=describe(value))
    if kind == "too_short":
        return problem("too_few", doc.file, line, field, min=ctx["min_length"],
                       hint=_field_of(model, loc).description)
    # The model's own checks (dates, text, links, patterns) already speak in the project's words.
    return Problem(doc.file, line, field, kind, detail["msg"])


def _model_at(model: type[BaseModel], loc: Path_) -> type[BaseModel]:
    """The record type found at ``loc`` inside ``model`` (list indexes are skipped)."""
    for part in loc:
        if isinstance(part, int):
            continue
        annotation = model.model_fields[part].annotation
        model = next(a for a in _inner_types(annotation) if isinstance(a, type) and issubclass(a, BaseModel))
    return model


def _field_of(model: type[BaseModel], loc: Path_) -> Any:
    owner = _model_at(model, loc[:-1])
    return owner.model_fields[str(loc[-1])]


def _inner_types(annotation: Any) -> list[Any]:
    args = getattr(annotation, "__args__", ())
    return [annotation] + [t for arg in args for t in _inner_types(arg)]


def _check_register(register: Register, doc: Document) -> list[Problem]:
    problems: list[Problem] = []
    slug_lines: dict[str, int] = {}
    names: dict[str, tuple[str, int]] = {}
    for i, authority in enumerate(register.authorities):
        line = doc.line_of(("authorities", i, "slug"))
        if authority.slug in slug_lines:
            problems.append(problem("duplicate_slug", doc.file, line, f"authorities[{i}].slug",
                                    slug=authority.slug, first_line=slug_lines[authority.slug]))
        slug_lines.setdefault(authority.slug, line)
        for j, name in enumerate((authority.name, *authority.aliases)):
            path = ("authorities", i) + (("name",) if j == 0 else ("aliases", j - 1))
            key = name.casefold()
            if key in names and names[key][0] != authority.slug:
                other, first = names[key]
                problems.append(problem("duplicate_name", doc.file, doc.line_of(path), dotted(path),
                                        name=name, other=other, first_line=first))
            names.setdefault(key, (authority.slug, doc.line_of(path)))
    codes: dict[str, tuple[str, int]] = {}
    for i, authority in enumerate(register.authorities):
        for field in ("ons_code", "former_ons_codes", "dfe_code", "former_dfe_codes", "ofsted_urn"):
            value = getattr(authority, field)
            for j, code in enumerate(value if isinstance(value, tuple) else (value,) if value else ()):
                path = ("authorities", i, field) + ((j,) if isinstance(value, tuple) else ())
                # DfE and ONS codes never collide (digits against E-codes), so one table serves all.
                if code in codes and codes[code][0] != authority.slug:
                    other, first = codes[code]
                    problems.append(problem("duplicate_code", doc.file, doc.line_of(path), dotted(path),
                                            value=code, other=other, first_line=first))
                codes.setdefault(code, (authority.slug, doc.line_of(path)))
        for field, what in (("successors", "successor"), ("neighbours", "neighbour")):
            for j, slug in enumerate(getattr(authority, field)):
                path = ("authorities", i, field, j)
                if slug == authority.slug:
                    problems.append(problem("successor_of_itself", doc.file, doc.line_of(path), dotted(path),
                                            what=what))
                elif slug not in slug_lines:
                    problems.append(problem("unknown_slug", doc.file, doc.line_of(path), dotted(path), slug=slug,
                                            suggestion=did_you_mean(slug, authority_names(register.authorities))))
        if authority.successors and authority.abolished is None:
            path = ("authorities", i, "successors")
            problems.append(problem("successors_need_abolished", doc.file, doc.line_of(path), dotted(path)))
    return problems


def _validate_authority_file(doc: Document, stem: str, register: Register | None, frameworks: Frameworks,
                             problems: list[Problem]) -> Timeline | None:
    if not isinstance(doc.data, dict):
        problems.append(problem("wrong_type", doc.file, 1, "", expected=_WRONG_TYPE["dict_type"],
                                found=describe(doc.data)))
        return None
    raw_events = doc.data.get("events", [])
    shell_doc = Document(doc.file, {k: v for k, v in doc.data.items() if k != "events"}, doc.lines)
    shell = _validate(AuthorityFile, shell_doc, (), problems)
    if not isinstance(raw_events, list):
        problems.append(problem("wrong_type", doc.file, doc.line_of(("events",)), "events",
                                expected=_WRONG_TYPE["list_type"], found=describe(raw_events)))
        raw_events = []
    events = [_validate(Event, doc, ("events", i), problems, frameworks) for i in range(len(raw_events))]
    if shell is None or register is None:
        return None
    found = _check_authority_file(shell, events, doc, stem, register, frameworks)
    problems += found
    authority = next((a for a in register.authorities if a.slug == shell.authority), None)
    if found or None in events or authority is None:
        return None
    return Timeline(authority, shell.updated, tuple(events), doc.file)  # type: ignore[arg-type]


def _check_authority_file(shell: AuthorityFile, events: list[Event | None], doc: Document, stem: str,
                          register: Register, frameworks: Frameworks) -> list[Problem]:
    """The rules that tie a file to its name, the register and the as-of date."""
    problems: list[Problem] = []
    line = doc.line_of(("authority",))
    if shell.authority != stem:
        problems.append(problem("file_name_mismatch", doc.file, line, "authority", stem=stem, slug=shell.authority))
    if shell.authority not in {a.slug for a in register.authorities}:
        problems.append(problem("unknown_authority", doc.file, line, "authority", slug=shell.authority,
                                suggestion=did_you_mean(shell.authority, authority_names(register.authorities))))
    # A file's ``updated`` may be later than ``as_of``: correcting an old event says nothing about
    # how far the data run, which ``as_of`` does. The events' own dates may not be later.
    return problems + _check_events(events, doc, register.as_of, frameworks)


def _check_events(events: list[Event | None], doc: Document, as_of: PartialDate,
                  frameworks: Frameworks) -> list[Problem]:
    problems: list[Problem] = []
    first_use: dict[str, int] = {}  # id -> index of the event that first uses it
    for i, event in enumerate(events):
        if event is not None:
            first_use.setdefault(event.id, i)
    for i, event in enumerate(events):
        if event is None:
            continue
        at: Path_ = ("events", i)

        def add(code: str, *field: str | int, **context: Any) -> None:
            path = at + field
            problems.append(problem(code, doc.file, doc.line_of(path), dotted(path), **context))

        if first_use[event.id] != i:
            add("duplicate_id", "id", id=event.id, first_line=doc.line_of(("events", first_use[event.id], "id")))
        for name, kinds in KIND_FIELDS.items():
            if name in event.model_fields_set and event.kind not in kinds:
                add("field_not_for_kind", name, kind=event.kind.value,
                    kinds=", ".join(k.value for k in Kind if k in kinds))
        if event.kind is Kind.INTERVENTION and event.action is None:
            add("action_required", allowed=", ".join(a.value for a in InterventionAction))
        if frameworks.checked:
            problems += _check_judgements(event, frameworks, doc, at)
        if event.end is not None and event.date is None:
            add("end_without_date", "end")
        elif event.end is not None and event.date is not None and event.end.last_day() < event.date.first_day():
            add("end_before_start", "end", end=event.end, start=event.date)
        for name in ("date", "end", "published"):
            problems += _check_not_after(getattr(event, name), as_of, doc, at + (name,))
        for j, source in enumerate(event.sources):
            problems += _check_not_after(source.date, as_of, doc, at + ("sources", j, "date"))
        if event.about is not None and event.about not in first_use:
            add("unknown_about", "about", id=event.about)
        if event.corrected and event.origin == "hand":
            add("correction_on_hand_event", "corrected")
        for j, correction in enumerate(event.corrected):
            if correction.field not in Event.model_fields:
                add("correction_unknown_field", "corrected", j, "field", value=correction.field,
                    allowed=", ".join(Event.model_fields),
                    suggestion=did_you_mean(correction.field, as_is(Event.model_fields)))
    return problems


def _check_judgements(event: Event, frameworks: Frameworks, doc: Document, at: Path_) -> list[Problem]:
    """An inspection's judgements against its framework: only the areas it judged, each on its scale,
    in the version (or versions, where its date allows more than one) in force when it began."""
    if event.framework is not None and event.framework.versions and not versions(event):
        began = f"began {event.date}" if event.date else f"was reported on {event.published}"
        return [problem("framework_not_in_force", doc.file, doc.line_of(at + ("framework",)), dotted(at + ("framework",)),
                        framework=event.framework.value, when=_in_force(event.framework.versions), began=began)]
    problems = []
    areas, grades = allowed_areas(event, frameworks), allowed_grades(event, frameworks)
    under = event.framework.value if event.framework else "an unstated framework"
    if event.framework is not None and event.date is not None and len(event.framework.versions) > 1:
        under += f" in {event.date}"
    for area, grade in event.judgements.items():
        path = at + ("judgements", area.value)
        if area not in areas:
            problems.append(problem("judgement_not_in_framework", doc.file, doc.line_of(path), dotted(path),
                                    area=area.value, framework=under,
                                    allowed=", ".join(a.value for a in areas) or "nothing"))
        elif grade not in grades:
            problems.append(problem("grade_not_in_scale", doc.file, doc.line_of(path), dotted(path),
                                    grade=grade.value, framework=under, allowed=", ".join(g.value for g in grades)))
    return problems


def _in_force(versions_: tuple[Any, ...]) -> str:
    """When a framework's versions applied, in words: "from 2018-01", "from 2009-04 to 2012"."""
    begins, ends = versions_[0].begins, versions_[-1].ends
    return " ".join(filter(None, [f"from {begins}" if begins else "", f"to {ends}" if ends else ""]))


def _check_not_after(date: PartialDate | None, as_of: PartialDate, doc: Document, path: Path_) -> list[Problem]:
    if date is None or date.first_day() <= as_of.first_day():
        return []
    return [problem("after_as_of", doc.file, doc.line_of(path), dotted(path), value=date, as_of=as_of)]
