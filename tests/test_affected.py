"""Which authority pages a change to the data affects: the data at a git revision against the
working tree, compared as validated models, and the Markdown a pull request's job summary shows;
the latest update of the data, found in git's history, and the front page that describes it."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from generator.affected import GitError, Mention, compare, latest_update
from generator.build import Project, build
from generator.cli import main
from generator.importer.write import dump
from generator.load import load_document
from generator.model import Region
from generator.render.change_summary import summary
from generator.render.dates import when
from generator.render.charts import DARK, LIGHT
from generator.render.feeds import event_label
from generator.render.hexmap import map_views
from generator.render.home import home_page
from generator.render.paths import map_drawing
from generator.site_config import read_settings
from generator.validate import load_dataset
from tests.conftest import SEED_AUTHORITIES, TRAFFORD_2019, copy_project, html
from tests.factories import authority, dataset, event, timeline

SITE = "https://inspection-timelines.github.io/inspection-timelines/"
ONLY_DATA = ("_Only `data/` is compared: a change to the generator, `docs/` or `mkdocs.yml` can change other "
             "pages too._\n")
LISTS = ("the map, the compare page, the downloads and the feeds hold every authority as well. Every authority "
         "page counts the authorities of its region and of England by grade, so a changed grade changes those "
         "counts on each of them.")


def _git(root: Path, *arguments: str, env: dict[str, str] | None = None) -> None:
    subprocess.run(["git", "-c", "user.name=Tests", "-c", "user.email=tests@example.invalid",
                    "-c", "commit.gpgsign=false", "-C", str(root), *arguments], check=True, capture_output=True,
                   env=None if env is None else {**os.environ, **env})


def _commit(project: Project, day: str = "2026-11-30") -> None:
    """Commit everything, on ``day`` (git's committer date, which the front page gives)."""
    _git(project.root, "add", "-A")
    stamp = f"{day}T12:00:00Z"
    _git(project.root, "commit", "-q", "-m", "A change", env={"GIT_AUTHOR_DATE": stamp, "GIT_COMMITTER_DATE": stamp})


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), "utf-8")


def _edit_register(project: Project, change: Callable[[dict[str, Any]], None]) -> None:
    path = project.data / "authorities.yaml"
    document, problems = load_document(path, "authorities.yaml")
    assert document is not None and not problems
    change(document.data)
    path.write_text(dump(document.data, "A test's register."), "utf-8")


def _entry(register: dict[str, Any], slug: str) -> dict[str, Any]:
    return next(a for a in register["authorities"] if a["slug"] == slug)


@pytest.fixture
def project(tmp_path: Path) -> Project:
    """The five authorities of the source documents, committed to a new repository; Southend-on-Sea
    names Trafford as its statistical neighbour."""
    project = copy_project(tmp_path, only=SEED_AUTHORITIES)
    _edit_register(project, lambda r: _entry(r, "southend-on-sea").update(neighbours=["trafford"]))
    _git(project.root, "init", "-q")
    _commit(project)
    return project


def _affected(project: Project, capsys: pytest.CaptureFixture[str], *options: str) -> tuple[int, str, str]:
    status = main(["--root", str(project.root), "affected", "--base", "HEAD", *options])
    out = capsys.readouterr()
    return status, out.out, out.err


