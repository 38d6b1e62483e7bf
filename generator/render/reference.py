"""The editors' reference: every field and allowed value, written from the model itself.

Because this page is generated from the same pydantic models and vocabularies that validate
the data, it cannot fall out of step with what the validator accepts.
"""

from __future__ import annotations

import enum
import types
import typing

from pydantic import BaseModel

from generator.model import (
    KIND_FIELDS,
    AreaEntry,
    Authority,
    AuthorityFile,
    AuthorityType,
    Correction,
    DataCurrency,
    Event,
    Findings,
    Framework,
    FrameworkEntry,
    Frameworks,
    FrameworksFile,
    Grade,
    GradeEntry,
    InspectionEntry,
    InterventionAction,
    JudgementArea,
    Kind,
    OfstedRegion,
    PartialDate,
    Person,
    Quote,
    Region,
    Register,
    RhythmEntry,
    Role,
    RuleEntry,
    ScaleEntry,
    Source,
    SourceType,
    Tone,
    VersionEntry,
    Vocabulary,
)
from generator.render import markdown as md

RECORDS: list[tuple[type[BaseModel], str]] = [
    (Register, "data/authorities.yaml"),
    (Authority, "an entry of authorities: in data/authorities.yaml"),
    (AuthorityFile, "data/events/SLUG.yaml"),
    (Event, "an entry of events:"),
    (Source, "an entry of sources:"),
    (Person, "an entry of people:"),
    (Quote, "an entry of quotes:"),
    (Findings, "the findings: of an event"),
    (Correction, "an entry of corrected:"),
    (DataCurrency, "an entry of currency: in data/authorities.yaml"),
    (FrameworksFile, "data/frameworks.yaml"),
    (GradeEntry, "an entry of grades: in data/frameworks.yaml"),
    (ScaleEntry, "an entry of scales: in data/frameworks.yaml"),
    (AreaEntry, "an entry of areas: in data/frameworks.yaml"),
    (FrameworkEntry, "an entry of frameworks: in data/frameworks.yaml"),
    (InspectionEntry, "an entry of inspections: of a framework"),
    (VersionEntry, "an entry of versions: of a framework"),
    (RhythmEntry, "the rhythm: of a framework"),
    (RuleEntry, "an entry of rules: of a rhythm"),
]
VOCABULARIES: list[type[Vocabulary]] = [
    Kind, InterventionAction, Role, SourceType, AuthorityType, Region, OfstedRegion, Tone]
#: What an event's fields name from data/frameworks.yaml, and where the page lists them.
_TERMS = {Framework: ("a type of inspection", "frameworks"), Grade: ("a grade", "grades"),
          JudgementArea: ("a judgement area", "judgement-areas")}


def reference_page(frameworks: Frameworks) -> str:
    parts = [
        '---\ntitle: "Reference: fields and allowed values"\n---',
        "# Reference: fields and allowed values",
        "This page is generated from the data model that validates every file, so it always says "
        "exactly what `make validate` accepts. Dates are written `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, "
        "as precisely as the source gives them, and never more.",
    ]
    for model, where in RECORDS:
        parts.append(_record(model, where))
    parts.append("## Allowed values {#allowed-values}")
    for vocabulary in VOCABULARIES:
        parts.append(_vocabulary(vocabulary))
    parts.append(_frameworks(frameworks))
    return "\n\n".join(parts) + "\n"


def _record(model: type[BaseModel], where: str) -> str:
    rows = []
    for name, field in model.model_fields.items():
        kinds = KIND_FIELDS.get(name) if model is Event else None
        applies = ", ".join(f"`{k.value}`" for k in Kind if k in kinds) if kinds else "all"
        row = [f"`{name}`", "yes" if field.is_required() else "no", _shape(field.annotation),
               md.text(field.description or "")]
        rows.append(row + [applies] if model is Event else row)
    header = ["Field", "Required", "Value", "What it holds"] + (["Kinds of event"] if model is Event else [])
    title = model.__name__
    return "\n\n".join([f"## {title} {{#{_slug(title)}}}", _prose(f"Where: {where}. {model.__doc__ or ''}"),
                        md.table(header, rows)])


