"""The box every page opens with: what the data hold, and how far each body of sources reaches.

Sources stop at different dates (Ofsted's official statistics at their last release, a scrape
of its report site later, the DfE's intervention table earlier), so a reader must see each
date to tell a gap in the sources from a time without inspections.
"""

from __future__ import annotations

from generator.model import Dataset
from generator.render import markdown as md

TITLE = "What these data hold"


def data_box(dataset: Dataset) -> str:
    """The admonition: coverage, each source's reach, and the date the data were compiled."""
    parts = [md.text(dataset.coverage)]
    if dataset.currency:
        lines = []
        for reach in dataset.currency:
            line = f"- **{md.text(reach.source)}**: to {reach.runs_to.display()}."
            if reach.note:
                line += f" {md.text(reach.note)}"
            lines.append(line)
        parts.append("How far each body of sources reaches; nothing after these dates can be in them:\n\n"
                     + "\n".join(lines))
    else:
        parts.append("No date is recorded for how far each body of sources reaches.")
    parts.append(f"These data were compiled on {dataset.as_of.display()}.")
    return f'!!! warning "{TITLE}"\n\n' + md.indent("\n\n".join(parts))
