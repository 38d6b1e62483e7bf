"""Print how long the import, the generation and the site build take on the full data, and how
big the search index and the largest page are.

Run it with ``make bench``. It works on a copy of the project in a temporary folder, so it
touches neither data/ nor build/. Times vary with the machine: compare figures from one run.
The import is timed only where ../shared/data is present.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.build import Project, build, generate  # noqa: E402
from generator.importer.run import run_import  # noqa: E402


def main() -> int:
    quiet = lambda _: None  # noqa: E731
    with tempfile.TemporaryDirectory(prefix="bench-") as temp:
        project = Project(Path(temp))
        for name in ("data", "docs", "overrides"):
            shutil.copytree(ROOT / name, project.root / name)
        shutil.copy(ROOT / "mkdocs.yml", project.root / "mkdocs.yml")
        shared = ROOT.parent / "shared" / "data"
        if shared.exists():
            started = time.monotonic()
            run_import(project.root, shared, dt.date.today(), log=quiet)
            print(f"import (all sources, {shared}):  {time.monotonic() - started:6.1f} s")
        else:
            print(f"import: skipped, {shared} is not present")
        started = time.monotonic()
        dataset, files, _ = generate(project, log=quiet)
        print(f"generation ({len(dataset.timelines)} authorities, {len(files)} files): "
              f"{time.monotonic() - started:6.1f} s")
        started = time.monotonic()
        build(project, log=quiet)
        print(f"site build (generation + MkDocs):  {time.monotonic() - started:6.1f} s")
        site = project.build / "site"
        index = site / "search" / "search_index.json"
        pages = sorted(site.rglob("*.html"), key=lambda p: p.stat().st_size)
        total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
        print(f"search index: {index.stat().st_size / 1024:8.0f} KB")
        print(f"largest page: {pages[-1].stat().st_size / 1024:8.0f} KB ({pages[-1].relative_to(site)})")
        print(f"site: {len(pages)} pages, {total / 1024 / 1024:.1f} MB in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
