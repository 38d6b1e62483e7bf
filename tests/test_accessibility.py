"""Accessibility measured: axe-core's WCAG 2.2 A and AA rules on one page of each kind in the light
and the dark palette, the contrast of the grade colours on badges and charts, and the grade in
words wherever a colour shows it.

The site is the five authorities of the source documents, built and served as in
tests/test_browser.py. The palette follows the reader's system setting (mkdocs.yml gives the
theme one palette per ``prefers-color-scheme``), so each page is opened with that setting emulated
and the theme's own attribute is checked to have followed it. axe-core comes from npm, pinned in
tests/a11y/package.json and installed by ``make test``; it is injected from the file, so nothing is
loaded from elsewhere. What was measured is printed at the end of the run, to be quoted.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from bs4 import BeautifulSoup

from generator.build import Project
from generator.render import grades
from generator.model import Tone
from generator.render.charts import DARK, LANES, LIGHT, TONES, Palette, gap_colours
from generator.standing import NO_GRADE, NOT_JUDGED
from generator.render.paths import DARK_SVG, GRADES_DARK_SVG, GRADES_LIGHT_SVG, LIGHT_SVG, map_drawing
from tests.chromium import opened, require, served
from tests.conftest import ROOT, SEED_AUTHORITIES, copy_project
from tests.contrast import RGB, hex_code, opaque, over, ratio
from tests.factories import FRAMEWORKS

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page

pytestmark = pytest.mark.browser

#: One page of each kind: (name, path under the site's address). A new kind of page is one entry.
PAGES: list[tuple[str, str]] = [
    ("home", ""),
    ("England", "authorities/"),
    ("region", "regions/yorkshire-and-the-humber/"),
    ("authority with a chart", "authorities/kingston-upon-hull/"),
    ("map", "map/"),
    ("compare, two authorities chosen", "compare/?a=kingston-upon-hull&a=trafford"),
    ("downloads", "downloads/"),
    ("about", "about/"),
    ("editors' guide", "editing/"),
    ("reference", "editing/reference/"),
    ("commands", "editing/commands/"),
    ("not found", "no-such-page/"),
]
#: The reader's colour scheme, and the theme palette that mkdocs.yml gives it.
SCHEMES = {"light": "default", "dark": "slate"}
#: The chart palette drawn in each scheme (tests/test_browser.py checks which image shows).
CHART_PALETTES: dict[str, Palette] = {"light": LIGHT, "dark": DARK}
CHART_FILES = {"light": (LIGHT_SVG, GRADES_LIGHT_SVG), "dark": (DARK_SVG, GRADES_DARK_SVG)}
#: The map's last view, which colours interventions rather than grades (its views of grades are
#: found with the charts).
INTERVENTION_MAPS = {scheme: map_drawing("interventions", scheme) for scheme in ("light", "dark")}
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

AXE_PACKAGE = ROOT / "tests" / "a11y"
AXE = AXE_PACKAGE / "node_modules" / "axe-core" / "axe.min.js"

TEXT, MARK = 4.5, 3.0  # WCAG 1.4.3 (text) and 1.4.11 (graphical objects)


@dataclass(frozen=True)
class Allowed:
    """A violation that comes from the theme's own markup or script, which the project cannot change."""

    rule: str  # axe's rule id
    selector: str  # a regular expression, searched for in axe's selector of the element
    reason: str


#: Empty: every violation found on these pages was the project's to fix (docs/stylesheets/extra.css
#: underlines links in running text and brightens the theme's footer line). An entry needs a reason.
ALLOWED: tuple[Allowed, ...] = ()


def allowed(rule: str, selector: str) -> bool:
    return any(a.rule == rule and re.search(a.selector, selector) for a in ALLOWED)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    return copy_project(tmp_path_factory.mktemp("a11y"), only=SEED_AUTHORITIES)


@pytest.fixture(scope="module")
def site_url(project: Project) -> Iterator[str]:
    with served(project) as url:
        yield url


