"""Who is who: every authority the sources name, resolved to one identity over time.

The DfE's three-digit code is the identity: it survives the ONS recodings (Barnsley, Sheffield,
Buckinghamshire, North Yorkshire, Somerset kept their DfE codes when their ONS codes changed)
and it separates the old Dorset County Council (835) from today's Dorset Council (838). The
DfE workforce indicators list every code with its ONS codes and names year by year; Ofsted's
current table gives its names and regions; the Data to Insight lookup adds Ofsted URNs and the
names readers use. Rows of the releases are resolved by their ONS code or name; their links are
checked against the authority, because some lead to another authority's page.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from generator.importer import ImportFailed
from generator.importer.csvfile import read_csv
from generator.importer.report import Report
from generator.importer.sheets import Row
from generator.model import Authority, AuthorityType, OfstedRegion, Region

_REGIONS = {r.label.casefold(): r for r in Region} | {
    "inner london": Region.LONDON, "outer london": Region.LONDON,
    "yorkshire and the humber": Region.YORKSHIRE, "east of england": Region.EAST,
}
_OFSTED_REGIONS = {r.label.casefold(): r for r in OfstedRegion}
#: Ofsted's regions are the ONS regions with North East and Yorkshire and the Humber merged.
_OFSTED_OF_ONS = {Region.NORTH_EAST: OfstedRegion.NORTH_EAST_YORKSHIRE,
                  Region.YORKSHIRE: OfstedRegion.NORTH_EAST_YORKSHIRE} | {
    r: _OFSTED_REGIONS[r.label.casefold()] for r in Region if r.label.casefold() in _OFSTED_REGIONS}
#: The type an ONS code's prefix stands for (E06 unitary, E08 metropolitan, E09 London, E10 county).
_TYPES = {"E06": AuthorityType.UNITARY, "E08": AuthorityType.METROPOLITAN,
          "E09": AuthorityType.LONDON_BOROUGH, "E10": AuthorityType.COUNTY}
_PROVIDER = re.compile(r"/provider/44/([0-9]+)$")


def name_key(name: str) -> str:
    """A name reduced to what tells authorities apart: case, '&', 'City of', punctuation dropped."""
    text = name.casefold().replace("&", " and ")
    text = re.sub(r"\bcity of\b|\bcouncil\b|\bborough\b", " ", text)
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def slug_of(name: str) -> str:
    return "-".join(re.sub(r"[^a-z0-9]+", " ", name.casefold().replace("&", "and")).split())


@dataclass
class Identity:
    """One authority as the sources describe it."""

    dfe_code: str
    name: str
    ons_codes: list[str]  # oldest first; the last is the current (or last) code
    region: Region
    ofsted_region: OfstedRegion
    current: bool  # in Ofsted's table of the 153 authorities as at 31 March 2025
    urn: str | None = None
    aliases: set[str] = field(default_factory=set)
    neighbours: list[str] = field(default_factory=list)  # DfE codes, closest first

    @property
    def ons_code(self) -> str:
        return self.ons_codes[-1]

    @property
    def type(self) -> AuthorityType:
        return _TYPES[self.ons_code[:3]]


def identity_of(authority: Authority) -> Identity | None:
    """A register's authority as the readers know authorities (by DfE code, URN, ONS codes and
    names), or None when the register lacks a code or region for it."""
    if not (authority.dfe_code and authority.ons_code and authority.ofsted_region):
        return None
    return Identity(authority.dfe_code, authority.name, [*authority.former_ons_codes, authority.ons_code],
                    authority.region, authority.ofsted_region, authority.abolished is None, authority.ofsted_urn,
                    set(authority.aliases))


class Authorities:
    """Every authority with its identity, and the lookups that resolve a release's row to one."""

    def __init__(self, identities: list[Identity]) -> None:
        self.all = sorted(identities, key=lambda i: i.dfe_code)
        self.by_dfe = {i.dfe_code: i for i in identities}
        self.by_urn = {i.urn: i for i in identities if i.urn}
        self.by_ons = {code: i for i in identities for code in i.ons_codes}
        names: dict[str, list[Identity]] = defaultdict(list)
        for identity in identities:
            for name in {identity.name, *identity.aliases}:
                if identity not in names[name_key(name)]:
                    names[name_key(name)].append(identity)
        self._names = names

    def by_name(self, name: str, *, former: bool = False) -> Identity | None:
        """The authority a name means; where a former and a current authority share it (Dorset),
        the former one when ``former``, else the current one."""
        found = self._names.get(name_key(name), [])
        if len(found) > 1:
            found = [i for i in found if i.current != former]
        return found[0] if len(found) == 1 else None

    def resolve(self, row: Row, report: Report, where: str, *, former: bool = False) -> Identity | None:
        """The authority of a release's row: by its ONS code, its name, or (failing both) its link.

        The link comes last because some rows carry a neighbouring row's link (45 rows of the 2021-22
        visits sheet lead to the page of the authority beside them in the alphabet).
        """
        code = row.text("Local authority area code")
        name = row.text("Local authority name")
        found = None
        if code and not former:
            found = self.by_ons.get(code)
        if found is None and name:
            found = self.by_name(name, former=former)
        if found is None:
            found = self._by_link(row.link)
            if found is not None and former and found.current:
                found = None
            if found is not None:  # links of some sheets are shifted: an editor should check it
                report.unused(f"{where}, row {row.number}", f"name {name!r} matches no authority; placed on "
                                                            f"{found.name} by its link alone")
        if found is None:
            report.skip(f"{where}, row {row.number}", f"no authority matches name {name!r}, code {code!r}, link {row.link!r}")
        return found

    def link_of(self, row: Row, identity: Identity, report: Report, where: str) -> str | None:
        """The row's link, unless it leads to another authority's Ofsted page (then reported). A link
        to a successor's page (Cumbria's rows to Cumberland's) is left out too: it is not this
        authority's page, and the source then links to the release file instead."""
        other = self._by_link(row.link)
        if other is not None and other is not identity:
            report.unused(f"{where}, row {row.number}",
                          f"{identity.name}: the link {row.link} is {other.name}'s Ofsted page; left out")
            return None
        return row.link

    def _by_link(self, link: str | None) -> Identity | None:
        """The authority whose Ofsted page a link is: by DfE code (three digits) or Ofsted URN."""
        found = _PROVIDER.search(link or "")
        if found is None:
            return None
        number = found.group(1)
        return self.by_dfe.get(number) if len(number) == 3 else self.by_urn.get(number)


