"""The data behind the pages, to download: each authority's events as CSV and JSON, and the whole
data set as CSV and JSON with a Frictionless data package that describes every field.

Every table is written from the validated model, one column per field, and the data package
takes each field's description and allowed values from the model itself, so a download, the
page it comes with and the editors' reference cannot disagree. Values are written as the data
files write them (``requires_improvement``, dates as precise as the source, ``unknown``); the
data package says what each means.
"""

from __future__ import annotations

import csv
import enum
import functools
import io
import json
import typing
from collections.abc import Iterable
from typing import Any

from pydantic import BaseModel

from generator.chart_cache import ChartCache, frameworks_digest, timeline_digests
from generator.model import (
    Authority,
    AuthorityType,
    Dataset,
    Event,
    Frameworks,
    InterventionAction,
    Kind,
    OfstedRegion,
    PartialDate,
    Region,
    Role,
    Source,
    SourceType,
    Term,
    Timeline,
)
from generator.render import markdown as md
from generator.render.paths import DOWNLOADS_PAGE, beside, download_path

#: The whole data set's files, beside the page that offers them.
EVENTS_CSV, SOURCES_CSV, AUTHORITIES_CSV = "events.csv", "sources.csv", "authorities.csv"
FINDINGS_CSV, FRAMEWORKS_CSV = "findings.csv", "frameworks.csv"
ALL_JSON, PACKAGE = "inspection-timelines.json", "datapackage.json"

# Columns: (name, the model field it comes from or None, description when not the field's own,
# allowed values). Lists are joined with LIST_SEPARATOR.
LIST_SEPARATOR = "; "
_Column = tuple[str, str | None, str | None, list[str] | None]


def _values(vocabulary: type[enum.Enum] | tuple[Term, ...]) -> list[str]:
    return [str(member.value) for member in vocabulary]


def _event_columns(frameworks: Frameworks) -> list[_Column]:
    """The columns of events.csv: one for each judgement area of data/frameworks.yaml."""
    grades = _values(frameworks.grades)
    return [
        ("authority", None, "the slug of the authority (see authorities.csv)", None),
        ("id", "id", "a stable identity, unique within its authority (the key is authority and id), "
                     "e.g. 'focused-visit-2021-05-10'", None),
        ("kind", "kind", None, _values(Kind)),
        ("date", "date", None, None),
        ("end", "end", None, None),
        ("published", "published", None, None),
        ("framework", "framework", "the type of inspection (see frameworks.csv), where a source states it",
         _values(frameworks.frameworks)),
        ("action", "action", None, _values(InterventionAction)),
        ("theme", "theme", None, None),
        *((area.value, None, f"the grade for '{area.label}', where the event gives one (see frameworks.csv for "
                             "the scale of each framework)", grades) for area in frameworks.areas),
        ("summary", "summary", None, None),
        ("lead_inspector", None, "the lead inspector the sources name", None),
        ("report_url", None, "the address of Ofsted's own report or letter on the inspection or visit, where "
                             "one is known", None),
        ("notes", "notes", None, None),
        ("about", "about", None, None),
        ("origin", "origin", None, None),
        ("source_urls", None, f"the web addresses of the event's sources, in order, separated by '{LIST_SEPARATOR}' "
                              "(every source, with or without an address, is in sources.csv)", None),
    ]


