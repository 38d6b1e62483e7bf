"""Read a CSV source file whole, or say in one line why it cannot be read.

The scrape, the interventions table and the DfE's lists are other people's files, edited by hand
or by other programs: a file saved in another encoding, a quote left open, a row with more cells
than the header or a renamed column must stop the import with the file's name and what is wrong
(``ImportFailed``, exit status 2), before any of its rows is used, not as a traceback from pandas
or an ``AttributeError`` on the first row.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from generator.importer import ImportFailed
from generator.load import NotUtf8, utf8_text

#: How pandas' C parser begins its messages; the rest of the message says what and where.
_PARSER_PREFIX = "Error tokenizing data. C error: "


def read_csv(path: Path, columns: Sequence[str], **options: Any) -> pd.DataFrame:
    """The table in ``path`` (UTF-8, a byte-order mark allowed), cells as text, with only
    ``columns``, each of which it must have; ``options`` go to ``pandas.read_csv``."""
    try:
        text = utf8_text(path.read_bytes())
    except NotUtf8 as error:
        raise ImportFailed(f"{path}: {error}; the importer reads CSV files saved as UTF-8") from None
    try:
        table = pd.read_csv(io.StringIO(text), dtype=str, **options)
    except pd.errors.EmptyDataError:
        raise ImportFailed(f"{path}: the file is empty; the importer needs its header row and rows") from None
    except pd.errors.ParserError as error:
        detail = str(error).strip().removeprefix(_PARSER_PREFIX)
        raise ImportFailed(f"{path}: not a well-formed CSV table: {detail}") from None
    missing = [column for column in columns if column not in table.columns]
    if missing:
        raise ImportFailed(f"{path}: no column {', '.join(missing)} in the header row; the importer reads "
                           f"{', '.join(columns)}")
    return table[list(columns)]
