"""Print how long the import and the builds of the site take, how much memory they use and how big
the site is: a report, never a test (the machines are shared and noisy; compare figures from one
run, not with a threshold).

Run it with ``make bench``. It works on copies of the project in a temporary folder, so it touches
neither data/ nor build/. It measures, on the full national data:

- the import (where ../shared/data is present; a second import of the same sources writes nothing),
  and how much of it is reading Ofsted's reports and letters (their PDFs);
- a cold build (no chart cache): validation, generation and MkDocs, each timed;
- a rebuild after one authority's file changes (an event added): how many charts are drawn
  again, and the time of the generator and of the whole rebuild;
- the same site built by Zensical beside MkDocs' build, from the same generated docs;
- the preview's latency with each builder: from saving an authority's file to its changed page
  being served by ``python -m generator serve``, the median of five saves;
- the sizes of the search index, the largest page, the largest authority page and the site;
- the backtest of the estimate of the next full inspection (the method page shows it in full);
- Lighthouse's performance and accessibility scores (mobile preset, median of three runs) for the
  home page, an authority page, the map and the compare page (bench/lighthouse_scores.py);
- the same cold build of a synthetic data set with ten times the events of each authority, made
  here from the real one and never kept (each copy's id and summary say it is synthetic), and
  the ratio of the two builds' times, which shows how cost grows with history.

Each build runs as ``python -m generator build`` in its own process; its stage times are read from
the lines it prints, and its peak memory is that of its largest process (the generator, one of
its workers, or MkDocs).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import lighthouse_scores
import yaml

from generator.builders import BUILDERS
from generator.next_inspection import backtest
from generator.validate import load_dataset

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
#: The authority whose file the incremental rebuild changes.
CHANGED = "trafford"
#: How many times each authority's events the synthetic data set holds.
TIMES = 10
#: The authority whose file the preview's latency is measured by, and how many saves it is the median of.
PREVIEWED, SAVES = "hartlepool", 5
#: Runs ``argv`` and prints its own children's peak memory (KB) last: a fresh process, so the peak
#: is this run's alone.
_MEASURED = ("import resource, subprocess, sys\n"
             "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
             "sys.stdout.write(done.stdout + done.stderr)\n"
             "print(f'PEAK_KB {resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}')\n"
             "sys.exit(done.returncode)\n")


@dataclass(frozen=True)
class Run:
    """One command's wall time, peak memory (of its largest process) and output."""

    seconds: float
    peak_mb: float
    output: str

    def stage(self, pattern: str) -> float:
        """The seconds a line of the build's output gives for a stage (``pattern`` matches up to them)."""
        found = re.search(pattern + r".*\(([\d.]+) s\)", self.output)
        if not found:
            raise SystemExit(f"benchmark: the build printed no line matching {pattern!r}:\n{self.output}")
        return float(found.group(1))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-synthetic", action="store_true", help="skip the ten-times data set")
    args = parser.parse_args()
    print(f"Inspection Timelines benchmark, {dt.date.today().isoformat()}, {platform.node()}: {_machine()}")
    with tempfile.TemporaryDirectory(prefix="bench-") as temp:
        project = _copy(Path(temp) / "national")
        if SHARED.is_dir():
            imported = _run(project, "import", "--shared", str(SHARED))
            again = _run(project, "import", "--shared", str(SHARED))
            print(f"import (all sources):            {imported.seconds:6.1f} s; again: {again.seconds:.1f} s "
                  f"({_last_line(again.output, 'files')})")
            for what in ("Reports", "Letters"):
                read = imported.stage(f"{what}: [0-9]+ {what.lower()}") - imported.stage(f"{what}: reading")
                print(f"  of which reading {what.lower()}' PDFs: {read:.1f} s")
        else:
            print(f"import: skipped, {SHARED} is not present")

        cold = _run(project, "build")
        _print_build("cold build, national data", cold)
        _print_sizes(project / "build" / "site")
        print(f"next inspection estimate: {backtest(load_dataset(project / 'data', project)).summary()}")
        _print_lighthouse(project / "build" / "site")

        zensical = _run(project, "build", "--builder", "zensical")
        print(f"the same site built by Zensical: {zensical.stage('Built build/site-zensical')} s, against MkDocs' "
              f"{cold.stage('Built build/site')} s")

        _add_event(project / "data" / "events" / f"{CHANGED}.yaml")
        changed = _run(project, "build")
        print(f"rebuild after {CHANGED}'s file changed: {changed.seconds:.1f} s in all; generator "
              f"{changed.stage('Generated')} s ({_last_line(changed.output, 'need no chart drawn')}); "
              f"MkDocs {changed.stage('Built build/site')} s")
        for builder in BUILDERS:
            latencies = _preview_latencies(project, builder)
            print(f"preview with {BUILDERS[builder]}, from saving {PREVIEWED}'s file to its page served: median "
                  f"{statistics.median(latencies):.2f} s of {SAVES} (" + ", ".join(f"{s:.2f}" for s in latencies) + ")")

        if not args.no_synthetic:
            synthetic = _copy(Path(temp) / "synthetic")
            events = _multiply(synthetic / "data" / "events", TIMES)
            bigger = _run(synthetic, "build")
            _print_build(f"cold build, synthetic data ({TIMES}x the events: {events})", bigger)
            _print_sizes(synthetic / "build" / "site")
            print(f"ratio of the cold builds, {TIMES}x events to real: {bigger.seconds / cold.seconds:.2f} in all; "
                  f"generation {_generation(bigger) / _generation(cold):.2f}; "
                  f"MkDocs {bigger.stage('Built build/site') / cold.stage('Built build/site'):.2f}")
    return 0