def other_names(cell: str, name: str) -> list[str]:
    """The lookup's list of other names, "[BCP, Bournemouth, Christchurch & Poole]". Its commas
    also fall inside names: pieces that together make the authority's own name are dropped."""
    pieces = [p.strip() for p in cell.strip("[]").split(",")]
    for start in range(len(pieces)):
        for stop in range(start + 2, len(pieces) + 1):
            if name_key(", ".join(pieces[start:stop])) == name_key(name):
                return pieces[:start] + pieces[stop:]
    return pieces


def load_authorities(current_rows: list[Row], workforce: Path, lookup: Path, neighbours: Path) -> Authorities:
    """Build every identity from Ofsted's current table, the DfE code list, the lookup and the
    DfE statistical neighbours model."""
    years = read_csv(workforce, ("time_period", "geographic_level", "old_la_code", "new_la_code", "la_name",
                                 "region_name"))
    years = years[(years.geographic_level == "Local authority") & years.old_la_code.notna()]
    # Authorities that report jointly share a row ("314 / 318", "E09000021 / E09000027", "A / B").
    for column in ("old_la_code", "new_la_code", "la_name"):
        years[column] = years[column].str.split(" / ")
    years = years.explode(["old_la_code", "new_la_code", "la_name"]).sort_values(["time_period", "old_la_code"])
    identities: dict[str, Identity] = {}
    for code, rows in years.groupby("old_la_code", sort=True):
        ons_codes = list(dict.fromkeys(rows.new_la_code))
        last = rows.iloc[-1]
        region = _REGIONS[last.region_name.casefold()]
        identities[str(code)] = Identity(str(code), last.la_name, ons_codes, region, _OFSTED_OF_ONS[region],
                                         current=False, aliases=set(rows.la_name))
    by_ons = {code: identity for identity in identities.values() for code in identity.ons_codes}
    for row in current_rows:
        # By ONS code: some of the table's links point at another authority's page.
        identity = by_ons.get(row.text("Local authority area code") or "")
        if identity is None:
            raise ImportFailed(f"row {row.number} of Ofsted's current table has an ONS code the DfE list lacks")
        name = row.text("Local authority name") or identity.name
        identity.aliases.add(name)
        if "&" not in name:  # names reach page titles; the DfE's list writes "and" for Ofsted's "&"
            identity.name = name
        identity.current = True
        ofsted_region = row.text("Ofsted region")
        if ofsted_region:
            identity.ofsted_region = _OFSTED_REGIONS[ofsted_region.casefold()]
    table = read_csv(lookup, ("la_code", "urn", "local_authority_ons_name", "also_known_as"))
    for entry in table.itertuples():
        identity = identities.get(str(entry.la_code))
        if identity is None:
            continue
        identity.urn = str(entry.urn)
        identity.aliases.add(str(entry.local_authority_ons_name))
        if isinstance(entry.also_known_as, str):
            identity.aliases.update(other_names(entry.also_known_as, identity.name))
    model = read_csv(neighbours, ("old_la_code", *(f"SN_{n}" for n in range(1, 11))))
    for entry in model.itertuples():
        identity = identities.get(str(entry.old_la_code))
        if identity is not None:
            identity.neighbours = [str(getattr(entry, f"SN_{n}")) for n in range(1, 11)
                                   if isinstance(getattr(entry, f"SN_{n}"), str)]
    # An alias that is another authority's name (the lookup calls BCP "Bournemouth") would send
    # readers searching for that authority to the wrong page.
    names = {name_key(i.name) for i in identities.values()}
    for identity in identities.values():
        identity.aliases = {a for a in identity.aliases if a and name_key(a) != name_key(identity.name)
                            and name_key(a) not in names}
    return Authorities(list(identities.values()))
