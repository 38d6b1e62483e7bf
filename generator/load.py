"""Read YAML data files into plain values that remember the line of every key and item.

Files are composed, never constructed: every scalar stays the text the editor typed (so
``2019-02-30`` reaches validation as text and becomes a problem with its line, not a crash),
no YAML tag can build a Python object, and aliases are refused outright: the composer reads
libyaml's events and reports each alias at its own line instead of resolving it to the value it
names, so nothing is shared or expanded (an alias bomb is only its own few lines). The loader
knows nothing about the meaning of the data; ``validate`` does.
"""

from __future__ import annotations

import bisect
import codecs
import contextlib
import errno
import os
import re
import stat
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.problems import SHOWN, Problem, problem

#: libyaml's parser, in C; PyYAML's own, in Python, where PyYAML was built without libyaml.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
MAX_FILE_BYTES = 2_000_000
MAX_DEPTH = 30
_STANDARD = "tag:yaml.org,2002:"
_NULLS = {"", "~", "null", "Null", "NULL"}
_PLAIN_TAGS = {_STANDARD + t for t in ("str", "int", "float", "bool", "null", "timestamp")}

Path_ = tuple[str | int, ...]


@dataclass
class Document:
    """A loaded file: its data as dicts, lists, text and None, and the line of each path in it."""

    file: str
    data: Any
    lines: dict[Path_, int] = field(default_factory=dict)

    def line_of(self, path: Path_) -> int:
        """The line of ``path``, or of its nearest ancestor when the path is absent (a missing key)."""
        while path not in self.lines and path:
            path = path[:-1]
        return self.lines.get(path, 1)


def read_text(path: Path, display_name: str) -> tuple[str | None, list[Problem]]:
    """A data file's text, within the size limit, decoded as UTF-8 (a byte-order mark is dropped);
    or None and the problem that stopped it."""
    raw, problems = _read(path, display_name)
    return (None, problems) if raw is None else _decoded(raw, display_name)


def _read(path: Path, display_name: str) -> tuple[bytes | None, list[Problem]]:
    """A data file's bytes, within the size limit; or None and the problem that stopped it.

    Only a regular file is read, never through a symbolic link: a link could show a file from
    anywhere on the machine in a message (its first line, as a wrong type) or in the site, and a
    device or a pipe could be read for ever. The file is opened without following a link and
    checked again once open, so nothing can swap it in between, and read no further than one
    byte past the limit."""
    try:
        kind = _kind(path.lstat().st_mode)
        if kind is not None:
            return None, [problem("not_a_file", display_name, 1, kind=kind)]
        with os.fdopen(os.open(path, _OPEN_FLAGS), "rb") as opened:
            status = os.fstat(opened.fileno())
            kind = _kind(status.st_mode)
            if kind is not None:  # swapped for something else since the look
                return None, [problem("not_a_file", display_name, 1, kind=kind)]
            raw = opened.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        if error.errno in _LINK_REFUSED:  # made a link between the look and the opening
            return None, [problem("not_a_file", display_name, 1, kind=SYMBOLIC_LINK)]
        return None, [problem("file_unreadable", display_name, 1, detail=error.strerror or str(error))]
    if len(raw) > MAX_FILE_BYTES:
        size = max(status.st_size, len(raw))  # the size it has, or at least what was read (a growing file)
        return None, [problem("file_too_large", display_name, 1, size=size, limit=MAX_FILE_BYTES)]
    return raw, []


#: How a data file is opened: for reading, as bytes, never following a symbolic link, never
#: waiting on a pipe and never becoming a terminal's, wherever the system offers each.
_OPEN_FLAGS = os.O_RDONLY | sum(getattr(os, flag, 0) for flag in ("O_BINARY", "O_NOFOLLOW", "O_NONBLOCK", "O_NOCTTY"))
#: What opening a symbolic link with O_NOFOLLOW fails with: ELOOP (Linux, macOS), EMLINK (FreeBSD)
#: or EFTYPE (NetBSD).
_LINK_REFUSED = {errno.ELOOP, errno.EMLINK, getattr(errno, "EFTYPE", errno.ELOOP)}
SYMBOLIC_LINK = "a symbolic link"
#: What each kind of thing that is not a regular file is called in a message.
_KINDS = {stat.S_IFLNK: SYMBOLIC_LINK, stat.S_IFDIR: "a folder", stat.S_IFIFO: "a pipe",
          stat.S_IFSOCK: "a socket", stat.S_IFCHR: "a device", stat.S_IFBLK: "a device"}


