"""Charts already made, kept by the digest of what they were made from, so that a rebuild makes
again only the charts whose data changed; and, beside them, the text of authorities' pages.

Making charts is most of a build's time: Altair writes a spec and vl-convert draws it in each
palette, about a fifth of a second for each authority. A chart's files depend only on its inputs
(an authority's chart rows, a grade chart's segments, the map's placements) and on the code that
draws them, so they are kept under the digest of both: a change to any of the generator's code,
or to the versions of Altair and vl-convert, starts the cache afresh, and the same inputs always
give the bytes they gave before. An authority's page, downloads and feed are kept the same way,
by what they read (``render.site.page_inputs``): after one authority's file changes, only its
page and the pages of those that list it as a neighbour are written again (all of them, if its
latest grade changed, as every page gives England's counts); so is its share of the whole data
set's files, by its timeline. The cache lives in ``build/cache/charts``, which only the build
writes; a missing or unreadable entry (say, from a killed build) is simply made again.
"""

from __future__ import annotations

import base64
import contextlib
import dataclasses
import functools
import hashlib
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from generator.model import Dataset

#: Files of a chart by name, as the render functions return them: text, or the bytes of a picture.
Files = dict[str, str | bytes]


class NotKept(Exception):
    """A chart that a cache which only looks up (``ChartCache.kept_only``) does not hold."""


class ChartCache:
    """Made charts, authorities' pages and shares of the data set's files under ``root`` (one
    folder for each version of the code), by the digest of their inputs; with no root, everything
    is made afresh.

    Keeping is best effort: a chart that cannot be written to the cache (a full disk, another
    build pruning at the same moment) is still returned, and the build goes on."""

    def __init__(self, root: Path | None, making: bool = True, memory: dict[Path, Files] | None = None) -> None:
        self.root = root
        self.making = making
        #: Entries read before, by path, where a long-running process (the preview) keeps them for
        #: its next build: an entry's path is the digest of its contents, so what is kept stays true.
        self.memory = memory
        self.used: set[Path] = set()
        #: Entries older than this were not used by this build. File times can lag the clock a
        #: little on some file systems; an entry written just before is kept one build longer.
        self.started = time.time() - 2

    @property
    def folder(self) -> Path | None:
        """The folder of this process's code: a worker process that imported other code than the
        build's (edited in between) keeps its charts apart."""
        return self.root / _CODE_DIGEST[:16] if self.root else None

    def kept_only(self) -> ChartCache:
        """This cache, but raising ``NotKept`` where it would make a chart: the build first makes
        every page whose charts are kept, cheaply in one process, then the rest in several."""
        only = ChartCache(self.root, making=False, memory=self.memory)
        only.started, only.used = self.started, self.used
        return only

    def __getstate__(self) -> dict[str, Any]:
        """What a worker process gets: not the memory, which is this process's."""
        return {**self.__dict__, "memory": None, "used": set()}

    def files(self, kind: str, inputs: Any, make: Callable[[], Files], drawing: bool = True) -> Files:
        """The files that ``make`` returns for ``inputs``: kept ones if these inputs were made
        before by this code, else made now and kept. ``kind`` names what is made (``inputs`` may
        be any mix of JSON values, dataclasses and pydantic models). ``drawing`` says whether
        ``make`` draws with vl-convert: what does not (a page's text, a spec) is made even by
        ``kept_only``, in the pass over kept charts."""
        folder = self.folder
        if folder is None:
            return make()
        path = folder / f"{digest(kind, inputs)}.json"
        try:
            remembered = self.memory.get(path) if self.memory is not None else None
            kept = remembered if remembered is not None else _decoded(json.loads(path.read_text("utf-8")))
            os.utime(path)  # used by this build: ``prune`` keeps it
            return self._remember(path, kept)
        except (OSError, ValueError):
            if drawing and not self.making:
                raise NotKept(kind) from None
        made = make()
        temporary = None
        try:
            folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=folder, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(_encoded(made), out, ensure_ascii=False)
            os.replace(temporary, path)  # whole or not at all, even with two processes at once
        except OSError:
            if temporary:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
        return self._remember(path, made)

    def _remember(self, path: Path, files: Files) -> Files:
        if self.memory is not None:
            self.memory[path] = files
            self.used.add(path)
        return files

    def prune(self) -> int:
        """Remove what this build did not use: entries of other versions of the code, and entries
        this build did not look up, so that the cache holds one site's charts, not every version
        ever drawn. Another build may be writing at the same time: what it removes first, or
        cannot remove, is left. Returns how many entries went."""
        if self.root is None or not self.root.is_dir():
            return 0
        removed = 0
        for path in self.root.glob("*/*"):
            with contextlib.suppress(OSError):
                if path.parent != self.folder or path.stat().st_mtime < self.started:
                    path.unlink()
                    removed += 1
        for folder in self.root.iterdir():
            if folder != self.folder:
                with contextlib.suppress(OSError):
                    folder.rmdir()
        if self.memory is not None:  # it keeps what this build used, as the folder does
            for path in self.memory.keys() - self.used:
                del self.memory[path]
        return removed


def _encoded(files: Files) -> dict[str, Any]:
    """Files as JSON: bytes as ``{"base64": ...}``."""
    return {name: {"base64": base64.b64encode(content).decode("ascii")} if isinstance(content, bytes) else content
            for name, content in files.items()}


def _decoded(kept: dict[str, Any]) -> Files:
    return {name: base64.b64decode(content["base64"]) if isinstance(content, dict) else content
            for name, content in kept.items()}


@functools.lru_cache(maxsize=2)
def timeline_digests(dataset: Dataset) -> dict[str, str]:
    """The digest of each authority's timeline, by slug, worked out once for a dataset: what is
    kept for one authority (its page, its share of the whole data set's files) is kept by it."""
    return {t.authority.slug: digest("timeline-data", t) for t in dataset.timelines}


@functools.lru_cache(maxsize=2)
def frameworks_digest(dataset: Dataset) -> str:
    """The digest of the data set's frameworks (the words and order of grades and judgements), once
    for a dataset: what is kept for one authority and shows them is kept by it too."""
    return digest("frameworks", dataset.frameworks)


def digest(kind: str, inputs: Any) -> str:
    """The key of a chart: the digest of what it is and of its inputs."""
    text = json.dumps([kind, inputs], sort_keys=True, ensure_ascii=False, default=_plain)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        # Its fields one level down (JSON comes back here for what they hold): ``asdict`` would
        # copy every pydantic model in a timeline first.
        return {field.name: getattr(value, field.name) for field in dataclasses.fields(value)}
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    return str(value)


def _code_digest() -> str:
    """The digest of every module of the generator, of Python, and of the libraries that draw the
    charts and write the pages' data. (The system's fonts, with which vl-convert measures text,
    are not in it: a machine whose fonts change should start with an empty cache, as CI does.)"""
    package = Path(__file__).resolve().parent
    hashed = hashlib.sha256(f"Python {sys.version} altair {version('altair')} vl-convert {version('vl-convert-python')} "
                            f"pydantic {version('pydantic')}".encode())
    for module in sorted(package.rglob("*.py")):
        hashed.update(module.relative_to(package).as_posix().encode() + b"\0" + module.read_bytes())
    return hashed.hexdigest()


#: Worked out when the generator is imported, so that it is the digest of the code this process runs.
_CODE_DIGEST = _code_digest()