_SOURCE_COLUMNS: list[_Column] = [
    ("authority", None, "the slug of the authority (see authorities.csv)", None),
    ("event_id", None, "the id of the event (see events.csv)", None),
    ("number", None, "the source's place in the event's list of sources, from 1", None),
    ("title", "title", None, None),
    ("publisher", "publisher", None, None),
    ("date", "date", None, None),
    ("url", "url", None, None),
    ("type", "type", None, _values(SourceType)),
    ("note", "note", None, None),
]
#: What a row of findings.csv is: an area for priority action, a strength, a point of what needs
#: to improve, or a short quotation.
FINDING_SECTIONS = ["priority_action", "strength", "to_improve", "quote"]
_FINDING_COLUMNS: list[_Column] = [
    ("authority", None, "the slug of the authority (see authorities.csv)", None),
    ("event_id", None, "the id of the event (see events.csv)", None),
    ("section", None, "an area for priority action, a strength, a point of what needs to improve, or a short "
                      "quotation", FINDING_SECTIONS),
    ("number", None, "the item's place in its section of the event, from 1", None),
    ("text", None, "the item as the event gives it; a quotation's exact words", None),
    ("by", None, "who said or wrote a quotation", None),
]
_FRAMEWORK_COLUMNS: list[_Column] = [
    ("framework", None, "the type of inspection, as events.csv's framework column writes it", None),
    ("label", None, "its name", None),
    ("family", None, "the framework it belongs to", None),
    ("version", None, "the version of the framework, in words", None),
    ("begins", None, "the first day, month or year of inspections under the version, where a source gives it", None),
    ("ends", None, "the last day, month or year of inspections under it, where known", None),
    ("scale", None, "the grades the version gives, best first, separated by '; '", None),
    ("judgements", None, "the judgement areas the version grades (columns of events.csv), separated by '; '", None),
]
_AUTHORITY_COLUMNS: list[_Column] = [
    ("slug", "slug", None, None),
    ("name", "name", None, None),
    ("ons_code", "ons_code", None, None),
    ("former_ons_codes", "former_ons_codes", None, None),
    ("dfe_code", "dfe_code", None, None),
    ("former_dfe_codes", "former_dfe_codes", None, None),
    ("ofsted_urn", "ofsted_urn", None, None),
    ("region", "region", None, _values(Region)),
    ("ofsted_region", "ofsted_region", None, _values(OfstedRegion)),
    ("type", "type", None, _values(AuthorityType)),
    ("aliases", "aliases", None, None),
    ("abolished", "abolished", None, None),
    ("successors", "successors", None, None),
    ("neighbours", "neighbours", None, None),
]


def authority_downloads(timeline: Timeline, frameworks: Frameworks) -> dict[str, str]:
    """An authority's events as CSV and everything its page shows as JSON, by path in the docs."""
    columns = _event_columns(frameworks)
    return {download_path(timeline, "csv"): _csv(columns, _event_rows(timeline, columns)),
            download_path(timeline, "json"): _json({"authority": _plain(timeline.authority),
                                                    "events": [_event_json(e) for e in timeline.events]})}


def dataset_downloads(dataset: Dataset, charts: ChartCache) -> dict[str, str]:
    """The whole data set: its tables, one JSON file, the data package and the page that offers
    them, by path in the docs. Each authority's share of them is kept in ``charts`` by its
    timeline, so that after one authority's file changes, the files are put together from the
    others' kept shares and its own new one."""
    digests, frameworks = timeline_digests(dataset), dataset.frameworks
    shares = [charts.files("data-share", [digests[t.authority.slug], frameworks_digest(dataset)],
                           functools.partial(_share, t, frameworks), drawing=False)
              for t in dataset.timelines]
    package = _package(dataset)
    head = _json({"as_of": str(dataset.as_of), "coverage": dataset.coverage,
                  "currency": [_plain(c) for c in dataset.currency],
                  "ofsted_checked": str(dataset.ofsted_checked) if dataset.ofsted_checked else None,
                  "frameworks": _frameworks_json(frameworks),
                  "authorities": []})
    files = {
        "index.md": downloads_page(dataset, package),
        EVENTS_CSV: _csv(_event_columns(frameworks), []) + "".join(s[EVENTS_CSV] for s in shares),
        SOURCES_CSV: _csv(_SOURCE_COLUMNS, []) + "".join(s[SOURCES_CSV] for s in shares),
        FINDINGS_CSV: _csv(_FINDING_COLUMNS, []) + "".join(s[FINDINGS_CSV] for s in shares),
        AUTHORITIES_CSV: _csv(_AUTHORITY_COLUMNS, []) + "".join(s[AUTHORITIES_CSV] for s in shares),
        FRAMEWORKS_CSV: _csv(_FRAMEWORK_COLUMNS, _framework_rows(frameworks)),
        # The authorities, the last member, written into the empty list that ends the head.
        ALL_JSON: head.removesuffix("[]}\n") + "[" + ",".join(s[ALL_JSON] for s in shares) + "]}\n",
        PACKAGE: _json(package),
    }
    return {beside(DOWNLOADS_PAGE, name): text for name, text in files.items()}


