"""Build the site: validate, generate every page and chart, then let MkDocs build it.

This is the one module that writes. Everything is generated in memory first, so a problem in
the data stops the build before any file changes. The assembled pages are synced into
``build/docs`` (only changed files are written, so a running ``mkdocs serve`` reloads once), and
MkDocs builds into a temporary folder that replaces ``build/site`` only when it has succeeded:
a failed or interrupted build leaves the last good site as it was.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import multiprocessing
import os
import re
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from generator.affected import GitError, Update, latest_update
from generator.arguments import parser
from generator.builders import BUILDERS, DEFAULT_BUILDER, build_command, site_folder
from generator.chart_cache import ChartCache, Files, NotKept
from generator.model import Dataset, Region
from generator.render.charts import drawing_apart
from generator.render.commands import commands_page
from generator.render.compare import compare_files
from generator.render.downloads import dataset_downloads
from generator.render.feeds import dataset_feed_files
from generator.render.hexmap import map_files
from generator.render.next_page import next_page
from generator.render.home import home_page
from generator.render.paths import HOME_PAGE, NEXT_PAGE
from generator.render.reference import reference_page
from generator.render.site import authority_files, overview_files
from generator.site_config import SiteSettings, build_config, read_settings
from generator.validate import load_dataset

Log = Callable[[str], None]


class BuildError(Exception):
    """The site could not be built for a reason other than the data (those are DataProblems)."""


@dataclass(frozen=True)
class Project:
    """Where things are: the data, the hand-written pages, the settings, the build folder."""

    root: Path

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def docs(self) -> Path:
        return self.root / "docs"

    @property
    def config(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def build(self) -> Path:
        return self.root / "build"


def generate(project: Project, log: Log = print, memory: dict[Path, Files] | None = None
             ) -> tuple[Dataset, dict[str, bytes], str]:
    """Validate the data and make every file of the assembled docs, in memory.

    Returns the dataset, the files (path in the docs folder to content) and the text of the
    generated MkDocs configuration. Raises ``DataProblems`` or ``BuildError``; writes nothing but
    the chart cache (``build/cache/charts``), whose entries are whole or absent. ``memory`` keeps
    the cache's entries read, for the next call in the same process (the preview's).
    """
    started = time.monotonic()
    charts = ChartCache(project.build / "cache" / "charts", memory=memory)
    # A rebuild (the cache holds this code's charts) has few charts to draw: they are drawn apart,
    # where vl-convert starts meanwhile. A first build draws in worker processes instead.
    with drawing_apart() if charts.folder is not None and charts.folder.is_dir() else contextlib.nullcontext():
        dataset = load_dataset(project.data, project.root)
        events = sum(len(t.events) for t in dataset.timelines)
        log(f"Validated {len(dataset.timelines)} authorities and {events} events "
            f"({time.monotonic() - started:.1f} s).")
        settings = read_settings(project.config)
        generated = render_files(dataset, settings, charts, log, update=_latest_update(project, dataset, log))
    charts.prune()
    files = _hand_written(project.docs)
    clashes = sorted(set(files) & set(generated))
    if clashes:
        raise BuildError("docs/ has files where generated pages go: " + ", ".join(f"docs/{c}" for c in clashes))
    files.update(generated)
    log(f"Generated {len(generated)} files ({time.monotonic() - started:.1f} s).")
    return dataset, files, build_config(settings, dataset)


def _latest_update(project: Project, dataset: Dataset, log: Log) -> Update | None:
    """The latest update of the data, which the front page describes; None, said why, where git
    holds nothing to compare it with (a copy of the files, a shallow clone)."""
    try:
        update = latest_update(project.root, dataset)
    except GitError as error:
        log(f"The front page names the authorities whose files say they changed last, as git has no update of "
            f"the data to compare: {error}")
        return None
    which = f"commit {update.commit[:7]}" if update.commit else "the changes not yet committed"
    changed = len(update.comparison.changes)
    log(f"The front page describes the latest update of the data, {which}: "
        f"{changed} authorit{'y' if changed == 1 else 'ies'} changed.")
    return update


#: Processes that make charts when there are many to make: drawing them with Altair and
#: vl-convert is most of a cold build's time, and the machines that build have two cores.
WORKERS = 2
#: Below this many jobs to make, starting the processes (each imports Altair and receives the
#: whole dataset, about two seconds) costs more than it saves.
PARALLEL_FROM = 24
#: A unit of work: ("authority", slug), ("overview", a region's value, or "" for England), ("map", "")
#: or ("compare", "").
Job = tuple[str, str]


@dataclass(frozen=True)
class _Renderer:
    """Makes the files of one job; sent once to each worker process, with the whole dataset.

    Each job looks its charts up before it writes its page, so that a job whose charts are not
    kept stops (``NotKept``) before doing work that would be done again."""

    dataset: Dataset
    settings: SiteSettings
    charts: ChartCache

    def __call__(self, job: Job) -> Files:
        kind, key = job
        if kind == "authority":
            timeline = self.dataset.timeline(key)
            return authority_files(timeline, self.dataset, self.settings, self.charts)
        if kind == "map":
            return map_files(self.dataset, self.charts)
        if kind == "compare":
            return compare_files(self.dataset, self.charts)
        return overview_files(self.dataset, Region(key) if key else None, self.charts)


_worker_renderer: _Renderer | None = None


def _start_worker(renderer: _Renderer) -> None:
    global _worker_renderer
    _worker_renderer = renderer


def _run_in_worker(job: Job) -> Files:
    assert _worker_renderer is not None
    return _worker_renderer(job)


def _results(renderer: _Renderer, jobs: list[Job], workers: int) -> Iterator[Files]:
    """Each job's files, in the order of ``jobs`` however many processes make them. Workers are
    spawned, not forked: the preview's process has threads running, and forking those is unsafe."""
    if workers <= 1:
        yield from map(renderer, jobs)
        return
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                             initializer=_start_worker, initargs=(renderer,)) as pool:
        yield from pool.map(_run_in_worker, jobs, chunksize=4)


