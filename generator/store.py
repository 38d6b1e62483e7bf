"""Change data files only when the data set as a whole validates with the change.

The import and ``new`` both write ``data/`` this way: the new files are written into a copy of
``data/`` in a temporary folder inside the project, the copy is validated as the build validates
it, and only then is each changed file moved into place (a move within one file system is
atomic). A problem anywhere, in the new files or in any other, leaves ``data/`` as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from generator.load import not_ordinary
from generator.problems import DataProblems, Problem, problem
from generator.validate import load_dataset


def write_validated(root: Path, files: dict[str, str]) -> list[str]:
    """Write ``files`` (paths relative to ``data/``, to their text) if the data set validates with
    them; return those whose content changed. Raises ``DataProblems``, naming files as the editor
    knows them (``data/...``), when it does not."""
    data = root / "data"
    odd = _not_ordinary(data, root)
    if odd:
        raise DataProblems(odd)
    with tempfile.TemporaryDirectory(prefix=".staged-", dir=root) as temp:
        staged = Path(temp) / "data"
        # Links stay links, which the validation refuses, rather than becoming copies of their files.
        shutil.copytree(data, staged, symlinks=True)
        for relative, text in files.items():
            (staged / relative).parent.mkdir(parents=True, exist_ok=True)
            (staged / relative).write_text(text, encoding="utf-8")
        load_dataset(staged, Path(temp))  # raises DataProblems: then nothing in data/ has changed
        written = []
        for relative, text in sorted(files.items()):
            target = data / relative
            if target.exists() and target.read_text(encoding="utf-8") == text:
                continue
            os.replace(staged / relative, target)
            written.append(relative)
    return written


def _not_ordinary(data: Path, root: Path) -> list[Problem]:
    """Whatever in ``data`` is neither a regular file nor a folder (a symbolic link, a pipe, a
    device), as the validation would say it: copying it into the staging folder would follow the
    link, or read the device for ever."""
    found = []
    for folder, folders, files in os.walk(data):
        for name in (*folders, *files):
            path = Path(folder) / name
            kind = not_ordinary(path)
            if kind is not None:
                found.append(problem("not_a_file", path.relative_to(root).as_posix(), 1, kind=kind))
    return found