@pytest.fixture(scope="module")
def axe() -> Path:
    require(AXE.exists(), f"axe-core not found in {AXE_PACKAGE.relative_to(ROOT)}/node_modules; `make test` "
                          "installs it from the pinned package-lock.json where npm is present (npm ci)")
    return AXE


@dataclass
class Figures:
    """What the module's tests measured, printed once they have all run, so that it can be quoted."""

    runs: list[tuple[str, int, int]] = field(default_factory=list)  # page (palette), violations, of them allowed
    contrasts: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        found, kept = sum(r[1] for r in self.runs), sum(r[2] for r in self.runs)
        return [f"axe-core: {len(self.runs)} runs of {len(PAGES)} pages x {len(SCHEMES)} palettes; "
                f"{found} violations, {kept} of them allowed",
                *[f"  {run}: {n} violations, {k} allowed" for run, n, k in self.runs if n],
                *sorted(self.contrasts)]


@pytest.fixture(scope="module")
def figures(measured: list[str]) -> Iterator[Figures]:
    found = Figures()
    yield found
    if found.runs or found.contrasts:
        measured.extend(found.lines())


def _open(page: Page, url: str, scheme: str) -> None:
    page.goto(url, wait_until="networkidle")
    assert page.locator(".md-content").count() == 1  # the site's page (for "not found", its 404 page)
    assert page.evaluate("document.body.dataset.mdColorScheme") == SCHEMES[scheme]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize(("name", "path"), PAGES, ids=[name for name, _ in PAGES])
def test_no_wcag_violations(axe: Path, browser: Browser, site_url: str, figures: Figures,
                            name: str, path: str, scheme: str) -> None:
    with opened(browser, color_scheme=scheme) as tab:
        page = tab.page
        _open(page, site_url + path, scheme)
        page.evaluate("document.querySelectorAll('details').forEach(d => { d.open = true; })")  # folded text too
        page.add_script_tag(path=str(axe))
        results = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    pinned = json.loads((AXE_PACKAGE / "package.json").read_text("utf-8"))["devDependencies"]["axe-core"]
    assert results["testEngine"]["version"] == pinned
    assert results["passes"], "axe checked nothing"
    found = [(v["id"], " ".join(map(str, node["target"])), node["failureSummary"])
             for v in results["violations"] for node in v["nodes"]]
    kept = [f for f in found if not allowed(f[0], f[1])]
    figures.runs.append((f"{name} ({scheme})", len(found), len(found) - len(kept)))
    assert not kept, "\n".join(f"{rule} at {selector}: {summary}" for rule, selector, summary in kept)


# ---------------------------------------------------------------------------------------------
# Contrast of the grade colours, and the grade in words


@pytest.fixture(scope="module")
def backgrounds(browser: Browser, site_url: str) -> dict[str, RGB]:
    """The page's background in each scheme, as the browser computes it from the theme."""
    colours = {}
    for scheme in SCHEMES:
        with opened(browser, color_scheme=scheme) as tab:
            _open(tab.page, site_url, scheme)
            colours[scheme] = opaque(tab.page.evaluate("getComputedStyle(document.body).backgroundColor"))
    return colours


