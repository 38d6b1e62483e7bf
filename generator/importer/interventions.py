"""The curated table of DfE intervention: one observation per row, with the row's own source.

The table is the authority for intervention facts. Its dates are as precise as its sources (a
day, a month, a year, or none); an undated row stays undated. Rows whose sources conflict say
``CONFLICT`` in their notes and are kept as separate events, each with its own source, so a
page shows them side by side.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from generator.importer.authorities import Authorities
from generator.importer.csvfile import read_csv
from generator.importer.observations import Observation
from generator.importer.report import Report
from generator.model import INTERVENTIONS_ORIGIN, InterventionAction, Kind, Role

#: How each source of an imported intervention begins its note, which tells it from an editor's.
TABLE_NOTE = "Listed in the project's curated table of DfE interventions"
#: The columns read, each of which the file must have.
COLUMNS = ("local_authority", "ons_code", "event", "date", "person", "detail", "source_title", "source_publisher",
           "source_url", "source_date", "notes")
_LEADING_DATE = re.compile(r"[0-9]{4}(-[0-9]{2}){0,2}(?![0-9])")
_ROLES = {InterventionAction.COMMISSIONER_APPOINTED: Role.COMMISSIONER,
          InterventionAction.COMMISSIONER_REPORT: Role.COMMISSIONER,
          InterventionAction.ADVISER_APPOINTED: Role.ADVISER}


def read_interventions(path: Path, authorities: Authorities, report: Report) -> Iterator[Observation]:
    where = path.name
    table = read_csv(path, COLUMNS, keep_default_na=False)
    actions = {a.value: a for a in InterventionAction}
    for number, entry in enumerate(table.itertuples(index=False), start=2):
        identity = authorities.by_ons.get(entry.ons_code) or authorities.by_name(entry.local_authority)
        if identity is None:
            report.skip(f"{where}, row {number}", f"no authority has ONS code {entry.ons_code!r} ({entry.local_authority})")
            continue
        action = actions.get(entry.event)
        if action is None:
            report.skip(f"{where}, row {number}", f"{identity.name}: event {entry.event!r} is not in the vocabulary")
            continue
        date = entry.date.strip() or None
        source = {"title": entry.source_title, "publisher": entry.source_publisher}
        note = TABLE_NOTE + " ({where})."
        dated = _LEADING_DATE.match(entry.source_date.strip())
        if dated:
            source["date"] = dated.group(0)
        if entry.source_date.strip() != (dated.group(0) if dated else ""):
            note += f" The table gives the source's date as {entry.source_date.strip()!r}."
        if entry.source_url.startswith(("http://", "https://")):
            source["url"] = entry.source_url
        source["note"] = note
        observation = Observation(identity.dfe_code, Kind.INTERVENTION, source, f"{where}, row {number}", date=date,
                                  action=action, summary=entry.detail.strip() or None,
                                  origin=INTERVENTIONS_ORIGIN)
        if entry.notes.strip():  # the curator's words, which readers should know are not the site's
            observation.notes.append(f"The curated table notes: {entry.notes.strip()}")
        role = _ROLES.get(action, Role.OTHER)
        for name in filter(None, (n.strip() for n in entry.person.split(";"))):
            observation.people.append({"name": name, "role": role.value})
        yield observation