def _share(timeline: Timeline, frameworks: Frameworks) -> dict[str, str]:
    """An authority's share of the whole data set's files: its rows of each table (with no header)
    and its entry in the JSON file."""
    columns = _event_columns(frameworks)
    return {EVENTS_CSV: _csv(columns, _event_rows(timeline, columns), header=False),
            SOURCES_CSV: _csv(_SOURCE_COLUMNS, _source_rows(timeline), header=False),
            FINDINGS_CSV: _csv(_FINDING_COLUMNS, _finding_rows(timeline), header=False),
            AUTHORITIES_CSV: _csv(_AUTHORITY_COLUMNS, [_authority_row(timeline.authority)], header=False),
            ALL_JSON: _json({**_plain(timeline.authority), "events": [_event_json(e) for e in timeline.events]},
                            end="")}


def downloads_page(dataset: Dataset, package: dict[str, Any]) -> str:
    """The page that offers the whole data set, file by file, with what each holds (from its package)."""
    rows = [[f"[{r['path']}]({r['path']})", md.text(r["description"]), str(len(r["schema"]["fields"]))]
            for r in package["resources"]]
    rows.append([f"[{ALL_JSON}]({ALL_JSON})", "Everything above in one file, events nested in their authorities, "
                 "with the quotations, findings and people the tables leave out.", ""])
    rows.append([f"[{PACKAGE}]({PACKAGE})", "The Frictionless data package: every file and field, its meaning and "
                 "allowed values.", ""])
    return "\n\n".join([
        md.front_matter("Download the data", "The whole data set of Inspection Timelines as CSV and JSON."),
        "# Download the data",
        f"The data behind every page, compiled on {dataset.as_of.display()}, as the site's own data files hold "
        "them: grades and kinds as the data files write them (`requires_improvement`), and dates as precise as "
        "the sources (`2019-03-04`, `2019-03`, `2019` or `unknown`). Each authority's page offers its own events "
        "as CSV and JSON too.",
        md.table(["File", "What it holds", "Fields"], rows),
        "Every fact has its sources in `sources.csv`. The data come from Ofsted's official statistics, used under "
        "the Open Government Licence v3.0, and from the other sources each event names.",
        md.text(NEUTRALISED),
    ]) + "\n"


def _event_rows(timeline: Timeline, columns: list[_Column]) -> Iterable[dict[str, str]]:
    fields = [field for _, field, _, _ in columns if field]
    for event in timeline.events:
        row = {field: _cell(getattr(event, field)) for field in fields}
        row["date"] = _date(event.date)
        row.update({area.value: grade.value for area, grade in event.judgements.items()})
        row["authority"] = timeline.authority.slug
        row["lead_inspector"] = LIST_SEPARATOR.join(p.name for p in event.people if p.role is Role.LEAD_INSPECTOR)
        row["report_url"] = next((s.url for s in event.sources if s.type is SourceType.REPORT and s.url), "")
        row["source_urls"] = LIST_SEPARATOR.join(s.url for s in event.sources if s.url)
        yield row


def _finding_rows(timeline: Timeline) -> Iterable[dict[str, str]]:
    for event in timeline.events:
        findings = event.findings
        sections = {"priority_action": [(t, "") for t in event.priority_actions or ()],
                    "strength": [(t, "") for t in (findings.strengths if findings else ())],
                    "to_improve": [(t, "") for t in (findings.to_improve if findings else ())],
                    "quote": [(q.text, q.by) for q in event.quotes]}
        for section in FINDING_SECTIONS:
            for number, (text, by) in enumerate(sections[section], 1):
                yield {"authority": timeline.authority.slug, "event_id": event.id, "section": section,
                       "number": str(number), "text": text, "by": by}