def _kind(mode: int) -> str | None:
    """None for a regular file; otherwise what it is, in words."""
    return None if stat.S_ISREG(mode) else _KINDS.get(stat.S_IFMT(mode), "not a regular file")


def not_ordinary(path: Path) -> str | None:
    """What ``path`` is, in words, where it is neither a regular file nor a folder (a symbolic
    link, a pipe, a device); None where it is one of those."""
    mode = path.lstat().st_mode
    return None if stat.S_ISDIR(mode) else _kind(mode)


def _decoded(raw: bytes, display_name: str) -> tuple[str | None, list[Problem]]:
    try:
        return utf8_text(raw), []
    except NotUtf8 as error:
        return None, [problem("not_utf8", display_name, error.line, byte=f"0x{error.byte:02x}")]


class NotUtf8(ValueError):
    """Bytes that are not UTF-8 text: the first byte that is not, and its line."""

    def __init__(self, byte: int, line: int) -> None:
        super().__init__(f"line {line}: byte 0x{byte:02x} is not UTF-8 text")
        self.byte, self.line = byte, line


def utf8_text(raw: bytes) -> str:
    """``raw`` decoded as UTF-8, a byte-order mark dropped; or ``NotUtf8`` naming the first bad byte.

    The mark is dropped before decoding rather than by the ``utf-8-sig`` codec, whose error
    positions count from after the mark: they would name the byte three places earlier."""
    body = raw.removeprefix(codecs.BOM_UTF8)
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as error:
        start = len(raw) - len(body) + error.start
        raise NotUtf8(raw[start], raw[:start].count(b"\n") + 1) from None


def load_document(path: Path, display_name: str) -> tuple[Document | None, list[Problem]]:
    """Load one YAML file; return the document, or None and the problems that stopped it."""
    raw, problems = _read(path, display_name)
    return (None, problems) if raw is None else _document(raw, display_name)


#: How many files' documents ``load_kept`` keeps (a national data set is 162 files).
KEPT = 512
#: The documents ``load_kept`` keeps, while a long-running process has asked (``keeping_documents``).
_kept: OrderedDict[tuple[Path, str], tuple[bytes, tuple[Document | None, list[Problem]]]] | None = None


@contextlib.contextmanager
def keeping_documents() -> Iterator[None]:
    """Within the block, ``load_kept`` keeps each file's document for the next load: the preview
    validates every file each time an editor saves one, and parsing is most of that time. Outside
    it nothing is kept, so that a one-shot build holds one file's parse at a time (keeping them
    all added a quarter to the peak memory of a build with ten times the events)."""
    global _kept
    before, _kept = _kept, OrderedDict() if _kept is None else _kept
    try:
        yield
    finally:
        _kept = before


def load_kept(path: Path, display_name: str) -> tuple[Document | None, list[Problem]]:
    """``load_document``, kept with the bytes it was read from within ``keeping_documents``, for
    callers that only read the document and never change it (validation). A file whose bytes
    changed is read again; the bytes, not the file's time, tell, as two saves can share a time."""
    raw, problems = _read(path, display_name)
    if raw is None:
        return None, problems
    if _kept is None:
        return _document(raw, display_name)
    key = (path, display_name)
    kept = _kept.get(key)
    if kept is not None and kept[0] == raw:
        _kept.move_to_end(key)
        return kept[1]
    loaded = _document(raw, display_name)
    _kept[key] = (raw, loaded)
    if len(_kept) > KEPT:
        _kept.popitem(last=False)
    return loaded