@pytest.mark.parametrize("scheme", SCHEMES)
def test_grade_badges_contrast_and_match_the_charts(browser: Browser, site_url: str, backgrounds: dict[str, RGB],
                                                    figures: Figures, scheme: str) -> None:
    """One badge of every grade, as the pages write them, under the site's stylesheet: its words
    against its colour, its colour against the page, and the same colour as the chart's."""
    with opened(browser, color_scheme=scheme) as tab:
        page = tab.page
        _open(page, site_url + "authorities/kingston-upon-hull/", scheme)
        page.evaluate("html => document.querySelector('article').insertAdjacentHTML('beforeend', html)",
                      "".join(grades.badge(g) for g in FRAMEWORKS.grades))
        drawn = page.evaluate("""n => Array.from(document.querySelectorAll('article .it-grade')).slice(-n).map(
            e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor])""", len(FRAMEWORKS.grades))
    page_colour = backgrounds[scheme]
    tones = dict(zip(TONES, CHART_PALETTES[scheme].grades))
    assert [t.value for t in Tone] == TONES and len(TONES) == len(CHART_PALETTES[scheme].grades)
    for grade, (text, fill) in zip(FRAMEWORKS.grades, drawn):
        chart = tones[grade.tone.value]
        words, badge = ratio(opaque(text), opaque(fill)), ratio(opaque(fill), page_colour)
        figures.contrasts.append(f"badge {grades.label(grade)} ({scheme}): words {hex_code(opaque(text))} on "
                                 f"{hex_code(opaque(fill))} {words:.2f}:1; on the page {hex_code(page_colour)} "
                                 f"{badge:.2f}:1")
        assert words >= TEXT and badge >= MARK, grade
        assert opaque(fill) == opaque(chart), f"{grade}: the badge's colour is not the chart's"


@pytest.mark.parametrize("scheme", SCHEMES)
def test_chart_palette_contrasts_with_the_page(backgrounds: dict[str, RGB], figures: Figures, scheme: str) -> None:
    """Every colour the charts may draw, whether or not these data draw it: words against the page
    and numbers against the grade colours they are written on at least 4.5:1, marks at least 3:1.
    The grid is left out: it only helps the eye, and the axes' labels give every value."""
    palette, page_colour = CHART_PALETTES[scheme], backgrounds[scheme]
    pairs = [("words", palette.text, page_colour, TEXT)]
    gaps = [(label, gap_colours(palette)[key]) for label, key in ((grades.NOT_JUDGED, NOT_JUDGED),
                                                                   (grades.NO_GRADE, NO_GRADE))]
    pairs += [(f"tone {t} mark", c, page_colour, MARK) for t, c in zip(TONES, palette.grades)]
    pairs += [(f"{label} mark", c, page_colour, MARK) for label, c in gaps]
    pairs += [(f"lane '{lane}' mark", c, page_colour, MARK) for lane, c in zip(LANES, palette.lanes)]
    pairs += [(f"numbers on {label}", palette.on_grade, opaque(c), TEXT)
              for label, c in [*zip((f"tone {t}" for t in TONES), palette.grades), *gaps]]
    failing = []
    for what, colour, background, minimum in pairs:
        measured = ratio(opaque(colour), background)
        figures.contrasts.append(f"chart {what} ({scheme}): {colour} on {hex_code(background)} {measured:.2f}:1")
        if measured < minimum:
            failing.append((what, round(measured, 2)))
    assert failing == []


#: Vega's classes of the axes' grid, ticks and line, and of the plot's frame: guides, not data.
GUIDES = ("role-axis-grid", "role-axis-tick", "role-axis-domain")


def _drawn(svg: Path) -> Iterator[tuple[str, str, float, bool]]:
    """Each colour an SVG made by Vega draws: (element, colour, opacity, is a guide), skipping what is invisible."""
    def walk(element: ET.Element, opacity: float, guide: bool) -> Iterator[tuple[str, str, float, bool]]:
        opacity *= float(element.get("opacity", "1"))
        guide = guide or any(g in element.get("class", "") for g in GUIDES) or element.get("class") == "background"
        if opacity == 0 or element.get("display") == "none":
            return
        tag = element.tag.rsplit("}", 1)[-1]
        for attribute in ("fill", "stroke"):
            colour = element.get(attribute)
            if colour not in (None, "none", "transparent"):
                yield tag, colour, opacity * float(element.get(f"{attribute}-opacity", "1")), guide
        for child in element:
            yield from walk(child, opacity, guide)
    yield from walk(ET.parse(svg).getroot(), 1.0, False)