def _frameworks_json(frameworks: Frameworks) -> dict[str, Any]:
    """data/frameworks.yaml as the site reads it: each type of inspection with its versions."""
    return {
        "grades": [{"id": g.value, "label": g.label, "code": g.code, "tone": g.tone.value} for g in frameworks.grades],
        "scales": [{"id": s.value, "label": s.label, "grades": [g.value for g in s.grades]} for s in frameworks.scales],
        "areas": [{"id": a.value, "label": a.label, **({"covers": list(a.covers)} if a.covers else {})}
                  for a in frameworks.areas],
        "frameworks": [{"id": f.value, "label": f.label, "framework": f.framework, "versions": [
            {"label": v.label, **({"begins": str(v.begins)} if v.begins else {}), **({"ends": str(v.ends)} if v.ends else {}),
             **({"scale": v.scale.value} if v.scale else {}), "judgements": [a.value for a in v.areas]}
            for v in f.versions]} for f in frameworks.frameworks],
    }


def _framework_rows(frameworks: Frameworks) -> Iterable[dict[str, str]]:
    for framework in frameworks.frameworks:
        for version in framework.versions:
            yield {"framework": framework.value, "label": framework.label, "family": framework.framework,
                   "version": version.label, "begins": _cell(version.begins), "ends": _cell(version.ends),
                   "scale": LIST_SEPARATOR.join(g.value for g in version.scale.grades) if version.scale else "",
                   "judgements": LIST_SEPARATOR.join(a.value for a in version.areas)}


def _source_rows(timeline: Timeline) -> Iterable[dict[str, str]]:
    for event in timeline.events:
        for number, source in enumerate(event.sources, 1):
            row = {name: _cell(getattr(source, field)) for name, field, _, _ in _SOURCE_COLUMNS if field}
            yield {**row, "authority": timeline.authority.slug, "event_id": event.id, "number": str(number)}


def _authority_row(authority: Authority) -> dict[str, str]:
    return {name: _cell(getattr(authority, field)) for name, field, _, _ in _AUTHORITY_COLUMNS if field}


def _cell(value: Any) -> str:
    """A value as a CSV cell: empty when absent, lists joined, words as the data files write them."""
    if value is None:
        return ""
    if isinstance(value, tuple):
        return LIST_SEPARATOR.join(_cell(v) for v in value)
    if isinstance(value, (enum.Enum, Term)):
        return str(value.value)
    return str(value)


def _date(value: PartialDate | None) -> str:
    return str(value) if value is not None else "unknown"


def _event_json(event: Event) -> dict[str, Any]:
    return {**_plain(event), "date": _date(event.date)}


def _plain(value: Any) -> Any:
    """A model value as JSON: absent fields left out, words as the data files write them."""
    if isinstance(value, BaseModel):
        fields = {name: (_plain(getattr(value, name)), info) for name, info in type(value).model_fields.items()}
        # An empty list is left out only where empty is the default: "priority_actions: []" says
        # that the source found none, which is not the same as saying nothing.
        return {name: v for name, (v, info) in fields.items()
                if v is not None and not (v in ([], {}) and info.default is not None)}
    if isinstance(value, (enum.Enum, Term)):
        return value.value
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (tuple, list)):
        return [_plain(v) for v in value]
    if isinstance(value, PartialDate):
        return str(value)
    return value


#: What a cell may not begin with, or a spreadsheet would read it as a formula (OWASP, CSV injection).
_FORMULA_STARTS = frozenset("=+-@\t\r")
#: What the data package and the downloads page say of that: a reader of the CSV files must know it.
NEUTRALISED = ("A CSV cell that would begin with =, +, -, @, a tab or a carriage return begins with an "
               "apostrophe (') before it, so that a spreadsheet shows the text rather than running it as a formula "
               "(OWASP's advice on CSV injection); the JSON files hold every value exactly as written.")


def _csv(columns: list[_Column], rows: Iterable[dict[str, str]], header: bool = True) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, [name for name, _, _, _ in columns], lineterminator="\n")
    if header:
        writer.writeheader()
    writer.writerows({name: _inert(value) for name, value in row.items()} for row in rows)
    return out.getvalue()


