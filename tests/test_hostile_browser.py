"""Hostile but valid text, in Chromium (issue 5): a site built from data whose every free-text field
holds HTML, script, Markdown or template syntax (tests/corpus/hostile-text.yaml's event, and the
register's, the map layout's and the frameworks' own text) shows all of it as text.

test_site.py reads the built HTML; here the pages run as a reader gets them, scripts and all (the
theme's search, the tables' script, the compare page's script), and each payload, if it ever
became markup, would announce itself by setting ``window.__pwned``. On every page: no dialog, no
``__pwned``, no console error, no element or attribute that came from the data, and every value
the page shows from the data there as the text it is.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from generator.build import Project
from generator.importer.write import dump
from generator.load import load_document
from generator.validate import CARTOGRAM, FRAMEWORKS, REGISTER
from tests.chromium import Tab, served
from tests.conftest import ROOT, SEED_AUTHORITIES, copy_project

pytestmark = pytest.mark.browser

#: The free text of the register and the map layout, beside the hostile event's own (in the corpus).
ALIAS = "<img src=x onerror=\"window.__pwned='alias'\"> {{ alias }}"
REGISTER_SOURCE = {"title": "<script>window.__pwned='register source'</script> | a | b |",
                   "publisher": "[p](javascript:window.__pwned='publisher') # not a heading",
                   "note": "<svg onload=\"window.__pwned='register note'\"> {% raw %} *not emphasis*"}
COVERAGE = "<b onclick=\"window.__pwned='coverage'\">Coverage</b> <!-- --> ??? collapsible === </textarea>"
CURRENCY_NOTE = "<iframe srcdoc=\"<script>parent.__pwned='currency'</script>\"></iframe> [^1]: x"
#: Labels of data/frameworks.yaml: a grade, a judgement area, a type of inspection and a version.
FRAMEWORK_LABELS = {
    ("grades", "good"): "Good <img src=x onerror=\"window.__pwned='grade'\"> *not emphasis* [x](javascript:0)",
    ("areas", "help_and_protection"): "Help <script>window.__pwned='area'</script> # and protection",
    ("inspections", "ilacs"): "ILACS <b onclick=\"window.__pwned='framework'\">inspection</b> {{ x }}",
    ("versions", "2026-04"): "ILACS of April 2026 <svg onload=\"window.__pwned='version'\"> ??? ===",
}
MAP_SOURCE = {"title": "<a href=\"javascript:window.__pwned='map'\">Hexes</a>",
              "publisher": "<details open ontoggle=\"window.__pwned='map publisher'\">",
              "attribution": "{: onclick=\"window.__pwned='attribution'\" } <style>body { display: none }</style>"}


def _text_of(value: Any) -> list[str]:
    """Every string in ``value`` (lists and mappings of strings) but the ones that are not free text."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        return [text for item in value for text in _text_of(item)]
    return [text for key, item in value.items()
            if key not in ("id", "kind", "date", "role", "url") for text in _text_of(item)]


def _hostile_events() -> list[dict[str, Any]]:
    document, problems = load_document(ROOT / "tests" / "corpus" / "hostile-text.yaml", "hostile-text.yaml")
    assert document is not None and not problems, problems
    events: list[dict[str, Any]] = document.data["events"]
    return events


#: What each page must show as text: its free text with runs of spaces and newlines as one space,
#: as a page shows text (Markdown joins lines). By the page's address in the site.
EVENT_TEXT = [" ".join(text.split()) for text in _text_of(_hostile_events())]
SHOWN: dict[str, list[str]] = {
    "authorities/trafford/": [*EVENT_TEXT, ALIAS, *REGISTER_SOURCE.values(), COVERAGE, CURRENCY_NOTE,
                              *FRAMEWORK_LABELS.values()],
    "authorities/": [ALIAS, COVERAGE, CURRENCY_NOTE, *list(FRAMEWORK_LABELS.values())[:2]],
    "regions/north-west/": [ALIAS, COVERAGE, CURRENCY_NOTE, *list(FRAMEWORK_LABELS.values())[:2]],
    "map/": [*MAP_SOURCE.values(), *list(FRAMEWORK_LABELS.values())[:2]],
    "compare/?a=trafford&a=kingston-upon-hull": [],  # no free text: see the test of its script below
}