def _charts(project: Project, scheme: str) -> list[Path]:
    site = project.build / "site"
    charts = sorted(p for name in CHART_FILES[scheme] for p in site.rglob(name))
    charts += sorted(p for p in (site / "map").glob(f"*-{scheme}.svg") if p != site / INTERVENTION_MAPS[scheme])
    assert len(charts) > 2  # the authorities' timelines, the national and the region grade charts, the map
    return charts


@pytest.mark.parametrize("scheme", SCHEMES)
def test_charts_as_drawn_use_the_palette_and_contrast(site_url: str, project: Project, backgrounds: dict[str, RGB],
                                                      scheme: str) -> None:
    """The built SVGs draw only the palette's colours, and each mark, at the opacity it is drawn
    with, stands out from the page by its fill or its outline; words (but the numbers on the grade
    colours, measured above) are readable against the page."""
    palette, page_colour = CHART_PALETTES[scheme], backgrounds[scheme]
    declared = {palette.text, palette.grid, palette.ungraded, palette.on_grade, palette.background, palette.empty,
                *palette.grades, *palette.lanes}
    for svg in [*_charts(project, scheme), project.build / "site" / INTERVENTION_MAPS[scheme]]:
        drawn = list(_drawn(svg))
        assert {colour for _, colour, _, _ in drawn} <= declared, svg
        words: dict[str, float] = {}  # a colour of words: its contrast at the faintest it is drawn
        marks: dict[str, float] = {}  # a mark's colour: its best contrast, by fill or by outline
        for tag, colour, opacity, guide in drawn:
            seen = ratio(over(colour, page_colour, opacity), page_colour)
            if tag == "text" and colour != palette.on_grade:
                words[colour] = min(words.get(colour, float("inf")), seen)
            elif tag != "text" and not guide and colour != palette.background:  # lines that part the map's areas
                marks[colour] = max(marks.get(colour, 0.0), seen)
        assert words and {c: round(r, 2) for c, r in words.items() if r < TEXT} == {}, svg
        assert marks and {c: round(r, 2) for c, r in marks.items() if r < MARK} == {}, svg


def test_every_badge_names_its_grade(site_url: str, project: Project) -> None:
    """Colour only repeats the grade: each badge on every page says it in words."""
    site, seen = project.build / "site", set()
    by_words = {grades.label(g): g for g in FRAMEWORKS.grades}
    for page in site.rglob("index.html"):
        for badge in BeautifulSoup(page.read_text("utf-8"), "html.parser").select(".it-grade"):
            grade = by_words[badge.get_text()]  # a KeyError: words that are no grade's
            assert f"it-grade--{grade.tone.value}" in badge["class"], page
            seen.add(grade.value)
    assert {"good", "requires_improvement", "inadequate"} <= seen


def test_charts_and_their_tables_name_every_grade_they_colour(site_url: str, project: Project) -> None:
    """Each grade colour a chart draws is named in words in the chart itself (axis or legend) and
    in the table on its page."""
    tones, named = dict(zip(LIGHT.grades, TONES)), set()
    for svg in _charts(project, "light"):
        coloured = {tones[c] for _, c, _, _ in _drawn(svg) if c in tones}
        named |= coloured
        words = {t.text for t in ET.parse(svg).iter("{http://www.w3.org/2000/svg}text")}
        tables = " ".join(t.get_text(" ") for t in BeautifulSoup(
            (svg.parent / "index.html").read_text("utf-8"), "html.parser").select("article table"))
        for tone in coloured:
            labels = [grades.label(g) for g in FRAMEWORKS.grades if g.tone.value == tone]
            # The timeline's axis shortens the grade; the map's key writes its code first ("RI Requires ...").
            assert any(w in {label, label.removesuffix(" to be good")} or w.endswith(" " + label)
                       for w in words for label in labels), (svg, tone)
            assert any(label in tables for label in labels), (svg, tone)
    assert len(named) >= 3  # the charts of these authorities draw several grades