def _inert(cell: str) -> str:
    """A cell as text to a spreadsheet (see ``NEUTRALISED``): free text from the data files (a note
    beginning '=HYPERLINK(...)' or '- a list') is never a formula in the downloads."""
    return "'" + cell if cell[:1] in _FORMULA_STARTS else cell


def _json(value: Any, end: str = "\n") -> str:
    """JSON without indentation: Python's encoder is written in C only for that, and the indented
    files took a fifth of the generator's time for no reader (browsers and tools lay JSON out)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) + end


# ---------------------------------------------------------------------------------------------
# The data package (https://datapackage.org): what each file and field holds


def _package(dataset: Dataset) -> dict[str, Any]:
    return {
        "name": "inspection-timelines",
        "title": "Inspection Timelines: Ofsted inspections of English local authorities' children's services",
        "description": (f"Every authority, event and source in the data set, compiled on {dataset.as_of.display()}. "
                        f"{dataset.coverage} Dates are as precise as the sources: YYYY-MM-DD, YYYY-MM or YYYY, "
                        "or 'unknown'. Ofsted's data are used under the Open Government Licence v3.0; the "
                        "community scrape of Ofsted's reports is published under the MIT licence; news and council "
                        f"papers are cited, not copied. {NEUTRALISED}"),
        "version": str(dataset.as_of),
        "licenses": [{"name": "OGL-UK-3.0", "title": "Open Government Licence v3.0",
                      "path": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"}],
        "resources": [
            _resource("authorities", AUTHORITIES_CSV, "Every authority with a page, as the register lists it.",
                      _AUTHORITY_COLUMNS, Authority, ["slug"], []),
            _resource("events", EVENTS_CSV, "Every event: inspections, visits, DfE intervention and the rest.",
                      _event_columns(dataset.frameworks), Event, ["authority", "id"],
                      [(["authority"], "authorities", ["slug"])]),
            _resource("sources", SOURCES_CSV, "Every source of every event, in the order the pages list them.",
                      _SOURCE_COLUMNS, Source, ["authority", "event_id", "number"],
                      [(["authority", "event_id"], "events", ["authority", "id"])]),
            _resource("findings", FINDINGS_CSV, "What each inspection or visit found, as its report or letter says: "
                      "areas for priority action, strengths, what needs to improve and short quotations.",
                      _FINDING_COLUMNS, None, ["authority", "event_id", "section", "number"],
                      [(["authority", "event_id"], "events", ["authority", "id"])]),
            _resource("frameworks", FRAMEWORKS_CSV, "Each type of inspection and each version of its framework: "
                      "when it applied, the scale of its grades and the judgements it made (data/frameworks.yaml).",
                      _FRAMEWORK_COLUMNS, None, ["framework", "version"], []),
        ],
    }


def _resource(name: str, path: str, description: str, columns: list[_Column], model: type[BaseModel] | None,
              key: list[str], references: list[tuple[list[str], str, list[str]]]) -> dict[str, Any]:
    fields = []
    for column, field, described, vocabulary in columns:
        info = model.model_fields.get(field) if field and model else None
        text = described or (info.description if info and info.description else "")
        if field and info is not None and _is_list(info.annotation):
            text += f" (separated by '{LIST_SEPARATOR}')"
        spec: dict[str, Any] = {"name": column, "type": "integer" if column == "number" else "string",
                                "description": text}
        constraints: dict[str, Any] = {}
        if column in key or (info is not None and info.is_required()):
            constraints["required"] = True
        if vocabulary is not None:
            constraints["enum"] = vocabulary
        if constraints:
            spec["constraints"] = constraints
        fields.append(spec)
    schema: dict[str, Any] = {"fields": fields, "primaryKey": key, "missingValues": [""]}
    if references:
        schema["foreignKeys"] = [{"fields": own, "reference": {"resource": target, "fields": theirs}}
                                 for own, target, theirs in references]
    return {"name": name, "path": path, "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "description": description, "schema": schema}


def _is_list(annotation: Any) -> bool:
    return typing.get_origin(annotation) is tuple
