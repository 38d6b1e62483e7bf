"""What a reader needs to rely on an authority page, and to say when it is wrong: a citation
(title, address and the date of the data) and a link to the repository's correction form.

The citation's dates come from the data (the data set's as-of date and the authority file's
``updated``), never from the clock, so the same data give the same page.
"""

from __future__ import annotations

from urllib.parse import urlencode

from generator.model import Dataset, Timeline
from generator.render import raw_html
from generator.render.feeds import SITE
from generator.render.paths import ABOUT_PAGE, page_path, page_url, relative
from generator.site_config import SiteSettings

#: The issue form in .github/ISSUE_TEMPLATE/, and the ids of the fields the link fills in.
CORRECTION_FORM = "correction.yml"
FORM_FIELDS = ("page", "authority")


def correction_url(repository: str, timeline: Timeline, address: str) -> str:
    """The repository's correction form with the page and the authority already filled in."""
    query = {"template": CORRECTION_FORM, "title": f"Correction: {timeline.authority.name}",
             FORM_FIELDS[0]: address, FORM_FIELDS[1]: timeline.authority.name}
    return f"{repository}/issues/new?{urlencode(query)}"


def trust_sections(timeline: Timeline, dataset: Dataset, settings: SiteSettings) -> str:
    """The page's "Cite this page" and "Report an error" sections."""
    name = raw_html.text(timeline.authority.name)
    address = settings.site_url + page_url(page_path(timeline))
    about = relative(page_path(timeline), ABOUT_PAGE)
    changed = ("" if timeline.updated == dataset.as_of
               else f" (data for {name} last changed on {timeline.updated.display()})")
    citation = (f"{raw_html.text(SITE)}, “{name}: Ofsted inspections of children's services”, "
                f"{raw_html.link(address, address)}, data compiled on {dataset.as_of.display()}{changed}.")
    return "\n\n".join([
        "## Cite this page {#cite data-search-exclude}",
        "Please cite the page with the date of its data, and the original sources for the facts you use: "
        "each event lists them.",
        f'<div class="it-citation">{raw_html.paragraph(citation)}</div>',
        "## Report an error {#report-error data-search-exclude}",
        f"Something wrong or missing? [Report an error]({raw_html.url(correction_url(settings.repository, timeline, address))}) "
        "on GitHub (it needs a free GitHub account): the form asks what is wrong and for a published source "
        "that shows the correct fact. "
        f"[About this site]({about}) says how the data are gathered and checked, and whom the site names.",
    ])
