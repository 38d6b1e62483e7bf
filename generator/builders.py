"""The site builders, each of which builds the generated docs (``build/docs``) from the generated
``build/mkdocs.yml``: MkDocs with the Material theme, and Zensical, Material's successor, which
reads the same settings. The site is published from the default builder's folder; switching to
Zensical is the one line that names it.
"""

from __future__ import annotations

import sys
from pathlib import Path

#: Each builder by the name the command line takes, with the name it is known by.
BUILDERS = {"mkdocs": "MkDocs", "zensical": "Zensical"}
DEFAULT_BUILDER = "mkdocs"
#: The builder of the preview: both rebuild only the pages whose files changed, and serve the page
#: a clean build gives (tests/test_serve.py), but Zensical does it faster (0.4 s against 0.7 s for
#: one page here; ``make bench`` measures from a save to the page served).
PREVIEW_BUILDER = "zensical"


def site_folder(build_dir: Path, builder: str = DEFAULT_BUILDER) -> Path:
    """Where ``builder`` builds the site: ``build/site`` for the default builder, the one published,
    and ``build/site-BUILDER`` for another, built beside it to compare."""
    return build_dir / ("site" if builder == DEFAULT_BUILDER else f"site-{builder}")


def build_command(builder: str, build_dir: Path, output: Path) -> list[str]:
    """The command that builds the site (strict: a warning fails it) into ``output``, a folder in
    ``build_dir``. Zensical takes its output folder only from its settings, and only inside their
    folder: it gets build/mkdocs.yml's settings with that folder, in a file of its own."""
    config = build_dir / "mkdocs.yml"
    if builder == "mkdocs":
        return [sys.executable, "-m", "mkdocs", "build", "--strict", "--config-file", str(config),
                "--site-dir", str(output)]
    own = build_dir / "zensical.yml"
    own.write_text("# Generated for Zensical: build/mkdocs.yml's settings, with the folder it builds into.\n"
                   f"INHERIT: mkdocs.yml\nsite_dir: {output.relative_to(build_dir).as_posix()}\n", "utf-8")
    return [sys.executable, "-m", "zensical", "build", "--strict", "--config-file", str(own)]


def serve_command(builder: str, build_dir: Path, address: str) -> list[str]:
    """The command that serves a preview of the generated docs at ``address``, rebuilding only the
    pages whose files change (MkDocs' dirty reload, Zensical's incremental build), and reloading the
    browser. Neither follows a change of the settings into the pages that did not change (the
    navigation, when an authority is added or renamed): the preview starts it again for that."""
    if builder == "mkdocs":
        return [sys.executable, "-m", "mkdocs", "serve", "--config-file", str(build_dir / "mkdocs.yml"),
                "--dev-addr", address, "--livereload", "--dirty"]
    own = build_dir / "zensical-preview.yml"
    own.write_text("# Generated for Zensical's preview: build/mkdocs.yml's settings, with the folder it builds into.\n"
                   "INHERIT: mkdocs.yml\nsite_dir: preview-zensical\n", "utf-8")
    return [sys.executable, "-m", "zensical", "serve", "--config-file", str(own), "--dev-addr", address]
