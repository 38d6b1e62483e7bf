"""Build the site: validate, generate every page and chart, then let MkDocs build it.

This is the one module that writes. Everything is generated in memory first, so a problem in
the data stops the build before any file changes. The assembled pages are synced into
``build/docs`` (only changed files are written, so a running ``mkdocs serve`` reloads once), and
MkDocs builds into a temporary folder that replaces ``build/site`` only when it has succeeded:
a failed or interrupted build leaves the last good site as it was.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from generator.model import Dataset
from generator.render.charts import DARK, LIGHT, chart_rows, spec_json, svg, timeline_spec
from generator.render.pages import (
    DARK_SVG,
    LIGHT_SVG,
    SPEC_JSON,
    authority_page,
    chart_path,
    index_page,
    page_path,
)
from generator.render.reference import reference_page
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


def generate(project: Project, log: Log = print) -> tuple[Dataset, dict[str, bytes], str]:
    """Validate the data and make every file of the assembled docs, in memory.

    Returns the dataset, the files (path in the docs folder to content) and the text of the
    generated MkDocs configuration. Raises ``DataProblems`` or ``BuildError``; writes nothing.
    """
    started = time.monotonic()
    dataset = load_dataset(project.data, project.root)
    events = sum(len(t.events) for t in dataset.timelines)
    log(f"Validated {len(dataset.timelines)} authorities and {events} events "
        f"({time.monotonic() - started:.1f} s).")
    settings = read_settings(project.config)
    generated = _render(dataset, settings, log)
    files = _hand_written(project.docs)
    clashes = sorted(set(files) & set(generated))
    if clashes:
        raise BuildError("docs/ has files where generated pages go: " + ", ".join(f"docs/{c}" for c in clashes))
    files.update(generated)
    log(f"Generated {len(generated)} files ({time.monotonic() - started:.1f} s).")
    return dataset, files, build_config(settings, dataset)


def _render(dataset: Dataset, settings: SiteSettings, log: Log) -> dict[str, bytes]:
    files: dict[str, str] = {}
    total = len(dataset.timelines)
    for number, timeline in enumerate(dataset.timelines, 1):
        rows = chart_rows(timeline, dataset.as_of)
        page = authority_page(timeline, dataset, rows, settings.data_file_url(timeline.file))
        files[page_path(timeline)] = page
        if rows:
            light = timeline_spec(rows, dataset.as_of, LIGHT)
            files[chart_path(timeline, SPEC_JSON)] = spec_json(light)
            files[chart_path(timeline, LIGHT_SVG)] = svg(light)
            files[chart_path(timeline, DARK_SVG)] = svg(timeline_spec(rows, dataset.as_of, DARK))
        if number % 20 == 0 or number == total:
            log(f"  pages and charts: {number} of {total} authorities")
    files["authorities/index.md"] = index_page(dataset)
    files["editing/reference.md"] = reference_page()
    return {path: text.encode("utf-8") for path, text in files.items()}


def _hand_written(docs: Path) -> dict[str, bytes]:
    return {
        path.relative_to(docs).as_posix(): path.read_bytes()
        for path in sorted(docs.rglob("*"))
        if path.is_file() and not any(part.startswith(".") for part in path.relative_to(docs).parts)
    }


def assemble(project: Project, log: Log = print) -> Dataset:
    """Generate, then write the assembled docs and configuration into ``build/``."""
    dataset, files, config = generate(project, log)
    written, removed = sync_tree(files, project.build / "docs")
    _write_if_changed(project.build / "mkdocs.yml", config.encode("utf-8"))
    log(f"Assembled build/docs: {written} files written, {removed} removed, "
        f"{len(files) - written} unchanged.")
    return dataset


def build(project: Project, log: Log = print) -> Path:
    """Assemble, then build the site with MkDocs (strict) into ``build/site``."""
    dataset = assemble(project, log)
    started = time.monotonic()
    project.build.mkdir(exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".site-", dir=project.build))
    try:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict",
             "--config-file", str(project.build / "mkdocs.yml"), "--site-dir", str(staging)],
            env=mkdocs_environment(dataset), capture_output=True, text=True, check=False,
        )
        if result.returncode != 0:
            output = (result.stderr + result.stdout).splitlines()
            raise BuildError("MkDocs could not build the site:\n"
                             + "\n".join(line for line in output if not line.startswith("INFO")))
        site = project.build / "site"
        previous = project.build / f".site-old-{os.getpid()}"
        if site.exists():
            site.rename(previous)
        staging.rename(site)
        shutil.rmtree(previous, ignore_errors=True)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    pages = sum(1 for _ in site.rglob("*.html"))
    log(f"Built build/site: {pages} HTML pages ({time.monotonic() - started:.1f} s).")
    return site


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
