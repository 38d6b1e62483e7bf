"""The box every page opens with: what the data hold, when they were last checked against Ofsted's
report site, and how far each body of sources reaches.

Sources stop at different dates (Ofsted's official statistics at their last release, a scrape
of its report site later, the DfE's intervention table earlier), so a reader must see each
date to tell a gap in the sources from a time without inspections.
"""

from __future__ import annotations

from generator.model import Dataset
from generator.render import raw_html as h

TITLE = "What these data hold"


def data_box(dataset: Dataset, folded: bool = False) -> str:
    """The call-out: coverage, each source's reach, and the date the data were compiled. It is on
    every page, so it is written in HTML, which MkDocs passes through (``raw_html``). ``folded``,
    it is a block the reader opens: an authority page answers first and gives its caveats after."""
    parts = [h.paragraph(h.text(dataset.coverage))]
    if dataset.ofsted_checked is not None:
        parts.append(h.paragraph(f"<strong>Last checked against Ofsted's report site on "
                                 f"{dataset.ofsted_checked.display()}</strong>: every current authority's list of "
                                 "publications was read then, and what was new added."))
    else:
        parts.append(h.paragraph("These data have not been checked against Ofsted's report site: what it published "
                                 "after the dates below is not here."))
    if dataset.currency:
        parts.append(h.paragraph("How far each body of sources reaches; nothing after these dates can be in them:"))
        parts.append(h.listing([f"<strong>{h.text(reach.source)}</strong>: to {reach.runs_to.display()}."
                                + (f" {h.text(reach.note)}" if reach.note else "") for reach in dataset.currency]))
    else:
        parts.append(h.paragraph("No date is recorded for how far each body of sources reaches."))
    parts.append(h.paragraph(f"These data were compiled on {dataset.as_of.display()}."))
    return (h.details if folded else h.admonition)("warning", TITLE, "\n".join(parts))
