"""Read the tables of Ofsted's ODS releases, with the address behind each row's "Web link".

pandas (with the calamine engine, about a second for all four releases) reads the cell values.
It cannot see hyperlinks, and Ofsted's "Web link" cells hold the address of the authority's
Ofsted page only as a link (a ``HYPERLINK`` formula or a ``text:a`` element), so those
addresses are read from the sheet's XML in a single streaming pass. A sheet may hold more than
one table (the 2009-2023 table has a second one for abolished authorities): each table starts at
a row whose first cell is its header, ``Web link``.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from generator.importer import ImportFailed

FIRST_HEADER = "Web link"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_XLINK = "http://www.w3.org/1999/xlink"
_HYPERLINK = re.compile(r'HYPERLINK\(\s*"([^"]+)"')


class SheetError(ImportFailed):
    """A release file is not laid out as the importer expects."""


@dataclass(frozen=True)
class Row:
    """One row of a table: its cells by header (blank cells absent), its link, its row number."""

    number: int  # 1-based, as a spreadsheet shows it
    cells: dict[str, Any]
    link: str | None

    def text(self, header: str) -> str | None:
        """A cell as trimmed text, or None when blank."""
        value = self.cells.get(header)
        if value is None:
            return None
        text = " ".join(str(value).split())
        return text or None


def read_tables(path: Path, sheet: str) -> list[list[Row]]:
    """Every table in ``sheet``: its rows below the header, with the link of each row."""
    try:
        frame = pd.read_excel(path, sheet_name=sheet, header=None, engine="calamine", dtype=object)
    except ValueError as error:
        raise SheetError(f"{path.name}: no sheet '{sheet}' ({error})") from error
    links = _row_links(path, sheet)
    grid = frame.astype(object).where(frame.notna(), None).values.tolist()
    starts = [i for i, cells in enumerate(grid) if _clean(cells[0]) == FIRST_HEADER]
    if not starts:
        raise SheetError(f"{path.name}, sheet '{sheet}': no header row starting with '{FIRST_HEADER}'")
    tables = []
    for start, stop in zip(starts, starts[1:] + [len(grid)]):
        headers = [_clean(h) for h in grid[start]]
        rows = []
        for i in range(start + 1, stop):
            cells = {h: v for h, v in zip(headers, grid[i]) if h and v is not None and _clean(v) != ""}
            if _clean(grid[i][0]) == "":  # the blank rows and the caption between two tables
                continue
            rows.append(Row(i + 1, cells, links.get(i)))
        tables.append(rows)
    return tables


def _clean(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else ""


def _row_links(path: Path, sheet: str) -> dict[int, str]:
    """The address linked from the first cell of each row of ``sheet``, by 0-based row index."""
    links: dict[int, str] = {}
    row = 0
    in_sheet = False
    with zipfile.ZipFile(path) as archive, archive.open("content.xml") as content:
        for event, element in ET.iterparse(content, events=("start", "end")):
            tag = element.tag
            if tag == f"{{{_TABLE}}}table":
                if event == "start":
                    in_sheet, row = element.get(f"{{{_TABLE}}}name") == sheet, 0
                elif in_sheet:
                    break
                continue
            if event != "end" or tag != f"{{{_TABLE}}}table-row":
                continue
            if in_sheet:
                first = element.find(f"{{{_TABLE}}}table-cell")
                link = _link_of(first) if first is not None else None
                if link:
                    links[row] = link
                row += int(element.get(f"{{{_TABLE}}}number-rows-repeated", "1"))
            element.clear()
    return links


def _link_of(cell: ET.Element) -> str | None:
    formula = cell.get(f"{{{_TABLE}}}formula") or ""
    if match := _HYPERLINK.search(formula.replace("&quot;", '"')):
        return match.group(1)
    anchor = cell.find(f".//{{{_TEXT}}}a")
    return anchor.get(f"{{{_XLINK}}}href") if anchor is not None else None
