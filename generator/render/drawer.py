"""A process of its own in which vl-convert starts while the build does other work.

A process's first drawing with vl-convert takes about half a second longer than the rest: it
starts a JavaScript runtime, and holds Python's lock while it does, so no thread can do it
alongside. After one authority's file changes, that half second was most of the generator's
time. So a build that may draw starts this small process first, which imports vl-convert alone
and starts it while the build validates the data and writes the pages whose charts are kept;
the few charts left are then drawn there. Its drawings are vl-convert's own, so they are the
bytes the build's process would draw. If the process cannot start, or fails in any way, the
caller draws in its own process, which reports whatever is wrong.
"""

from __future__ import annotations

import contextlib
import json
import subprocess
import sys
import threading
from typing import Any

#: The process: starts vl-convert with the least drawing that starts everything (an axis has
#: text), then draws each spec it reads, one JSON line in, one JSON line out, until its input ends.
_PROGRAM = """
import json, sys, vl_convert
vl_convert.vegalite_to_svg({"data": {"values": [{"x": 1}]}, "mark": "point",
                            "encoding": {"x": {"field": "x", "type": "quantitative"}}})
for line in sys.stdin:
    try:
        answer = {"svg": vl_convert.vegalite_to_svg(json.loads(line))}
    except Exception as error:
        answer = {"error": str(error)}
    sys.stdout.write(json.dumps(answer) + "\\n")
    sys.stdout.flush()
"""


class Drawer:
    """The drawing process, for one thread at a time; ``close`` ends it (it also ends when this
    process does, as its input then ends)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()  # one spec and its drawing at a time on the pipes
        self._process: subprocess.Popen[str] | None = None
        with contextlib.suppress(OSError):  # none: this process draws
            # -I: the interpreter's own packages only, not the current folder's or the user's,
            # so that it draws with the vl-convert the build's charts are kept for.
            self._process = subprocess.Popen(
                [sys.executable, "-I", "-c", _PROGRAM], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL, text=True, encoding="utf-8")

    def svg(self, spec: dict[str, Any]) -> str | None:
        """The spec drawn as SVG, or None if the process could not draw it (it is then closed)."""
        with self._lock:
            process = self._process
            if process is None or process.stdin is None or process.stdout is None:
                return None
            try:
                process.stdin.write(json.dumps(spec) + "\n")
                process.stdin.flush()
                answer = json.loads(process.stdout.readline())
            except (OSError, ValueError):
                answer = None
        if not isinstance(answer, dict) or not isinstance(answer.get("svg"), str):
            self.close()
            return None
        return answer["svg"]

    def close(self) -> None:
        """End the process at once: it holds nothing worth finishing, and a build that drew
        nothing need not wait for vl-convert to start."""
        with self._lock:
            process, self._process = self._process, None
        if process is not None:
            process.kill()
            process.wait()
            for pipe in (process.stdin, process.stdout):
                if pipe is not None:
                    with contextlib.suppress(OSError):
                        pipe.close()
