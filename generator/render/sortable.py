"""Tables a reader can sort and filter, and that read fully without JavaScript.

The table stays ordinary Markdown. A cell that sorts or filters by something other than its
words carries the value in HTML's own elements: ``<data value>`` for a category in its order (a
region, a grade), ``<time datetime>`` for a date. The site's script (docs/javascripts/tables.js)
sorts every column, using those values where a cell has one, and offers a filter for each column
of categories and a range of years for each column of dates.
"""

from __future__ import annotations

from generator.model import PartialDate

#: The class of the block around a table the script enhances.
SORTABLE = "it-sortable"


def category(order: int, shown: str) -> str:
    """A cell's category, sorting by ``order``; ``shown`` is already Markdown (escaped text, a badge)."""
    return f'<data value="{order:02d}">{shown}</data>'


def date(value: PartialDate | None, shown: str) -> str:
    """A cell's date, as precise as the data (``2019``, ``2019-06`` or ``2019-06-04``); a cell with
    no date is left as it is, and sorts before every dated one."""
    return f'<time datetime="{value}">{shown}</time>' if value else shown


def sortable(table: str) -> str:
    """A Markdown table marked for the script (the md_in_html extension keeps its contents Markdown)."""
    return f'<div class="{SORTABLE}" markdown>\n\n{table}\n\n</div>'