def render_files(dataset: Dataset, settings: SiteSettings, charts: ChartCache, log: Log,
                 workers: int | None = None, update: Update | None = None) -> dict[str, bytes]:
    """Every generated file (path in the docs folder to content); the same bytes however many
    processes make them and whatever ``charts`` holds. ``update`` is the latest update of the
    data, for the front page, where git has one.

    Jobs whose charts are all kept are done first, in this process; the rest, whose charts must
    be drawn, are shared among ``WORKERS`` processes when there are enough of them (or among
    ``workers``, when given). After a change to one authority's data, that is one job to draw and
    every other page from the cache."""
    jobs: list[Job] = [("map", ""), ("compare", ""), ("overview", ""), *(("overview", r.value) for r in Region),
                       *(("authority", t.authority.slug) for t in dataset.timelines)]
    files: Files = {}
    if charts.folder is None:
        to_draw = jobs
    else:
        to_draw = []
        kept = _Renderer(dataset, settings, charts.kept_only())
        for job in jobs:
            try:
                files.update(kept(job))
            except NotKept:
                to_draw.append(job)
    if workers is None:
        workers = min(WORKERS, os.cpu_count() or 1) if len(to_draw) >= PARALLEL_FROM else 1
    log(f"  pages and charts: {len(jobs) - len(to_draw)} of {len(jobs)} pages need no chart drawn"
        + (f"; drawing the charts of {len(to_draw)} ({workers} process{'es' if workers > 1 else ''})"
           if to_draw else ""))
    for number, made in enumerate(_results(_Renderer(dataset, settings, charts), to_draw, workers), 1):
        files.update(made)
        if number % 20 == 0 or number == len(to_draw):
            log(f"  pages and charts: drawn {number} of {len(to_draw)}")
    files["editing/reference.md"] = reference_page(dataset.frameworks)
    files[NEXT_PAGE] = next_page(dataset)
    files[HOME_PAGE] = home_page(dataset, files, update, settings)
    files["editing/commands.md"] = commands_page(parser())
    files.update(dataset_downloads(dataset, charts))
    files.update(dataset_feed_files(dataset, settings.site_url))
    return {path: content.encode("utf-8") if isinstance(content, str) else content
            for path, content in sorted(files.items())}


def _hand_written(docs: Path) -> dict[str, bytes]:
    return {
        path.relative_to(docs).as_posix(): path.read_bytes()
        for path in sorted(docs.rglob("*"))
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(docs).parts)
    }


def assemble(project: Project, log: Log = print, memory: dict[Path, Files] | None = None) -> Dataset:
    """Generate, then write the assembled docs and configuration into ``build/``; ``memory`` as
    ``generate`` takes it."""
    dataset, files, config = generate(project, log, memory)
    written, removed = sync_tree(files, project.build / "docs")
    _write_if_changed(project.build / "mkdocs.yml", config.encode("utf-8"))
    log(f"Assembled build/docs: {written} files written, {removed} removed, "
        f"{len(files) - written} unchanged.")
    return dataset