def test_a_changed_event_and_register_entry(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    trafford = project.data / "events" / "trafford.yaml"
    _edit(trafford, "    end: 2019-03-08\n", "    end: 2019-03-07\n")
    updated = re.search(r"^updated: .*\n", trafford.read_text("utf-8"), re.MULTILINE)
    assert updated is not None
    _edit(trafford, updated[0], "updated: 2026-11-22\n")
    _edit_register(project, lambda r: _entry(r, "hartlepool")["aliases"].append("Hartlepool BC"))
    assert _affected(project, capsys) == (0, (
        "## Pages this change affects\n\n"
        "Compared with the data at HEAD:\n\n"
        "**Changed**\n\n"
        f"- [Hartlepool]({SITE}authorities/hartlepool/): register entry: aliases\n"
        f"- [Trafford]({SITE}authorities/trafford/): events changed: full\\-inspection\\-2019; date updated\n\n"
        f"**Pages that list them**: [England]({SITE}authorities/) and the region pages "
        f"[North East]({SITE}regions/north-east/), [North West]({SITE}regions/north-west/); {LISTS}\n\n"
        "**Pages that name them**\n\n"
        f"- [Southend\\-on\\-Sea]({SITE}authorities/southend-on-sea/) names Trafford as its statistical neighbour\n\n"
        f"{ONLY_DATA}"), "")


def test_an_added_and_a_removed_authority(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    def change(register: dict[str, Any]) -> None:
        register["authorities"].remove(_entry(register, "west-sussex"))
        register["authorities"].append({"slug": "testshire", "name": "Testshire", "region": "south_west",
                                        "type": "county", "sources": [{"title": "T", "publisher": "P"}]})
    _edit_register(project, change)
    (project.data / "events" / "west-sussex.yaml").unlink()
    (project.data / "events" / "testshire.yaml").write_text(
        "authority: testshire\nupdated: 2026-11-01\nevents: []\n", "utf-8")
    summary_file = project.root / "summary.md"
    summary_file.write_text("# An earlier step's summary\n", "utf-8")
    assert _affected(project, capsys, "--summary", str(summary_file)) == (0, "", "")
    assert summary_file.read_text("utf-8") == (
        "# An earlier step's summary\n"
        "## Pages this change affects\n\n"
        "Compared with the data at HEAD:\n\n"
        "**Added: new pages**\n\n"
        f"- [Testshire]({SITE}authorities/testshire/)\n\n"
        "**Removed: these pages will no longer be published**\n\n"
        "- West Sussex: `authorities/west-sussex/`\n\n"
        f"**Pages that list them**: [England]({SITE}authorities/) and the region pages "
        f"[South East]({SITE}regions/south-east/), [South West]({SITE}regions/south-west/); {LISTS}\n\n"
        f"{ONLY_DATA}")


def test_what_changes_no_page_is_not_a_change(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    """Comments and layout change no page; the as-of date, which every page shows, and the map's
    layout do."""
    trafford = project.data / "events" / "trafford.yaml"
    _edit(trafford, "events:\n", "# A comment of an editor's.\nevents:\n\n")
    _edit(trafford, "    end: 2019-03-08\n", "    end: '2019-03-08'\n")
    assert _affected(project, capsys) == (0, (
        "## Pages this change affects\n\n"
        "Compared with the data at HEAD, no authority's data changed, so the data change no page.\n\n"
        f"{ONLY_DATA}"), "")
    register = project.data / "authorities.yaml"
    _edit(register, re.search(r"^as_of: .*\n", register.read_text("utf-8"), re.M).group(0), "as_of: 2026-12-05\n")
    _edit(project.data / "cartogram.geojson", '"publisher": "House of', '"publisher": "The House of')
    status, out, _ = _affected(project, capsys)
    assert status == 0 and out.split("\n\n")[1:4] == [
        "Compared with the data at HEAD:",
        "**Every page**: the data set's as-of date changed, which the authority, region and England pages show.",
        f"**The map**: [its page]({SITE}map/) draws the changed layout of `data/cartogram.geojson`.",
    ]


def test_a_change_that_does_not_validate_is_reported_with_its_problems(
        project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    _edit(project.data / "events" / "trafford.yaml", "    date: 2019-03-04\n", "    date: '<b>2019</b>'\n")
    assert _affected(project, capsys) == (1, (
        "## Pages this change affects\n\n"
        "The data in this change do not validate: 1 problem(s) in 1 file(s). The pages it affects can be listed "
        "once they do. In CI, each problem is also marked on its line.\n\n"
        f"- data/events/trafford\\.yaml:{TRAFFORD_2019}: events\\[3\\]\\.date: '&lt;b&gt;2019&lt;/b&gt;' is not a "
        "date; write "
        "YYYY\\-MM\\-DD, YYYY\\-MM or YYYY \\(or 'unknown' when no source gives a date\\)\n"),
        "The data have problems: 1 problem(s) in 1 file(s).\n")


def test_base_data_that_do_not_validate_are_said_to(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    """A change can mend the data, or change the rules so that the old data break them: neither is an
    error of the change, but nothing can be compared."""
    trafford = project.data / "events" / "trafford.yaml"
    _edit(trafford, "    date: 2019-03-04\n", "    date: 2019-02-29\n")
    _commit(project)
    _edit(trafford, "    date: 2019-02-29\n", "    date: 2019-03-04\n")
    assert _affected(project, capsys) == (0, (
        "## Pages this change affects\n\n"
        "The data at HEAD do not validate with this change's rules, so they cannot be compared authority by "
        "authority; if this change alters the format of the data files, any page may change. 1 problem(s) in "
        "1 file(s).\n\n"
        f"- data/events/trafford\\.yaml:{TRAFFORD_2019}: events\\[3\\]\\.date: '2019\\-02\\-29' is not a real date: "
        "February 2019 has 28 days\n"),
        "warning: the data at HEAD do not validate, so no page could be compared.\n")


def test_an_unknown_revision_is_an_error(project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--root", str(project.root), "affected", "--base", "origin/no-such-branch"]) == 2
    assert capsys.readouterr() == ("", (
        f"error: 'origin/no-such-branch' is not a revision git knows in {project.root}; fetch it first "
        "(in CI, check out with fetch-depth: 0)\n"))


def test_outside_a_repository_git_says_why(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    project = copy_project(tmp_path / "project", only={"trafford"})
    assert main(["--root", str(project.root), "affected", "--base", "HEAD"]) == 2
    assert capsys.readouterr().err.startswith("error: fatal: not a git repository")


def test_pages_that_name_a_changed_authority_and_regions_it_moves_between() -> None:
    """Neighbours show each other's grades, and predecessors and successors name each other; an
    authority that moves region is listed on both regions' pages."""
    old = authority("old-shire", abolished="2019-04-01", successors=["new-shire"], region="london")
    new = authority("new-shire", region="london")
    near = authority("near-shire", neighbours=["new-shire"])
    moved = authority("moved-shire", region="london")
    gone = authority("gone-shire", region="north_east")
    visit = event("visit", "focused_visit", "2024-05")
    base = dataset(timeline(old), timeline(new), timeline(near), timeline(moved), timeline(gone))
    head = dataset(timeline(old), timeline(new, visit), timeline(near),
                   timeline(authority("moved-shire", region="east_midlands")))
    comparison = compare(base, head, "origin/main")
    assert [(c.status, c.timeline.authority.slug) for c in comparison.changes] == [
        ("changed", "moved-shire"), ("changed", "new-shire"), ("removed", "gone-shire")]
    assert comparison.regions == (Region.NORTH_EAST, Region.EAST_MIDLANDS, Region.LONDON)
    assert comparison.mentions == (
        Mention(head.timeline("near-shire"), "statistical neighbour", head.timeline("new-shire")),
        Mention(head.timeline("old-shire"), "successor", head.timeline("new-shire")),
    )
    page = summary(comparison, SITE)
    assert (f"- [Moved Shire]({SITE}authorities/moved-shire/): register entry: region\n"
            f"- [New Shire]({SITE}authorities/new-shire/): events added: visit\n\n") in page
    assert (f"- [Near Shire]({SITE}authorities/near-shire/) names New Shire as its statistical neighbour\n"
            f"- [Old Shire]({SITE}authorities/old-shire/) names New Shire as its successor\n") in page
    head = dataset(timeline(old, visit), timeline(new), timeline(near), timeline(moved), timeline(gone))
    assert compare(base, head, "origin/main").mentions == (
        Mention(head.timeline("new-shire"), "predecessor", head.timeline("old-shire")),)
    head = dataset(timeline(new), timeline(near), timeline(moved), timeline(gone))  # the predecessor removed
    assert compare(base, head, "origin/main").mentions == (
        Mention(head.timeline("new-shire"), "predecessor", base.timeline("old-shire")),)


# ---------------------------------------------------------------------------------------------
# The latest update of the data, which the front page describes


def _head(project: Project) -> str:
    return subprocess.run(["git", "-C", str(project.root), "rev-parse", "HEAD"], check=True, capture_output=True,
                          text=True).stdout.strip()


def _west_sussex_for_testshire(register: dict[str, Any]) -> None:
    register["authorities"].remove(_entry(register, "west-sussex"))
    register["authorities"].append({"slug": "testshire", "name": "Testshire", "region": "south_west",
                                    "type": "county", "sources": [{"title": "T", "publisher": "P"}]})


def test_the_latest_update_is_the_last_commit_that_changed_the_data_or_what_is_not_yet_committed(
        project: Project) -> None:
    with pytest.raises(GitError, match=r"the commit that last changed data/ \([0-9a-f]{7}\) is the first git holds"):
        latest_update(project.root, load_dataset(project.data, project.root))
    _edit(project.data / "events" / "trafford.yaml", "    end: 2019-03-08\n", "    end: 2019-03-07\n")
    _commit(project, "2026-12-01")
    update_commit = _head(project)
    (project.docs / "guide.md").write_text("A change to a hand-written page, not to the data.\n", "utf-8")
    _commit(project, "2026-12-02")

    update = latest_update(project.root, load_dataset(project.data, project.root))
    assert (update.commit, str(update.day)) == (update_commit, "2026-12-01")
    assert [(c.timeline.authority.slug, c.events_changed) for c in update.comparison.changes] == [
        ("trafford", ("full-inspection-2019",))]

    _edit_register(project, lambda r: _entry(r, "hartlepool")["aliases"].append("Hartlepool BC"))
    update = latest_update(project.root, load_dataset(project.data, project.root))
    assert (update.commit, update.day) == (None, None)  # compared with HEAD, which has Trafford's change
    assert [(c.timeline.authority.slug, c.register) for c in update.comparison.changes] == [("hartlepool", ("aliases",))]


def test_without_git_s_history_there_is_no_latest_update_and_git_says_why(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    project = copy_project(tmp_path / "project", only={"trafford"})
    data = load_dataset(project.data, project.root)
    with pytest.raises(GitError, match="not a git repository"):
        latest_update(project.root, data)
    _git(project.root, "init", "-q")
    with pytest.raises(GitError, match="the repository has no commit yet"):
        latest_update(project.root, data)
    _commit(project)
    inner = copy_project(project.root / "inner", only={"trafford"})  # a folder of the work tree, not its top
    with pytest.raises(GitError, match="is not the top of its git work tree"):
        latest_update(inner.root, data)


def test_the_front_page_says_what_the_latest_update_changed_each_page_and_event_linked(project: Project) -> None:
    """Built by the real pipeline in a repository: the update two commits back (a later one changed
    no data) changed an event of Trafford's, added Testshire and removed West Sussex."""
    _edit(project.data / "events" / "trafford.yaml", "    end: 2019-03-08\n", "    end: 2019-03-07\n")
    _edit_register(project, _west_sussex_for_testshire)
    (project.data / "events" / "west-sussex.yaml").unlink()
    (project.data / "events" / "testshire.yaml").write_text(
        "authority: testshire\nupdated: 2026-11-01\nevents: []\n", "utf-8")
    _commit(project, "2026-12-01")
    update_commit = _head(project)
    (project.docs / "guide.md").write_text("# How to read this site\n\nA change to a hand-written page.\n", "utf-8")
    _commit(project, "2026-12-02")
    messages: list[str] = []
    build(project, log=messages.append)

    assert f"The front page describes the latest update of the data, commit {update_commit[:7]}: 3 authorities " \
           "changed." in messages
    page = html(project, "")
    lines = [p for p in page.select("#update ~ p") if "The latest update of the data" in p.get_text()]
    assert len(lines) == 1 and lines[0].get_text() == (
        f"The latest update of the data, commit {update_commit[:7]} of 1 December 2026, changed:")
    repository = read_settings(project.config).repository
    assert lines[0].a["href"] == f"{repository}/commit/{update_commit}"
    items = lines[0].find_next_sibling("ul").find_all("li")
    changed = load_dataset(project.data, project.root).timeline("trafford").events
    inspection = next(e for e in changed if e.id == "full-inspection-2019")
    assert when(inspection).endswith("7 March 2019")
    assert [li.get_text() for li in items] == [
        f"Trafford: changed {event_label(inspection)}, {when(inspection)}",
        "Testshire: added",
        "West Sussex: removed; its page is no longer published",
    ]
    trafford, event = items[0].find_all("a")
    assert trafford["href"] == "authorities/trafford/"
    assert event["href"] == "authorities/trafford/#event-full-inspection-2019"
    assert html(project, "authorities/trafford/").find(id="event-full-inspection-2019") is not None
    assert items[1].a["href"] == "authorities/testshire/" and items[2].a is None
    assert html(project, "authorities/testshire/").find("h1") is not None


def _front_page_update(project: Project) -> str:
    """The front page's paragraphs on the latest update, in Markdown (its map drawn as a stand-in of
    the size the page gives: only the update is read here)."""
    data = load_dataset(project.data, project.root)
    drawn = {map_drawing(view.name, palette.name): '<svg width="10" height="10"></svg>'
             for view in map_views(data) for palette in (LIGHT, DARK)}
    page = home_page(data, drawn, latest_update(project.root, data), read_settings(project.config))
    return page.split("## The latest update {#update}\n\n", 1)[1].split("\n\n<details", 1)[0]


def test_a_change_of_the_frameworks_is_said_on_the_front_page_and_in_a_pull_request(
        project: Project, capsys: pytest.CaptureFixture[str]) -> None:
    frameworks = project.data / "frameworks.yaml"
    _edit(frameworks, "note: A standard inspection, usually", "note: A standard inspection, mostly")
    status, out, _ = _affected(project, capsys)
    assert status == 0 and out.split("\n\n")[1:3] == [
        "Compared with the data at HEAD:",
        "**Every page**: `data/frameworks.yaml` changed: the grades, judgements and frameworks that every page "
        "names, or the rhythms from which each authority page estimates the next inspection.",
    ]
    _commit(project, "2026-12-03")
    address = read_settings(project.config).data_file_url("data/frameworks.yaml")
    assert _front_page_update(project).endswith(
        "of 3 December 2026, changed:\n\n"
        f"- [data/frameworks\\.yaml]({address}), which every page reads: the grades, judgements and frameworks, "
        "and how often each framework says authorities are inspected")


def test_an_update_that_mends_data_the_rules_reject_is_not_compared_and_the_files_dates_are_given(
        project: Project) -> None:
    trafford = project.data / "events" / "trafford.yaml"
    _edit(trafford, "    date: 2019-03-04\n", "    date: 2019-02-29\n")
    _commit(project)
    _edit(trafford, "    date: 2019-02-29\n", "    date: 2019-03-04\n")
    _commit(project, "2026-12-03")
    said = _front_page_update(project)
    assert "of 3 December 2026, changed the data's format, so it is not compared authority by authority here. " \
           "The latest change to an authority's data was on" in said
