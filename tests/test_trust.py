"""What lets a reader rely on a page and correct it: "Cite this page", "Report an error" with the
repository's issue form, and the About page."""

from __future__ import annotations

import dataclasses
import json
from urllib.parse import parse_qs, urlsplit

import pytest
from ruamel.yaml import YAML

from generator.build import Project
from generator.model import Dataset, PartialDate
from generator.render.trust import CORRECTION_FORM, FORM_FIELDS, trust_sections
from generator.site_config import SiteSettings, read_settings
from tests import factories
from tests.conftest import ROOT, html

FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / CORRECTION_FORM


# A current authority and a former one whose data changed on the as-of date (the last import read
# Ofsted's reports into every file); one whose data changed before is made below.
@pytest.mark.parametrize(("slug", "own_date"), [("kingston-upon-hull", None), ("dorset-county-council", None)])
def test_cite_this_page_gives_title_address_and_the_date_of_the_data(built: Project, dataset: Dataset,
                                                                      slug: str, own_date: str | None) -> None:
    timeline = dataset.timeline(slug)
    settings = read_settings(built.config)
    page = html(built, f"authorities/{slug}")
    citation = page.select_one("h2#cite ~ .it-citation")
    text = " ".join(citation.get_text().split())
    address = f"{settings.site_url}authorities/{slug}/"
    assert (timeline.updated == dataset.as_of) is (own_date is None)  # one date, given once
    changed = f" (data for {timeline.authority.name} last changed on {own_date})" if own_date else ""
    assert text == (f"Inspection Timelines, “{timeline.authority.name}: Ofsted inspections of children's services”, "
                    f"{address}, data compiled on {dataset.as_of.display()}{changed}.")
    assert citation.a["href"] == address
    assert page.find("link", rel="canonical")["href"] == address  # the address cited is the page's own


def test_a_citation_gives_the_authoritys_own_date_when_its_data_changed_earlier() -> None:
    earlier = dataclasses.replace(factories.timeline(factories.authority("testshire", name="Testshire")),
                                  updated=PartialDate(2026, 3, 9))
    page = factories.html("---\ntitle: t\n---\n" + trust_sections(
        earlier, factories.dataset(earlier), SiteSettings("https://example.org/", "https://github.com/o/r", {})))
    assert factories.words(page.select_one(".it-citation")) == (
        "Inspection Timelines, “Testshire: Ofsted inspections of children's services”, "
        "https://example.org/authorities/testshire/, data compiled on 23 November 2026 (data for Testshire last "
        "changed on 9 March 2026).")


def test_report_an_error_opens_the_issue_form_filled_in_for_the_page(built: Project, dataset: Dataset) -> None:
    settings = read_settings(built.config)
    page = html(built, "authorities/trafford")
    link = page.find("h2", id="report-error").find_next("a", string="Report an error")
    url = urlsplit(link["href"])
    assert f"{url.scheme}://{url.netloc}{url.path}" == f"{settings.repository}/issues/new"
    query = {key: values[0] for key, values in parse_qs(url.query).items()}
    assert query == {"template": CORRECTION_FORM, "title": "Correction: Trafford",
                     "page": f"{settings.site_url}authorities/trafford/", "authority": "Trafford"}
    form = YAML(typ="safe", pure=True).load(FORM.read_text("utf-8"))
    ids = {field.get("id"): field for field in form["body"]}
    assert set(FORM_FIELDS) <= set(ids), "the page fills in fields the form does not have"
    assert ids["source"]["validations"]["required"] is True  # a correction needs a source
    assert ids["what"]["validations"]["required"] is True
    assert form["name"] == "Report an error" and form["description"]


def test_about_page_says_what_the_site_is_and_names_its_licences(built: Project) -> None:
    page = html(built, "about")
    headings = [h.get_text().rstrip("¶") for h in page.select("article h2")]
    assert headings == ["Independent and unofficial", "How the data are gathered", "Corrections",
                        "Licences and attribution", "Whom the site names, and why"]
    text = " ".join(page.find("article").get_text(" ").split())
    assert "not a publication of Ofsted" in text
    assert "Contains Parliamentary information licensed under the Open Parliament Licence v3.0" in text
    hrefs = {a["href"] for a in page.select("article a")}
    assert "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/" in hrefs
    assert "https://www.parliament.uk/site-information/copyright-parliament/open-parliament-licence/" in hrefs
    assert {"../map/", "../downloads/", "../editing/"} <= hrefs
    # Every authority page leads here, and the navigation does too.
    assert html(built, "authorities/trafford").find("h2", id="report-error").find_next("a", string="About this site")
    assert any(a.get_text(strip=True) == "About" for a in page.select("nav.md-nav--primary a"))


def test_the_same_words_on_every_page_stay_out_of_the_search_index(built: Project) -> None:
    """Citation and correction text repeat on every authority page, and the map's table repeats the
    national one; tables repeat the events, neighbours are other authorities' pages, and sources
    are long titles and addresses: indexed, they would only bloat the index and crowd the results."""
    index = json.loads((built.build / "site" / "search" / "search_index.json").read_text("utf-8"))
    locations = {doc["location"] for doc in index["docs"]}
    assert "authorities/trafford/" in locations and "map/" in locations
    assert "authorities/trafford/#event-ilacs-standard-2022-11-21" in locations
    assert not [place for place in locations if place.endswith((
        "#cite", "#report-error", "#every-authority", "#neighbours", "#timeline", "#full-inspections", "#about-data"))]
    assert not [doc["location"] for doc in index["docs"] if "#event-" in doc["location"] and (
        "<p>Sources</p>" in doc["text"] or "(see the sources above)" in doc["text"])]
    assert not [doc["location"] for doc in index["docs"]
                if doc["location"].startswith("authorities/") and "Report an error" in doc["text"]]
