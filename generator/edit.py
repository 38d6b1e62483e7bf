"""Add an event to an authority's events file: what ``python -m generator new`` does.

The event is spliced into the file's text, not added to a loaded copy that is then dumped:
ruamel.yaml's round-trip dump keeps comments and key order, but it re-indents lists and re-folds
long lines written another way than it would write them, so a hand-made file would come back
with changes nobody made. Here every byte an editor wrote stays as it was (a byte-order mark,
which the loader ignores, is the exception); only the new event, written as the import writes
events (fields in the model's order), and the file's ``updated`` date change. ruamel.yaml's
composer says where things are: the ``updated`` value, the end of the last event, and the
column the events' dashes stand in. The whole data set is validated with the new file before
it replaces the old one, so a mistake in the event, or anywhere else, changes nothing.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.importer.write import EVENTS_HEADER, dump
from generator.load import Document, load_document, read_text
from generator.model import Register
from generator.problems import DataProblems, did_you_mean, message
from generator.store import write_validated
from generator.validate import EVENTS_DIR, authority_names, load_register

#: The dashes of the events list stand in this column in files the import writes.
_DASH_COLUMN = 2
_NULL = "tag:yaml.org,2002:null"


class Refused(Exception):
    """The event cannot be added as asked: an unknown authority, an id the file already uses, or a
    file whose events are not a list to add to. Nothing was written."""


class NotAdded(DataProblems):
    """The data set would have problems with the new event, so nothing was written. The problems'
    lines count the event as added; ``file`` and ``line`` say where it would have begun."""

    def __init__(self, problems: DataProblems, file: str, line: int) -> None:
        super().__init__(problems.problems)
        self.file = file
        self.line = line


@dataclass(frozen=True)
class Added:
    """The event added: its id, its file (relative to the project) and the line it begins on."""

    id: str
    file: str
    line: int


def add_event(root: Path, authority: str, event: dict[str, Any], today: dt.date) -> Added:
    """Add ``event`` (its fields as a data file holds them) to the file of ``authority`` (its slug,
    name or alias) in the project at ``root``, and set the file's ``updated`` to ``today``.

    Without an ``id``, the event is named from its kind and date (``default_id``). Raises
    ``Refused``, or ``DataProblems`` (``NotAdded`` when the data would have problems with the
    event in them); in either case nothing is written.
    """
    register = load_register(root / "data", root)
    slug = _find_authority(register, authority)
    relative = f"{EVENTS_DIR}/{slug}.yaml"
    file = f"data/{relative}"
    if "id" not in event:
        event = {**event, "id": default_id(str(event.get("kind", "")), str(event.get("date", "")))}
    path = root / file
    if path.exists():
        document, problems = load_document(path, file)
        if document is None or problems:
            raise DataProblems(problems)
        _refuse_taken_id(document, str(event["id"]))
        text = read_text(path, file)[0] or ""  # read as load_document read it, without a problem
    else:  # a new authority in the register: its file starts here, as the import starts one
        name = next(a.name for a in register.authorities if a.slug == slug)
        text = dump({"authority": slug, "updated": today.isoformat(), "events": []}, EVENTS_HEADER.format(name=name))
    new_text, line = _spliced(text, event, today, file)
    try:
        write_validated(root, {relative: new_text})
    except DataProblems as problems:
        raise NotAdded(problems, file, line) from None
    return Added(str(event["id"]), file, line)


def _find_authority(register: Register, authority: str) -> str:
    """The slug of the authority whose slug, name or alias is ``authority`` (in any case)."""
    names = authority_names(register.authorities)
    slug = names.get(authority.strip().casefold())
    if slug is None:
        raise Refused(message("unknown_authority", slug=authority, suggestion=did_you_mean(authority, names)))
    return slug


def default_id(kind: str, date: str) -> str:
    """``focused-visit-2021-05-10``: the kind and the date, as the guide's examples name events."""
    return re.sub(r"[^a-z0-9]+", "-", f"{kind} {date}".lower()).strip("-")


def _refuse_taken_id(document: Document, new_id: str) -> None:
    events = document.data.get("events") if isinstance(document.data, dict) else None
    events = events if isinstance(events, list) else []
    ids = [event.get("id") if isinstance(event, dict) else None for event in events]
    if new_id in ids:
        index = ids.index(new_id)
        free = next(f"{new_id}-{n}" for n in itertools.count(2) if f"{new_id}-{n}" not in ids)
        raise Refused(f"{document.file}:{document.line_of(('events', index, 'id'))}: events[{index}].id: this file "
                      f"already has an event with the id '{new_id}'; if the new one is another event, give it its "
                      f"own id with --id, e.g. --id {free}")


