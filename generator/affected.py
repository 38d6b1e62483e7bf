"""Which authority pages a change to the data affects: the data at a git revision (a pull request's
base) against the data in the working tree; and the latest update of the data, which the front page
describes.

Both are validated into models and compared authority by authority, each by its register entry
and its events, so that what is reported is what the pages are made from: a comment, a reordered
field or re-indented YAML changes no page and is not reported. The base is read from git's object
store (``git archive``) into a temporary folder, so neither the working tree nor the index is
touched and no second checkout is needed. Only ``data/`` is compared: a change to the generator or
to the hand-written pages can change any page, and the summary says so.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import subprocess
import tarfile
import tempfile
from dataclasses import astuple, dataclass
from pathlib import Path
from typing import Literal

from generator.model import Authority, Dataset, Region, Timeline
from generator.problems import DataProblems
from generator.validate import load_dataset

DATA = "data"
#: The register's fields that every authority page shows (the as-of date, what the data cover,
#: how far each source runs, when the data were last checked against Ofsted's report site), named
#: as data/authorities.yaml writes them.
DATASET_FIELDS = ("as_of", "coverage", "currency", "ofsted_checked")


class GitError(Exception):
    """The revision is unknown, or git could not give the data at it."""


@dataclass(frozen=True)
class AuthorityChange:
    """One authority whose page is added, removed or changed, and what about it changed."""

    status: Literal["added", "removed", "changed"]
    timeline: Timeline  # as the change leaves it; as it was, for a removed authority
    register: tuple[str, ...] = ()  # fields of its register entry that changed
    events_added: tuple[str, ...] = ()  # event ids
    events_changed: tuple[str, ...] = ()
    events_removed: tuple[str, ...] = ()
    updated: bool = False  # its file's ``updated`` date changed


@dataclass(frozen=True)
class Mention:
    """An unchanged authority's page that names a changed one, and in what capacity."""

    timeline: Timeline
    role: Literal["statistical neighbour", "predecessor", "successor"]
    of: Timeline


@dataclass(frozen=True)
class Comparison:
    """What a change does to the site's data. When either side's data do not validate there is
    nothing to compare, and its problems say why."""

    revision: str
    changes: tuple[AuthorityChange, ...] = ()  # by status, then by name
    regions: tuple[Region, ...] = ()  # whose pages list a changed authority, in the order of Region
    mentions: tuple[Mention, ...] = ()  # by the naming page's authority name
    dataset: tuple[str, ...] = ()  # DATASET_FIELDS that changed
    frameworks: bool = False  # data/frameworks.yaml's grades, judgements, frameworks or rhythms changed
    cartogram: bool = False  # the map's layout changed
    head_problems: DataProblems | None = None
    base_problems: DataProblems | None = None


@dataclass(frozen=True)
class Update:
    """The latest update of the data, and what it changed: a commit, or changes not yet committed
    (an editor's working copy, in the preview), which have neither hash nor day."""

    comparison: Comparison
    commit: str | None = None  # its full hash
    day: dt.date | None = None  # the day it was committed


def compare_with(root: Path, revision: str, head: Dataset | None = None) -> Comparison:
    """Compare the data in ``root`` (the working tree; ``head`` where they are already loaded) with
    the data at ``revision``.

    Raises ``GitError`` when the revision is unknown or git fails. Problems in the working tree's
    data are returned, not raised, so that a summary can say the change does not validate; the
    base's are returned too, as they can be the change's doing (a change of the format rules
    validates the base with the new rules)."""
    if head is None:
        try:
            head = load_dataset(root / DATA, root)
        except DataProblems as problems:
            return Comparison(revision, head_problems=problems)
    try:
        base = _dataset_at(root, _commit(root, revision))
    except DataProblems as problems:
        return Comparison(revision, base_problems=problems)
    return compare(base, head, revision)


def latest_update(root: Path, head: Dataset) -> Update:
    """The latest update of ``head``, the data in ``root``'s working tree: its changes to ``data/``
    not yet committed, against HEAD, where it has any; otherwise the latest commit that changed
    ``data/``, against the commit before it.

    Raises ``GitError``, saying why, where git holds nothing to compare with (``root`` is not the
    top of a git work tree, which a copy of the files is not; HEAD has no commit yet; the latest
    commit that changed the data is the first git holds here, the repository's first or the oldest
    of a shallow clone) or git fails."""
    top = _git(root, "rev-parse", "--show-toplevel")
    if top.returncode != 0:
        raise GitError(_said(top) or f"{root} is not in a git work tree")
    if Path(top.stdout.decode().strip()).resolve() != root.resolve():
        raise GitError(f"{root} is not the top of its git work tree")
    if not _exists(root, "HEAD"):
        raise GitError("the repository has no commit yet")
    if _output(root, "status", "--porcelain", "--untracked-files=all", "--", DATA):
        return Update(compare_with(root, "HEAD", head))
    latest = _output(root, "log", "-1", "--format=%H %cs", "--", DATA).split()
    if not latest:
        raise GitError(f"no commit has changed {DATA}/")
    commit, day = latest
    if not _exists(root, f"{commit}^"):
        raise GitError(f"the commit that last changed {DATA}/ ({commit[:7]}) is the first git holds here "
                       "(in CI, check out with fetch-depth: 0)")
    return Update(compare_with(root, f"{commit}^", head), commit, dt.date.fromisoformat(day))


