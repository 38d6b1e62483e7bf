"""What the importer could not use, and where the sources disagree: nothing is dropped silently.

Every skipped row, unreadable grade and disagreement between sources is recorded with the file
and row it came from. The report is printed as a summary and written in full to the build
folder, so an editor can check each one against the source.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Entry:
    kind: str  # "skipped", "not used", "disagreement" or "removed"
    where: str  # the file, sheet and row
    detail: str


@dataclass
class Report:
    entries: list[Entry] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)  # what a reader of a whole source found, under the summary
    #: Disagreements with Ofsted's reports, which are believed: by what (a date, a judgement) and the
    #: origin of the account that disagrees.
    against_reports: Counter[tuple[str, str]] = field(default_factory=Counter)

    def skip(self, where: str, detail: str) -> None:
        """A row the importer did not import at all."""
        self.entries.append(Entry("skipped", where, detail))

    def unused(self, where: str, detail: str) -> None:
        """A value in an imported row that the importer could not use (an unreadable grade)."""
        self.entries.append(Entry("not used", where, detail))

    def disagree(self, where: str, detail: str) -> None:
        """A value that another source gives differently; which one the data keep is said."""
        self.entries.append(Entry("disagreement", where, detail))

    def removed(self, where: str, detail: str) -> None:
        """An event the data held from an earlier import that no source gives any more."""
        self.entries.append(Entry("removed", where, detail))

    def summary(self) -> str:
        counts = Counter(e.kind for e in self.entries)
        if not counts:
            return "The importer used every row and value of the sources."
        return "Not imported or not used: " + ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items()))

    def text(self, title: str = "What the importer could not use") -> str:
        """The full report under ``title``: one line per entry, grouped by kind, in a stable order."""
        lines = [f"# {title}", "", self.summary(), ""]
        lines += [f"- {figure}" for figure in self.figures] + ([""] if self.figures else [])
        for kind in ("skipped", "not used", "disagreement", "removed"):
            entries = sorted(e for e in self.entries if e.kind == kind)
            if entries:
                lines += [f"## {kind.capitalize()} ({len(entries)})", ""]
                lines += [f"- {e.where}: {e.detail}" for e in entries] + [""]
        return "\n".join(lines)