def build(project: Project, log: Log = print, builder: str = DEFAULT_BUILDER) -> Path:
    """Assemble, then build the site with ``builder`` (strict) into its folder (``site_folder``)."""
    if builder not in BUILDERS:
        raise BuildError(f"no site builder '{builder}': choose one of {', '.join(BUILDERS)}")
    dataset = assemble(project, log)
    started = time.monotonic()
    project.build.mkdir(exist_ok=True)
    _remove_leftovers(project.build)
    staging = Path(tempfile.mkdtemp(prefix=f".site-{os.getpid()}-", dir=project.build))
    site = site_folder(project.build, builder)
    try:
        result = subprocess.run(build_command(builder, project.build, staging), env=mkdocs_environment(dataset),
                                capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise BuildError(f"{BUILDERS[builder]} could not build the site:\n" + _said(result.stderr + result.stdout))
        previous = project.build / f".{site.name}-old-{os.getpid()}"
        if site.exists():
            site.rename(previous)
        staging.rename(site)
        shutil.rmtree(previous, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    pages = sum(1 for _ in site.rglob("*.html"))
    log(f"Built {site.relative_to(project.root).as_posix()} with {BUILDERS[builder]}: {pages} HTML pages "
        f"({time.monotonic() - started:.1f} s).")
    return site


#: A terminal's colour codes, which Zensical writes whether or not its output is a terminal.
_COLOUR = re.compile(r"\x1b\[[0-9;]*m")


def _said(output: str) -> str:
    """What a builder said on failing, for a reader: its problems, without MkDocs' INFO lines,
    colour codes, or the Python traceback Zensical ends with after it has said what is wrong."""
    lines = _COLOUR.sub("", output).split("\nTraceback (most recent call last):", 1)[0].splitlines()
    return "\n".join(line for line in lines if not line.startswith("INFO"))


#: The folders a build makes beside the site, named for its process: the builder's output before it
#: is swapped in (``.site-PID-random``), and the last site while it is swapped out
#: (``.site-old-PID``, or ``.site-zensical-old-PID`` for build/site-zensical).
_STAGING = re.compile(r"\.site-([0-9]+)-.*")
_SET_ASIDE = re.compile(r"\.(site(?:-[a-z]+)?)-old-([0-9]+)")


def _remove_leftovers(build_dir: Path) -> None:
    """Remove what killed builds left in ``build_dir``: a process killed outright (SIGKILL, a
    machine stopping) cannot clean up, and each would leave a copy of the site there for good.
    One killed between its two renames left no site, only the last site set aside: that is put
    back. A folder whose process is still running belongs to a build under way (the preview beside
    a ``make site``), and is left to it."""
    for folder in sorted(build_dir.glob(".site*")):
        staged, aside = _STAGING.fullmatch(folder.name), _SET_ASIDE.fullmatch(folder.name)
        pid = int(staged.group(1)) if staged else int(aside.group(2)) if aside else None
        if pid is not None and _running(pid):
            continue
        if aside is not None and not (build_dir / aside.group(1)).exists():
            folder.rename(build_dir / aside.group(1))
        else:
            shutil.rmtree(folder, ignore_errors=True)


def _running(pid: int) -> bool:
    """Whether process ``pid`` exists: signal 0 asks without signalling. Only on POSIX, where the
    site is built: on Windows ``os.kill`` would end the process, so there every folder is kept."""
    if os.name != "posix":
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    return True


def mkdocs_environment(dataset: Dataset) -> dict[str, str]:
    """MkDocs' environment: dates in its output (sitemap) come from the data, not the clock."""
    as_of = dt.datetime.combine(dataset.as_of.first_day(), dt.time(), dt.timezone.utc)
    return {**os.environ, "SOURCE_DATE_EPOCH": str(int(as_of.timestamp())), "NO_MKDOCS_2_WARNING": "1"}


def sync_tree(files: dict[str, bytes], dest: Path) -> tuple[int, int]:
    """Make ``dest`` hold exactly ``files``, writing only what changed. Returns (written, removed)."""
    dest.mkdir(parents=True, exist_ok=True)
    written = sum(_write_if_changed(dest / rel, content) for rel, content in files.items())
    removed = 0
    for path in sorted(dest.rglob("*"), reverse=True):
        if path.is_file() and path.relative_to(dest).as_posix() not in files:
            path.unlink()
            removed += 1
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return written, removed


def _write_if_changed(path: Path, content: bytes) -> bool:
    if path.is_file() and path.read_bytes() == content:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return True