def _print_lighthouse(site: Path) -> None:
    why = lighthouse_scores.missing()
    if why:
        print(f"lighthouse: skipped, {why}")
        return
    print(f"lighthouse (mobile preset, served with gzip; median of {lighthouse_scores.RUNS} runs):")
    for page, found in lighthouse_scores.medians(site).items():
        print(f"  {page + ':':20} " + ", ".join(f"{category} {score:.0f}" for category, score in found.items()))


def _machine() -> str:
    return f"{len(os.sched_getaffinity(0))} cores, {platform.machine()}, Python {platform.python_version()}"


def _copy(destination: Path) -> Path:
    for name in ("data", "docs", "overrides"):
        shutil.copytree(ROOT / name, destination / name)
    shutil.copy(ROOT / "mkdocs.yml", destination / "mkdocs.yml")
    return destination


def _run(project: Path, *command: str) -> Run:
    started = time.monotonic()
    done = subprocess.run([sys.executable, "-c", _MEASURED, sys.executable, "-m", "generator",
                           "--root", str(project), *command], capture_output=True, text=True, check=False)
    seconds = time.monotonic() - started
    if done.returncode != 0:
        lines = (done.stdout + done.stderr).splitlines()
        raise SystemExit("\n".join([f"benchmark: {' '.join(command)} failed:", *lines[:20], *lines[-3:]]))
    output, _, peak = done.stdout.rpartition("PEAK_KB ")
    return Run(seconds, int(peak) / 1024, output)


def _preview_latencies(project: Path, builder: str) -> list[float]:
    """Start the preview, then save an authority's file ``SAVES`` times, each with a new word in an
    event's summary, and time each save until the served page holds the word."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    page = f"http://127.0.0.1:{port}/inspection-timelines/authorities/{PREVIEWED}/"
    events = project / "data" / "events" / f"{PREVIEWED}.yaml"
    original = events.read_text("utf-8")
    server = subprocess.Popen([sys.executable, "-m", "generator", "--root", str(project), "serve", "--address",
                               f"127.0.0.1:{port}", "--builder", builder],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    latencies = []
    try:
        _until(lambda: "</html>" in _served(page), 300)
        time.sleep(2)  # the builder settles after serving its first build
        for save in range(1, SAVES + 1):
            word = f"Benchmarksave{save}x{port}"
            events.write_text(original.replace("    summary: ", f"    summary: {word} ", 1), "utf-8")
            saved = time.monotonic()
            _until(lambda: word in _served(page), 60)
            latencies.append(time.monotonic() - saved)
            time.sleep(1)
    finally:
        os.killpg(server.pid, signal.SIGINT)
        server.wait(timeout=30)
        events.write_text(original, "utf-8")
    return latencies


def _served(address: str) -> str:
    try:
        with urllib.request.urlopen(address, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def _until(condition: Any, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise SystemExit("benchmark: the preview did not show the change in time")
        time.sleep(0.02)


def _generation(run: Run) -> float:
    return run.stage("Generated") - run.stage("Validated")


def _print_build(what: str, run: Run) -> None:
    print(f"{what}: {run.seconds:.1f} s in all (validation {run.stage('Validated')} s, generation "
          f"{_generation(run):.1f} s, MkDocs {run.stage('Built build/site')} s); peak memory {run.peak_mb:.0f} MB")


def _print_sizes(site: Path) -> None:
    index = site / "search" / "search_index.json"
    pages = sorted(site.rglob("*.html"), key=lambda p: p.stat().st_size)
    authority = [p for p in pages if p.parent.parent.name == "authorities"][-1]
    total = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    print(f"  search index {index.stat().st_size / 1024:.0f} KB; largest page {pages[-1].stat().st_size / 1024:.0f} KB "
          f"({pages[-1].parent.relative_to(site)}/); largest authority page {authority.stat().st_size / 1024:.0f} KB "
          f"({authority.parent.name}); site {len(pages)} pages, {total / 1024 / 1024:.1f} MB")


def _last_line(output: str, containing: str) -> str:
    return next((line.strip() for line in reversed(output.splitlines()) if containing in line), "")


def _add_event(path: Path) -> None:
    """One more event in an authority's file, as an editor adds one: its chart must be drawn again."""
    with path.open("a", encoding="utf-8") as out:
        out.write("  - id: benchmark-synthetic-news\n    kind: news\n    date: 2020-01-15\n"
                  "    summary: Synthetic event added by the benchmark; not real.\n"
                  "    sources:\n      - title: Benchmark (synthetic, not real)\n        publisher: bench/benchmark.py\n")


class _Written(yaml.SafeDumper):
    """Writes every copy out in full: the data files allow no anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def _multiply(events: Path, times: int) -> int:
    """Give every authority ``times`` times its events: each real event and ``times - 1`` copies
    of it, whose ids and summaries say they are synthetic. Returns the number of events in all."""
    total = 0
    for path in sorted(events.glob("*.yaml")):
        data: dict[str, Any] = yaml.safe_load(path.read_text("utf-8"))
        originals = data.get("events") or []
        copies = [{**event, "id": f"{event['id']}-synthetic-{n}",
                   "summary": f"Synthetic copy {n} of {event['id']} for the benchmark; not real."}
                  for n in range(1, times) for event in originals]
        data["events"] = originals + copies
        total += len(data["events"])
        path.write_text(yaml.dump(data, Dumper=_Written, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return total


if __name__ == "__main__":
    sys.exit(main())
