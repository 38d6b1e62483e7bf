"""Tables a reader can sort and filter, and that read fully without JavaScript.

The table is HTML (as the tables extension would write it, so that the theme styles it alike):
it is the bulk of the pages it is on, and Python-Markdown passes a block of HTML through, where a
Markdown table of hundreds of rows is most of a page's conversion. A cell that sorts or filters by
something other than its words carries the value in HTML's own elements: ``<data value>`` for a
category in its order (a region, a grade), ``<time datetime>`` for a date. The site's script
(docs/javascripts/tables.js) sorts every column, using those values where a cell has one, and offers
a filter for each column of categories and a range of years for each column of dates.
"""

from __future__ import annotations

from generator.model import PartialDate
from generator.render import raw_html

#: The class of the block around a table the script enhances.
SORTABLE = "it-sortable"


def category(order: int, shown: str) -> str:
    """A cell's category, sorting by ``order``; ``shown`` is HTML already (escaped text, a badge)."""
    return f'<data value="{order:02d}">{shown}</data>'


def date(value: PartialDate | None, shown: str) -> str:
    """A cell's date, as precise as the data (``2019``, ``2019-06`` or ``2019-06-04``); a cell with
    no date is left as it is, and sorts before every dated one."""
    return f'<time datetime="{value}">{shown}</time>' if value else shown


def sortable(header: list[str], rows: list[list[str]]) -> str:
    """A table marked for the script, from cells that are HTML already."""
    return f'<div class="{SORTABLE}">\n{raw_html.table(header, rows)}\n</div>'