def _spliced(text: str, event: dict[str, Any], today: dt.date, file: str) -> tuple[str, int]:
    """``text`` with ``event`` after its last event and ``updated`` set to ``today``, and the line
    the event begins on. Nothing else in ``text`` changes."""
    root = YAML(typ="safe", pure=True).compose(text)  # as the loader composed it, without a problem
    if not isinstance(root, MappingNode):
        raise Refused(f"{file}: holds no 'authority', 'updated' and 'events'; run validate to see why")
    keys = {key.value: (key, value) for key, value in root.value if isinstance(key, ScalarNode)}
    edits: list[tuple[int, int, str]] = []  # (start, end, replacement) in ``text``
    if "updated" in keys:
        value = keys["updated"][1]
        if isinstance(value, ScalarNode) and value.end_mark.index > value.start_mark.index:
            edits.append((value.start_mark.index, value.end_mark.index, today.isoformat()))
        # otherwise the file's updated is empty or not a date: validation will say so
    block = dump({"events": [event]}, "").split("\n", 1)[1]  # the event's lines, without "events:"
    lead = ""  # what goes before the event's lines where they are inserted
    if "events" not in keys:
        at, lead = len(text), "events:\n"
    else:
        key, events = keys["events"]
        if isinstance(events, SequenceNode) and events.value and not events.flow_style:
            block = _indented(block, _dash_column(text, events.value[0]))
            at = _line_after(text, max(_end(item) for item in events.value))
        elif (isinstance(events, ScalarNode) and events.tag == _NULL) or (
                isinstance(events, SequenceNode) and not events.value):
            at = _line_after(text, key.end_mark.index)
            if events.end_mark.index > events.start_mark.index:  # "events: []" or "events: ~" to "events:"
                edits.append((key.end_mark.index, events.end_mark.index, ":"))
        else:
            line = events.start_mark.line + 1
            raise Refused(f"{file}:{line}: events: is not a list written one event under another (- id: ...); "
                          "new adds only to such a list")
    if at > 0 and text[at - 1] != "\n":
        lead = "\n" + lead
    edits.append((at, at, lead + block))
    out = text
    for start, end, replacement in sorted(edits, reverse=True):  # from the end: no edit moves another
        out = out[:start] + replacement + out[end:]
    moved = sum(len(replacement) - (end - start) for start, end, replacement in edits if start < at)
    return out, out.count("\n", 0, at + moved + len(lead)) + 1


def _end(node: Node) -> int:
    """Where ``node``'s text ends. A block collection's own end mark lies past the comments and
    blank lines after it, so its end is where its last value ends; an empty value ends nowhere."""
    if isinstance(node, MappingNode) and not node.flow_style:
        return max([node.start_mark.index, *(max(_end(k), _end(v)) for k, v in node.value)])
    if isinstance(node, SequenceNode) and not node.flow_style:
        return max([node.start_mark.index, *(_end(item) for item in node.value)])
    if isinstance(node, ScalarNode) and node.end_mark.index == node.start_mark.index:
        return -1
    return int(node.end_mark.index)


def _line_after(text: str, index: int) -> int:
    """The start of the line after the one ``index`` is on (a block scalar ends at a line start)."""
    if index > 0 and text[index - 1] == "\n":
        return index
    newline = text.find("\n", index)
    return len(text) if newline < 0 else newline + 1


def _dash_column(text: str, first: Node) -> int:
    """The column of the dash before the first event, so the new one lines up with the others."""
    line = text.splitlines()[first.start_mark.line][:first.start_mark.column].rstrip()
    return len(line) - 1 if line.endswith("-") else _DASH_COLUMN


def _indented(block: str, column: int) -> str:
    """``block``, written with its dashes in ``_DASH_COLUMN``, moved to ``column``."""
    if column >= _DASH_COLUMN:
        return "".join(" " * (column - _DASH_COLUMN) + line for line in block.splitlines(keepends=True))
    return "".join(line[_DASH_COLUMN - column:] for line in block.splitlines(keepends=True))
