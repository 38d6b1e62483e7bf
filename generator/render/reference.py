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
    FRAMEWORK_AREAS,
    KIND_FIELDS,
    Authority,
    AuthorityFile,
    AuthorityType,
    Correction,
    DataCurrency,
    Event,
    Findings,
    Framework,
    Grade,
    InterventionAction,
    JudgementArea,
    Kind,
    OfstedRegion,
    PartialDate,
    Person,
    Quote,
    Region,
    Register,
    Role,
    Source,
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
]
VOCABULARIES: list[type[Vocabulary]] = [
    Kind, Framework, Grade, JudgementArea, InterventionAction, Role, AuthorityType, Region, OfstedRegion]


def reference_page() -> str:
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
    parts.append(_frameworks())
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


def _frameworks() -> str:
    rows = [[f"`{f.value}`" if f else "(not stated)",
             ", ".join(f"`{a.value}`" for a in areas) or "no graded judgements"]
            for f, areas in FRAMEWORK_AREAS.items()]
    return ("### Judgements by framework {#judgements-by-framework}\n\n"
            "A full inspection may carry only the judgements its framework makes.\n\n"
            + md.table(["Framework", "Judgement areas"], rows))


def _slug(name: str) -> str:
    return "ref-" + name.lower()