@functools.lru_cache(maxsize=4)
def _dataset_at(root: Path, commit: str) -> Dataset:
    """The data at ``commit`` (a full hash, so that what is kept stays true), validated. Kept, as
    the preview rebuilds against the same commit at each change an editor saves."""
    with tempfile.TemporaryDirectory(prefix="affected-") as folder:
        base_root = Path(folder)
        _export_data(root, commit, base_root)
        return load_dataset(base_root / DATA, base_root)


def _commit(root: Path, revision: str) -> str:
    """The full hash of the commit that ``revision`` names."""
    found = _git(root, "rev-parse", "--verify", "--quiet", "--end-of-options", f"{revision}^{{commit}}")
    if found.returncode != 0:
        raise GitError(_said(found) or f"'{revision}' is not a revision git knows in {root}; fetch it first "
                                       "(in CI, check out with fetch-depth: 0)")
    return found.stdout.decode().strip()


def _exists(root: Path, revision: str) -> bool:
    try:
        _commit(root, revision)
    except GitError:
        return False
    return True


def _export_data(root: Path, revision: str, destination: Path) -> None:
    """Write ``data/`` as it is at ``revision`` into ``destination/data``, from git's objects."""
    archive = _git(root, "archive", "--format=tar", _commit(root, revision), "--", DATA)
    if archive.returncode != 0:
        raise GitError(f"cannot read {DATA}/ at '{revision}': {_said(archive)}")
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(destination, filter="data")


def _git(root: Path, *arguments: str) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(["git", "-C", str(root), *arguments], capture_output=True, check=False)
    except OSError as error:
        raise GitError(f"cannot run git: {error}") from error


def _output(root: Path, *arguments: str) -> str:
    """What git prints; raises ``GitError`` when it fails."""
    done = _git(root, *arguments)
    if done.returncode != 0:
        raise GitError(f"git {arguments[0]} failed in {root}: {_said(done)}")
    return done.stdout.decode(errors="replace").strip()


def _said(done: subprocess.CompletedProcess[bytes]) -> str:
    """What git said on failing, on one line (``fatal: not a git repository ...``)."""
    return " ".join(done.stderr.decode(errors="replace").split())


def compare(base: Dataset, head: Dataset, revision: str) -> Comparison:
    """The authorities ``head`` adds, removes or changes against ``base``, the pages that list or
    name them, and the data set's own fields that changed."""
    before = {t.authority.slug: t for t in base.timelines}
    after = {t.authority.slug: t for t in head.timelines}
    changes = [AuthorityChange("added", after[slug]) for slug in after.keys() - before.keys()]
    changes += [AuthorityChange("removed", before[slug]) for slug in before.keys() - after.keys()]
    changes += [change for slug in after.keys() & before.keys()
                if (change := _changed(before[slug], after[slug])) is not None]
    order = {"changed": 0, "added": 1, "removed": 2}
    changes.sort(key=lambda c: (order[c.status], c.timeline.authority.name.casefold(), c.timeline.authority.slug))
    regions = {c.timeline.authority.region for c in changes}
    regions |= {before[c.timeline.authority.slug].authority.region for c in changes if c.status == "changed"}
    return Comparison(
        revision,
        tuple(changes),
        tuple(r for r in Region if r in regions),
        _mentions(base, head, {c.timeline.authority.slug for c in changes}),
        tuple(f for f in DATASET_FIELDS if getattr(base, f) != getattr(head, f)),
        astuple(base.frameworks) != astuple(head.frameworks),  # in full: a term equals another by its id
        base.cartogram != head.cartogram,
    )


def _changed(before: Timeline, after: Timeline) -> AuthorityChange | None:
    old = {e.id: e for e in before.events}
    new = {e.id: e for e in after.events}
    change = AuthorityChange(
        "changed", after,
        register=tuple(f for f in Authority.model_fields
                       if getattr(before.authority, f) != getattr(after.authority, f)),
        events_added=tuple(e.id for e in after.events if e.id not in old),
        events_changed=tuple(e.id for e in after.events if e.id in old and old[e.id] != e),
        events_removed=tuple(e.id for e in before.events if e.id not in new),
        updated=before.updated != after.updated,
    )
    unchanged = not (change.register or change.events_added or change.events_changed or change.events_removed
                     or change.updated)
    return None if unchanged else change


def _mentions(base: Dataset, head: Dataset, changed: set[str]) -> tuple[Mention, ...]:
    """Pages of unchanged authorities that show a changed one: the grades of its statistical
    neighbours, and who took over from whom. Such a page names others by its own register entry,
    which has not changed, or is named as a successor by a changed authority, before the change or
    after it (an authority removed, or no longer naming it, changes the page too)."""
    named_by = [t for data in (head, base) for t in data.timelines if t.authority.slug in changed]
    found = []
    for timeline in head.timelines:
        authority = timeline.authority
        if authority.slug in changed:
            continue
        found += [Mention(timeline, "statistical neighbour", head.timeline(slug))
                  for slug in authority.neighbours if slug in changed]
        found += [Mention(timeline, "successor", head.timeline(slug))
                  for slug in authority.successors if slug in changed]
        predecessors: dict[str, Timeline] = {}
        for other in named_by:  # the change's own version first, where it has one
            if authority.slug in other.authority.successors:
                predecessors.setdefault(other.authority.slug, other)
        found += [Mention(timeline, "predecessor", other) for other in predecessors.values()]
    return tuple(found)
