"""Live preview: a site builder serves the assembled folder while a watcher re-assembles it.

When a file in ``data/`` or ``docs/`` changes, the generator runs again in this process; if the
data have problems they are printed and the preview keeps showing the last good version. The
builder sees which files in ``build/docs`` changed, rebuilds only their pages, and reloads the
browser. A change of the generated settings (the navigation, when an authority is added or
renamed) reaches every page only in a full build, so the builder's server is started again then.
"""

from __future__ import annotations

import signal
import subprocess
import sys
import threading
from pathlib import Path

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from generator.build import BuildError, Project, assemble, mkdocs_environment
from generator.builders import BUILDERS, serve_command
from generator.chart_cache import Files
from generator.load import keeping_documents
from generator.model import Dataset
from generator.problems import DataProblems
from generator.site_config import ConfigError

#: How long a burst of file events (an editor saving) must be quiet before the generator runs.
DEBOUNCE_SECONDS = 0.05


class _Rebuild(FileSystemEventHandler):
    """Re-assemble once a burst of file events has settled; ask for a new server when the
    generated settings changed."""

    def __init__(self, project: Project, memory: dict[Path, Files]) -> None:
        self.project = project
        self.memory = memory
        self.timer: threading.Timer | None = None
        self.lock = threading.Lock()  # guards ``timer``
        self.running = threading.Lock()  # one regeneration at a time
        self.settings_changed = threading.Event()

    def on_any_event(self, event: FileSystemEvent) -> None:
        if event.event_type in ("opened", "closed_no_write"):
            return
        with self.lock:
            if self.timer:
                self.timer.cancel()
            self.timer = threading.Timer(DEBOUNCE_SECONDS, self.run)
            self.timer.start()

    def run(self) -> None:
        with self.running:
            print("Change seen in data/ or docs/: regenerating.", flush=True)
            settings = self.project.build / "mkdocs.yml"
            before = settings.read_bytes() if settings.is_file() else b""
            if _assemble_or_report(self.project, self.memory) is not None and settings.read_bytes() != before:
                self.settings_changed.set()


def _assemble_or_report(project: Project, memory: dict[Path, Files]) -> Dataset | None:
    try:
        return assemble(project, memory=memory)
    except DataProblems as problems:
        print(problems.report() + "\nThe preview shows the last good version.", file=sys.stderr, flush=True)
    except (BuildError, ConfigError) as error:
        print(f"error: {error}", file=sys.stderr, flush=True)
    return None


def serve(project: Project, address: str, builder: str) -> int:
    """Run the preview with ``builder`` (one of ``BUILDERS``) until interrupted; returns the exit status."""
    # Ctrl-C (SIGINT) and SIGTERM stop the preview and its builder's server, even where it was
    # started with SIGINT ignored, as a shell starts a background job.
    for stop in (signal.SIGINT, signal.SIGTERM):
        signal.signal(stop, signal.default_int_handler)
    with keeping_documents():
        return _serve(project, address, builder)


def _serve(project: Project, address: str, builder: str) -> int:
    # The chart cache's entries that each regeneration read, for the next: reading and decoding
    # them again is a fifth of its time.
    memory: dict[Path, Files] = {}
    dataset = _assemble_or_report(project, memory)
    if dataset is None:
        return 1
    observer = Observer()
    handler = _Rebuild(project, memory)
    for folder in (project.data, project.docs):
        observer.schedule(handler, str(folder), recursive=True)
    observer.start()

    def start() -> subprocess.Popen[bytes]:
        return subprocess.Popen(serve_command(builder, project.build, address), env=mkdocs_environment(dataset))

    server = start()
    try:
        while server.poll() is None:
            if handler.settings_changed.wait(0.5):
                handler.settings_changed.clear()
                print(f"The site's settings changed (its navigation): {BUILDERS[builder]} builds every page again.",
                      flush=True)
                server.terminate()
                server.wait()
                server = start()
    except KeyboardInterrupt:
        pass
    finally:
        observer.stop()
        server.terminate()
        server.wait()
        observer.join()
    return 0