def _prose(docstring: str) -> str:
    """A docstring as Markdown: its ``literals`` as code, everything else as escaped text."""
    def escaped(part: str) -> str:  # md.text trims; keep the spaces around the literals
        return (" " if part[:1].isspace() else "") + md.text(part) + (" " if part[-1:].isspace() else "")

    parts = " ".join(docstring.split()).split("``")
    return "".join(f"`{part}`" if index % 2 else escaped(part) for index, part in enumerate(parts))


def _shape(annotation: typing.Any) -> str:
    """Say what a field holds, linking to the list of allowed values where there is one."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Annotated:
        base = args[0]
        if base is PartialDate or PartialDate in typing.get_args(base):
            return "date"
        if base in _TERMS:
            what, anchor = _TERMS[base]
            return f"the id of [{what}](#{anchor}) in data/frameworks.yaml"
        return "text"
    if origin in (typing.Union, types.UnionType):
        return " or ".join(_shape(a) for a in args if a is not type(None))
    if origin is tuple:
        return "list of " + _shape(args[0])
    if origin is dict:
        return f"mapping of {_shape(args[0])} to {_shape(args[1])}"
    if isinstance(annotation, type) and issubclass(annotation, enum.Enum):
        return f"[{annotation.__name__}](#{_slug(annotation.__name__)})"
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return f"[{annotation.__name__}](#{_slug(annotation.__name__)})"
    return "text"


def _vocabulary(vocabulary: type[Vocabulary]) -> str:
    rows = [[f"`{member.value}`", md.text(member.label)] for member in vocabulary]
    doc = f"\n\n{_prose(vocabulary.__doc__)}" if vocabulary.__doc__ and vocabulary.__doc__ != Vocabulary.__doc__ else ""
    return (f"### {vocabulary.__name__} {{#{_slug(vocabulary.__name__)}}}{doc}\n\n"
            + md.table(["Write", "Shown as"], rows))


def _frameworks(frameworks: Frameworks) -> str:
    """What data/frameworks.yaml holds now: the grades, the judgement areas, and each type of
    inspection with the versions of its framework. An editor adds to that file, not to code."""
    grades = md.table(["Write", "Shown as", "Code on the map", "Tone"],
                      [[f"`{g.value}`", md.text(g.label), md.text(g.code), f"`{g.tone.value}`"] for g in frameworks.grades])
    scales = md.table(["Scale", "Grades, best first"],
                      [[md.text(s.label), ", ".join(f"`{g.value}`" for g in s.grades)] for s in frameworks.scales])
    areas = md.table(["Write", "Shown as"], [[f"`{a.value}`", md.text(a.label)] for a in frameworks.areas])
    rows = [[f"`{f.value}`" if n == 0 else "", md.text(f.label) if n == 0 else "", md.text(v.label),
             str(v.begins) if v.begins else "not given", md.text(v.scale.label) if v.scale else "none",
             ", ".join(f"`{a.value}`" for a in v.areas) or "no graded judgements"]
            for f in frameworks.frameworks for n, v in enumerate(f.versions)]
    return "\n\n".join([
        "## Frameworks, grades and judgements {#frameworks-grades-and-judgements}",
        "These come from `data/frameworks.yaml`, which is validated like every data file. A full inspection names "
        "its type of inspection in `framework`; the version of its framework in force on the day it began says "
        "which judgements it may carry and on which scale. An inspection whose framework no source states may "
        "carry only an overall effectiveness grade, on any scale.",
        "### Grades {#grades}", grades, scales,
        "### Judgement areas {#judgement-areas}", areas,
        "### Types of inspection and their frameworks {#frameworks}",
        md.table(["Write", "Shown as", "Version", "Begins", "Scale", "Judgement areas"], rows),
    ])


def _slug(name: str) -> str:
    return "ref-" + name.lower()
