"""Write data files as an editor would: block style, fields in the model's order, no quoting of
dates or codes, so that a re-import that changes nothing writes the same bytes."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.resolver import BaseResolver

from generator.model import Authority, DataCurrency, Event, Register, Source

_ORDER: dict[str, tuple[str, ...]] = {
    "event": tuple(Event.model_fields),
    "authority": tuple(Authority.model_fields),
    "source": tuple(Source.model_fields),
    "register": tuple(Register.model_fields),
    "currency": tuple(DataCurrency.model_fields),
}

#: The comment at the top of an events file (``name``: the authority's), as the import and ``new``
#: write it.
EVENTS_HEADER = ("{name}: every event in these data, each with its sources.\n"
                 "Fields and allowed values: the Editors' guide on the site (docs/editing/).\n"
                 "Imported events are rewritten by `python -m generator import`; list a field under\n"
                 "'corrected' to keep your correction. It never overwrites what you write by hand.")
#: The comment at the top of the register, as the import and the fetch write it.
REGISTER_HEADER = ("The register: every authority with a page, and what the whole data set covers.\n"
                   "Fields and allowed values: the Editors' guide on the site (docs/editing/).\n"
                   "Codes, regions, types and neighbours are rewritten by `python -m generator import`;\n"
                   "names, aliases, abolition and successors, and sources you add are kept.")


class _TextResolver(BaseResolver):
    """A resolver with no implicit types: to it, as to the project's loader, every scalar is text."""

    def __init__(self, version: Any = None, loader: Any = None) -> None:
        super().__init__(loadumper=loader)


def dump(data: dict[str, Any], header: str) -> str:
    """``data`` as YAML under a comment ``header``. Every scalar is text to the project's loader,
    so no value needs quotes to keep its type; only YAML's own syntax forces them."""
    yaml = YAML(typ="rt", pure=True)
    yaml.Resolver = _TextResolver  # so "2019-05-08" and "908" are written plain, without quotes
    yaml.width = 100
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    yaml.dump(_ordered(data), out)
    comment = "".join(f"# {line}\n" if line else "#\n" for line in header.splitlines())
    return comment + out.getvalue()


def events_file(before: dict[str, Any], slug: str, name: str, events: list[dict[str, Any]], today: dt.date) -> str:
    """An authority's events file (``before``, its data as it was) with ``events``; its ``updated``
    date moves only when its events change."""
    updated = before.get("updated") if before.get("events", []) == events else today.isoformat()
    return dump({"authority": slug, "updated": updated or today.isoformat(), "events": events},
                EVENTS_HEADER.format(name=name))


def _ordered(value: Any, kind: str | None = None) -> Any:
    if isinstance(value, dict):
        order = _ORDER.get(kind or "", ())
        keys = sorted(value, key=lambda k: order.index(k) if k in order else len(order)) if order else list(value)
        return {k: _ordered(value[k], _child_kind(k)) for k in keys}
    if isinstance(value, list):
        return [_ordered(v, kind) for v in value]
    return value


def _child_kind(key: str) -> str | None:
    return {"events": "event", "authorities": "authority", "sources": "source",
            "currency": "currency"}.get(key)
