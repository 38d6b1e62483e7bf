"""Read YAML data files into plain values that remember the line of every key and item.

Files are composed, never constructed: every scalar stays the text the editor typed (so
``2019-02-30`` reaches validation as text and becomes a problem with its line, not a crash),
no YAML tag can build a Python object, and aliases are refused outright: the composer leaves
each alias where it stands instead of resolving it to the value it names, so no value is shared
or expanded (an alias bomb is only its own few lines) and each alias is reported at its own line.
The loader knows nothing about the meaning of the data; ``validate`` does.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import Composer
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.problems import Problem, problem

MAX_FILE_BYTES = 2_000_000
MAX_DEPTH = 30
_STANDARD = "tag:yaml.org,2002:"
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
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [problem("file_unreadable", display_name, 1, detail=error.strerror or str(error))]
    if len(raw) > MAX_FILE_BYTES:
        return None, [problem("file_too_large", display_name, 1, size=len(raw), limit=MAX_FILE_BYTES)]
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


class _Alias(ScalarNode):
    """An alias (``*name``) as it stands in the file: its name and its own place, not the node it names."""


class _AliasKeepingComposer(Composer):
    """ruamel's composer, except that an alias is composed as an ``_Alias`` rather than resolved
    to its anchor's node. Resolving would share that node, and the tree of a billion laughs (nine
    lines, each of ten aliases of the line above) would reach a billion leaves; and an alias would
    be reported at its anchor's line rather than its own."""

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.parser.check_event(AliasEvent):
            event = self.parser.get_event()
            return _Alias("alias", event.anchor, event.start_mark, event.end_mark)
        return super().compose_node(parent, index)


def load_document(path: Path, display_name: str) -> tuple[Document | None, list[Problem]]:
    """Load one YAML file; return the document, or None and the problems that stopped it."""
    text, problems = read_text(path, display_name)
    if text is None:
        return None, problems
    yaml = YAML(typ="safe", pure=True)
    yaml.Composer = _AliasKeepingComposer
    try:
        root = yaml.compose(text)
    except RecursionError:
        return None, [problem("yaml_too_deep", display_name, 1, limit=MAX_DEPTH)]
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark else 1
        detail = " ".join(filter(None, [error.context, error.problem]))
        return None, [problem("yaml_syntax", display_name, line, detail=detail)]
    except YAMLError as error:
        return None, [problem("yaml_syntax", display_name, 1, detail=str(error))]
    document = Document(display_name, None)
    problems: list[Problem] = []
    if root is not None:
        document.data = _convert(root, (), document, problems)
    return document, problems


def _convert(node: Node, path: Path_, doc: Document, problems: list[Problem]) -> Any:
    # A mapping value is placed at its key's line, already recorded; anything else at its own.
    line = doc.lines.setdefault(path, node.start_mark.line + 1)
    if len(path) > MAX_DEPTH:
        problems.append(problem("yaml_too_deep", doc.file, line, dotted(path), limit=MAX_DEPTH))
        return None
    if isinstance(node, _Alias):
        problems.append(problem("yaml_alias", doc.file, line, dotted(path)))
        return None
    if isinstance(node, ScalarNode):
        if node.tag not in _PLAIN_TAGS:
            problems.append(problem("yaml_tag", doc.file, line, dotted(path), tag=node.tag))
            return None
        return None if node.tag == _STANDARD + "null" else node.value
    if node.tag not in (_STANDARD + "map", _STANDARD + "seq"):
        problems.append(problem("yaml_tag", doc.file, line, dotted(path), tag=node.tag))
        return None
    if isinstance(node, SequenceNode):
        return [_convert(item, path + (i,), doc, problems) for i, item in enumerate(node.value)]
    assert isinstance(node, MappingNode)
    result: dict[str, Any] = {}
    first_lines: dict[str, int] = {}
    for key_node, value_node in node.value:
        key_line = key_node.start_mark.line + 1
        if isinstance(key_node, _Alias):
            problems.append(problem("yaml_alias", doc.file, key_line, dotted(path)))
            continue
        if not isinstance(key_node, ScalarNode):
            found = "a list" if isinstance(key_node, SequenceNode) else "a mapping"
            problems.append(problem("yaml_key", doc.file, key_line, dotted(path), found=found))
            continue
        if key_node.tag not in _PLAIN_TAGS:
            problems.append(problem("yaml_tag", doc.file, key_line, dotted(path), tag=key_node.tag))
            continue
        key = key_node.value
        if key in first_lines:
            problems.append(
                problem("duplicate_key", doc.file, key_line, dotted(path + (key,)), key=key,
                        first_line=first_lines[key])
            )
            continue
        first_lines[key] = key_line
        doc.lines[path + (key,)] = key_line
        result[key] = _convert(value_node, path + (key,), doc, problems)
    return result


def dotted(path: Path_) -> str:
    """``('events', 3, 'date')`` -> ``events[3].date``: how problems name a field."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out