def _document(raw: bytes, display_name: str) -> tuple[Document | None, list[Problem]]:
    text, problems = _decoded(raw, display_name)
    if text is None:
        return None, problems
    document = Document(display_name, None)
    lines = _Lines(text)
    try:
        document.data = _Composer(yaml.parse(text, Loader=_LOADER), document, problems, lines).document()
    except _Abandon as abandoned:
        return None, [abandoned.problem]
    except yaml.MarkedYAMLError as error:
        detail = f"{error.problem} ({error.context})" if error.context else str(error.problem)
        return None, [problem("yaml_syntax", display_name, lines.line(_mistake(error)), detail=detail)]
    except yaml.reader.ReaderError as error:
        # libyaml gives the position in bytes of the UTF-8 text (PyYAML's own reader, in
        # characters), and no line.
        at = error.position if _LOADER is yaml.SafeLoader else len(
            text.encode("utf-8")[:error.position].decode("utf-8", "ignore"))
        line, column = lines.place(at)
        character = f"U+{error.character:04X}" if isinstance(error.character, int) else str(error.character)
        return None, [problem("control_character", display_name, line, column=column, character=character)]
    except yaml.YAMLError as error:
        return None, [problem("yaml_syntax", display_name, 1, detail=str(error))]
    return document, problems


#: libyaml's errors whose mistake is where the token it names began, not where it gave up: a key
#: whose ':' never came (found at the next line) and a quotation never closed (at the end of the
#: file). Elsewhere (a tab in a block of text, say) where it gave up is the mistake.
_BEGUN_AT = {("while scanning a simple key", "could not find expected ':'"),
             ("while scanning a quoted scalar", "found unexpected end of stream")}


def _mistake(error: yaml.MarkedYAMLError) -> yaml.Mark | None:
    """Where the mistake is, of the two places libyaml marks (``_BEGUN_AT``)."""
    if error.context_mark is not None and (error.context, error.problem) in _BEGUN_AT:
        return error.context_mark
    return error.problem_mark or error.context_mark


#: What libyaml counts as ending a line, but git and GitHub (whose annotations name a line) do
#: not: a carriage return on its own, NEL, and the line and paragraph separators (U+2028,
#: U+2029). Most editors agree with git but for the lone carriage return, which no file here uses.
_OTHER_BREAKS = re.compile("\r(?!\n)|[\x85\u2028\u2029]")


class _Lines:
    """Lines as git and editors number them, where only a line feed ends a line: a problem's
    line is the one an editor opens, and a separator inside a value does not move every later
    problem down a line. libyaml's own count is used where the text holds no other break."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts: list[int] | None = None
        self.plain = not _OTHER_BREAKS.search(text)
        #: The last line: libyaml marks the end of a file that ends with a line break a line after it.
        self.last = max(text.count("\n") + (not text.endswith("\n")), 1)

    def line(self, mark: yaml.Mark | None) -> int:
        """The line of a mark of libyaml's (1 where there is none)."""
        if mark is None:
            return 1
        return min(mark.line + 1 if self.plain else self.place(mark.index)[0], self.last)

    def place(self, index: int) -> tuple[int, int]:
        """The line and column of the character at ``index`` of the text, counting from 1."""
        if self._starts is None:
            self._starts = [0, *(found.end() for found in re.finditer("\n", self.text))]
        line = bisect.bisect_right(self._starts, index)
        return line, index - self._starts[line - 1] + 1


class _Abandon(Exception):
    """A file that is not read further: nested deeper than anyone writes by hand, or more than
    one document."""

    def __init__(self, found: Problem) -> None:
        super().__init__(str(found))
        self.problem = found


