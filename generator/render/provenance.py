"""Where an imported event came from, in the reader's words.

Events read from the community scrape of Ofsted's report site postdate Ofsted's last official
release: a reader must be able to tell them from the official statistics wherever they appear.
"""

from __future__ import annotations

from generator.model import (
    FETCH_ORIGIN,
    INTERVENTIONS_ORIGIN,
    LETTERS_ORIGIN,
    OFFICIAL_ORIGIN,
    REPORTS_ORIGIN,
    SCRAPE_ORIGIN,
    Event,
)

#: The bodies of sources each importer reads, as a reader would name them.
_IMPORTED_FROM = {OFFICIAL_ORIGIN: " from Ofsted's official statistics",
                  INTERVENTIONS_ORIGIN: " from a curated table of DfE interventions",
                  LETTERS_ORIGIN: " from Ofsted's published letter on the visit",
                  REPORTS_ORIGIN: " from Ofsted's published report of the inspection, read from its PDF",
                  FETCH_ORIGIN: " from Ofsted's report site, where the publication was found and read"}
SCRAPE_NOTE = "From a community scrape of Ofsted's published reports; not yet in Ofsted's official statistics."


def is_scraped(event: Event) -> bool:
    """Whether the event comes from the community scrape rather than an official release."""
    return event.origin == SCRAPE_ORIGIN


def origin_note(event: Event) -> str:
    """A sentence saying where the event's data came from and who corrected them."""
    if event.origin == "hand":
        text = "Entered by the site's editors from the sources above."
    elif is_scraped(event):
        text = SCRAPE_NOTE
    else:
        text = f"Imported{_IMPORTED_FROM.get(event.origin, '')} (see the sources above)."
    if event.corrected:
        text += " Corrected by an editor: " + "; ".join(f"{c.field}: {c.reason}" for c in event.corrected)
    return text
