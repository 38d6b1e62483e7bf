"""Live preview: MkDocs serves the assembled folder while a watcher re-assembles it.

When a file in ``data/`` or ``docs/`` changes, the generator runs again; if the data have
problems they are printed and the preview keeps showing the last good version. MkDocs sees the
changed files in ``build/docs`` and reloads the browser.
"""

from __future__ import annotations

import subprocess
import sys
import threading
import time

from watchdog.events import FileSystemEvent, FileSystemEventHandler
from watchdog.observers import Observer

from generator.build import BuildError, Project, assemble, mkdocs_environment
from generator.model import Dataset
from generator.problems import DataProblems
from generator.site_config import ConfigError

DEBOUNCE_SECONDS = 0.3


class _Rebuild(FileSystemEventHandler):
    """Re-assemble once a burst of file events (an editor saving) has settled."""

    def __init__(self, project: Project) -> None:
        self.project = project
        self.timer: threading.Timer | None = None
        self.lock = threading.Lock()  # guards ``timer``
        self.running = threading.Lock()  # one regeneration at a time

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
            _assemble_or_report(self.project)


def _assemble_or_report(project: Project) -> Dataset | None:
    try:
        return assemble(project)
    except DataProblems as problems:
        print(problems.report() + "\nThe preview shows the last good version.", file=sys.stderr, flush=True)
    except (BuildError, ConfigError) as error:
        print(f"error: {error}", file=sys.stderr, flush=True)
    return None


def serve(project: Project, address: str) -> int:
    """Run the preview until interrupted; returns the exit status."""
    dataset = _assemble_or_report(project)
    if dataset is None:
        return 1
    observer = Observer()
    handler = _Rebuild(project)
    for folder in (project.data, project.docs):
        observer.schedule(handler, str(folder), recursive=True)
    observer.start()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(project.build / "mkdocs.yml"),
         "--dev-addr", address, "--livereload"],
        env=mkdocs_environment(dataset),
    )
    try:
        while server.poll() is None:
            time.sleep(0.5)
    except KeyboardInterrupt:
        pass
    finally:
        observer.stop()
        server.terminate()
        server.wait()
        observer.join()
    return 0