class _Composer:
    """Builds plain values from libyaml's stream of parse events, recording each path's line.

    libyaml (in C) scans and parses; only the composing is Python. It never recurses deeper than
    ``MAX_DEPTH``: a file nested further is abandoned there, so no file can exhaust the stack
    however deep it goes, nor make libyaml work through it (its time grows with the square of
    the depth).
    """

    def __init__(self, events: Iterator[yaml.Event], doc: Document, problems: list[Problem], lines: _Lines) -> None:
        self.events = events
        self.doc = doc
        self.problems = problems
        self.lines = lines

    def document(self) -> Any:
        """The file's one document, or None for an empty file."""
        data = None
        documents = 0
        for event in self.events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise _Abandon(problem("yaml_syntax", self.doc.file, self._line(event),
                                           detail="found a second document (---); a data file holds one"))
                data = self._value(next(self.events), ())
        return data

    def _line(self, event: yaml.Event) -> int:
        return self.lines.line(event.start_mark)

    def _report(self, code: str, line: int, path: Path_, **context: Any) -> None:
        self.problems.append(problem(code, self.doc.file, line, dotted(path), **context))

    def _value(self, event: yaml.Event, path: Path_) -> Any:
        # A mapping value is placed at its key's line, already recorded; anything else at its own.
        line = self.doc.lines.setdefault(path, self._line(event))
        if isinstance(event, yaml.AliasEvent):
            self._report("yaml_alias", line, path)
            return None
        if len(path) > MAX_DEPTH:
            # Stop reading: libyaml's time grows with the square of the depth of brackets.
            raise _Abandon(problem("yaml_too_deep", self.doc.file, line, dotted(path), limit=MAX_DEPTH))
        if isinstance(event, yaml.ScalarEvent):
            if event.tag is not None and event.tag not in _PLAIN_TAGS:
                self._report("yaml_tag", line, path, tag=event.tag)
                return None
            plain_null = event.tag is None and event.implicit[0] and event.value in _NULLS
            return None if plain_null or event.tag == _STANDARD + "null" else event.value
        assert isinstance(event, yaml.CollectionStartEvent)
        kind = "seq" if isinstance(event, yaml.SequenceStartEvent) else "map"
        if event.tag is not None and event.tag != _STANDARD + kind:
            self._report("yaml_tag", line, path, tag=event.tag)
            self._skip(event, path)
            return None
        if kind == "seq":
            items: list[Any] = []
            for item in self._until(yaml.SequenceEndEvent):
                items.append(self._value(item, path + (len(items),)))
            return items
        return self._mapping(path)

    def _mapping(self, path: Path_) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first_lines: dict[str, int] = {}
        for key in self._until(yaml.MappingEndEvent):
            key_line = self._line(key)
            self._skip(key, path)  # a key that is a list or a mapping: its items come before its value
            value = next(self.events)
            if isinstance(key, yaml.AliasEvent):
                self._report("yaml_alias", key_line, path)
            elif not isinstance(key, yaml.ScalarEvent):
                self._report("yaml_key", key_line, path,
                             found="a list" if isinstance(key, yaml.SequenceStartEvent) else "a mapping")
            elif key.tag is not None and key.tag not in _PLAIN_TAGS:
                self._report("yaml_tag", key_line, path, tag=key.tag)
            elif key.value in first_lines:
                self._report("duplicate_key", key_line, path + (key.value,), key=key.value,
                             first_line=first_lines[key.value])
            else:
                first_lines[key.value] = key_line
                self.doc.lines[path + (key.value,)] = key_line
                result[key.value] = self._value(value, path + (key.value,))
                continue
            self._skip(value, path + (key.value,) if isinstance(key, yaml.ScalarEvent) else path)
        return result

    def _until(self, end: type[yaml.Event]) -> Iterator[yaml.Event]:
        """The events that start each item of a collection, up to its end."""
        for event in self.events:
            if isinstance(event, end):
                return
            yield event

    def _skip(self, event: yaml.Event, path: Path_) -> None:
        """Pass over the rest of the node that ``event`` starts at ``path``, without recursion; a
        node nested too deep stops the reading there, as it does where it is read."""
        depth = int(isinstance(event, yaml.CollectionStartEvent))
        while depth:
            following = next(self.events)
            if isinstance(following, yaml.CollectionStartEvent):
                depth += 1
                if len(path) + depth > MAX_DEPTH + 1:
                    raise _Abandon(problem("yaml_too_deep", self.doc.file, self._line(following), dotted(path),
                                           limit=MAX_DEPTH))
            elif isinstance(following, yaml.CollectionEndEvent):
                depth -= 1


def dotted(path: Path_) -> str:
    """``('events', 3, 'date')`` -> ``events[3].date``: how problems name a field. A key longer
    than a message quotes (``SHOWN``) is cut short, as a value would be."""
    out = ""
    for part in path:
        key = part if isinstance(part, int) or len(part) <= SHOWN else part[:SHOWN] + "…"
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else key)
    return out