def _make_hostile(project: Project) -> None:
    """Trafford's events gain the corpus's hostile event; its register entry an alias and a source;
    the register its coverage and a currency note; the map layout its credit."""
    register_path = project.data / REGISTER
    document, problems = load_document(register_path, REGISTER)
    assert document is not None and not problems, problems
    register = document.data
    register["coverage"] = COVERAGE
    register["currency"][0]["note"] = CURRENCY_NOTE
    trafford = next(a for a in register["authorities"] if a["slug"] == "trafford")
    trafford["aliases"].append(ALIAS)
    trafford["sources"].append(REGISTER_SOURCE)
    register_path.write_text(dump(register, "A test's register, with hostile text."), "utf-8")

    events_path = project.data / "events" / "trafford.yaml"
    document, problems = load_document(events_path, "trafford.yaml")
    assert document is not None and not problems, problems
    document.data["events"] += _hostile_events()
    events_path.write_text(dump(document.data, "Trafford, with hostile text."), "utf-8")

    frameworks_path = project.data / FRAMEWORKS
    document, problems = load_document(frameworks_path, FRAMEWORKS)
    assert document is not None and not problems, problems
    frameworks = document.data
    listed = {"grades": frameworks["grades"], "areas": frameworks["areas"],
              "inspections": [i for f in frameworks["frameworks"] for i in f["inspections"]],
              "versions": [v for f in frameworks["frameworks"] for v in f["versions"]]}
    for (what, key), label in FRAMEWORK_LABELS.items():
        [entry] = [e for e in listed[what] if str(e.get("id", e.get("begins"))) == key]
        entry["label"] = label
    frameworks_path.write_text(dump(frameworks, "A test's frameworks, with hostile labels."), "utf-8")

    cartogram_path = project.data / CARTOGRAM
    cartogram = json.loads(cartogram_path.read_text("utf-8"))
    cartogram["source"].update(MAP_SOURCE)
    cartogram_path.write_text(json.dumps(cartogram), "utf-8")


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The address of a small site (the seed authorities) built from the hostile data, served."""
    project = copy_project(tmp_path_factory.mktemp("hostile"), only=SEED_AUTHORITIES)
    _make_hostile(project)
    with served(project) as url:
        yield url


#: Everything in the document that markup from the data would have made: elements with an event
#: handler or a script address, a payload's image, script, style or frame. (Data in an attribute's
#: value, as in an aria-label the compare script sets, is text.) The site's own markup has none of
#: these (test_site.py checks its HTML; this checks the document its scripts made).
FOREIGN = r"""() => {
    const found = [];
    for (const element of document.querySelectorAll('*')) {
        for (const attribute of element.attributes) {
            if (attribute.name.startsWith('on') || (['href', 'src', 'action', 'formaction', 'xlink:href']
                    .includes(attribute.name) && /^\s*javascript:/i.test(attribute.value))) {
                found.push(`${element.tagName} ${attribute.name}=${attribute.value}`);
            }
        }
        const tag = element.tagName.toLowerCase();
        if ((tag === 'img' && element.getAttribute('src') === 'x') || tag === 'iframe'
                || (['script', 'style'].includes(tag) && /__pwned|body { display: none }/.test(element.textContent))) {
            found.push(element.outerHTML.slice(0, 200));
        }
    }
    return found;
}"""


def _dialogs(tab: Tab) -> list[str]:
    """The messages of the dialogs the page opens (each dismissed), recorded as they open."""
    opened: list[str] = []

    def dismiss(dialog: Any) -> None:
        opened.append(dialog.message)
        dialog.dismiss()

    tab.page.on("dialog", dismiss)
    return opened


def _assert_nothing_ran(tab: Tab, dialogs: list[str]) -> None:
    page = tab.page
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.evaluate(FOREIGN) == []
    assert dialogs == [] and tab.errors == [] and tab.foreign_requests() == []


@pytest.mark.parametrize("address", SHOWN)
def test_hostile_text_is_shown_as_text_and_nothing_of_it_runs(tab: Tab, hostile_url: str, address: str) -> None:
    dialogs = _dialogs(tab)
    page = tab.page
    page.goto(hostile_url + address, wait_until="networkidle")
    if address.startswith("compare/"):
        page.wait_for_selector("#it-compare .it-compare__chart svg")
    page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")  # folded text too
    # A long table is laid out when it comes near the screen (content-visibility): as a reader
    # scrolls to it. Its text is then shown with the rest of the page.
    page.evaluate("document.querySelector('.it-sortable')?.scrollIntoView()")
    page.wait_for_timeout(100)
    shown = page.inner_text("body")
    assert [text for text in SHOWN[address] if text not in shown] == []
    _assert_nothing_ran(tab, dialogs)


@pytest.mark.parametrize("query", ["heading backslash", "heading <img src=x onerror=window.__pwned='query'>",
                                   "heading <script>window.__pwned='query'</script>"])
def test_searching_shows_hostile_text_as_text(tab: Tab, hostile_url: str, query: str) -> None:
    """The theme's search renders results from its index, which holds the hostile text, and marks
    the words of the query in them: words that find the hostile event, with or without a payload
    typed beside them, draw results and nothing of them runs."""
    dialogs = _dialogs(tab)
    page = tab.page
    page.goto(hostile_url, wait_until="networkidle")
    page.fill(".md-search__input", query)  # the whole query at once, not a prefix's results
    page.keyboard.press("End")
    page.wait_for_selector(".md-search-result__item")
    results = page.inner_text(".md-search-result")
    assert "Trafford" in results
    _assert_nothing_ran(tab, dialogs)


def test_the_compare_script_sets_its_data_as_text(tab: Tab, hostile_url: str) -> None:
    """The compare page's script builds its list, status, tables and chart from
    compare/authorities.json. The data's names and events cannot hold markup (validation keeps
    names to letters), so the file is served here with markup in every text the script shows: all
    of it must arrive as text, in the page and in the chart's tooltip."""
    dialogs = _dialogs(tab)
    page = tab.page
    payload = "<img src=x onerror=\"window.__pwned='compare'\">"
    index_url = hostile_url + "compare/authorities.json"

    def hostile_index(route: Any) -> None:
        index = route.fetch().json()
        trafford = next(a for a in index["authorities"] if a["slug"] == "trafford")
        trafford["name"], trafford["region"] = f"{payload} Trafford", f"{payload} region"
        trafford["grades"][1]["label"] = f"{payload} grade"
        trafford["grades"][2]["tone"] = f"{payload} tone"  # a class name only, never markup
        what, when = index["columns"].index("what"), index["columns"].index("when")
        for row in trafford["rows"]:
            if len(row) > what and row[what]:
                row[what], row[when] = f"{payload} event", f"{payload} when"
        route.fulfill(json=index)

    page.route(index_url, hostile_index)
    page.goto(hostile_url + "compare/?a=trafford&a=kingston-upon-hull", wait_until="networkidle")
    page.wait_for_selector("#it-compare .it-compare__chart svg")
    page.eval_on_selector_all("#it-compare details", "all => all.forEach(details => { details.open = true; })")
    shown = page.inner_text("#it-compare")
    for text in ("Trafford", "region", "grade", "event", "when"):
        assert f"{payload} {text}" in shown, text
    # The chart's tooltip (Vega's) shows the name and the event from the same data.
    page.hover("#it-compare svg g.mark-symbol path >> nth=0")
    tooltip = page.wait_for_selector("#vg-tooltip-element.visible").inner_text()
    assert f"{payload} Trafford" in tooltip and f"{payload} event" in tooltip
    _assert_nothing_ran(tab, dialogs)
