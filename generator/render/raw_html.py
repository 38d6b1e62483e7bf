"""Put untrusted text into HTML, for the blocks of a page that MkDocs passes through as they are.

Converting Markdown is most of the time MkDocs takes, and Python-Markdown leaves a block of HTML
alone. So the generator writes as HTML the bulk of an authority page that needs nothing of
MkDocs: the body of each event (its facts, judgements, quotations, people and sources) and the
tables of the chart's data, of full inspections and of neighbours. Markdown is kept for headings
(MkDocs makes the table of contents and permanent links from them) and for links to other pages
in running text (MkDocs checks them, and rewrites them to the addresses it publishes).

Every string from the data goes through ``text`` (or ``link`` or ``linked_text``, which use
it): ``&``, ``<``, ``>`` and quotes become entities, and whitespace is collapsed, so data can
never end the element it is in or start one of its own. This is also the escaping for the
places that MkDocs and the theme put into pages without escaping them: page titles,
descriptions and navigation entries.
"""

from __future__ import annotations

import html
import re
from urllib.parse import quote

_ADDRESS = re.compile(r"https?://[^\s<>\"]+")
#: HTML's special characters as entities, and every character Markdown's inline syntax (or the
#: site's extensions) could read as numeric character references: both read as themselves in
#: HTML and in Markdown alike.
_ANYWHERE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;",
                           **{char: f"&#{ord(char)};" for char in "\\`*_{}[]()#+-.!|?=:~^$%"}})
_SENTENCE_END = ".,;:)'"


def text(value: str) -> str:
    """HTML that shows ``value`` exactly, on one line."""
    return html.escape(" ".join(value.split()), quote=True)


def text_anywhere(value: str) -> str:
    """HTML that shows ``value`` exactly on one line whether it lands in a block of HTML or in
    Markdown's running text, as a grade's badge does (``text`` is for HTML alone: Markdown would
    read its asterisks and brackets)."""
    return " ".join(value.split()).translate(_ANYWHERE)


def url(address: str) -> str:
    """An address for a link (a validated http(s) address, ``#`` a place on the page, or a page of
    the site), percent-encoded so that it cannot end a Markdown link early; ``link`` escapes it
    for an HTML attribute as well. Markdown links use it too."""
    return quote(address, safe="/:?#@!$&'*+,;=%~-._")


def link(label: str, address: str) -> str:
    """A link with an untrusted label, to a validated http(s) address, to ``#`` a place on the page,
    or to another page by the address ``paths.page_link`` gives (which MkDocs does not check:
    the site's tests follow every link)."""
    return f'<a href="{html.escape(url(address), quote=True)}">{text(label)}</a>'


def linked_text(value: str) -> str:
    """Like ``text``, with each http(s) address in ``value`` a link to itself: sources' notes name
    the release files they come from by their addresses."""
    value = " ".join(value.split())
    out, done = [], 0
    for found in _ADDRESS.finditer(value):
        address = found.group().rstrip(_SENTENCE_END)  # a full stop after an address ends the sentence
        out += [html.escape(value[done:found.start()]), link(address, address)]
        done = found.start() + len(address)
    return "".join(out) + html.escape(value[done:])


def paragraph(content: str) -> str:
    """A paragraph of ``content``, which is HTML already."""
    return f"<p>{content}</p>"


def listing(items: list[str], numbered: bool = False) -> str:
    """A bulleted (or numbered) list of ``items``, which are HTML already."""
    tag = "ol" if numbered else "ul"
    return f"<{tag}>\n" + "".join(f"<li>{item}</li>\n" for item in items) + f"</{tag}>"


def table(header: list[str], rows: list[list[str]]) -> str:
    """A table from cells that are HTML already; as the tables extension writes one from Markdown,
    so that the theme styles both alike."""
    head = "".join(f"<th>{cell}</th>" for cell in header)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>\n" for row in rows)
    return f"<table>\n<thead>\n<tr>{head}</tr>\n</thead>\n<tbody>\n{body}</tbody>\n</table>"


def admonition(kind: str, title: str, content: str) -> str:
    """A call-out, as the theme draws ``!!! warning "title"``: ``kind`` and ``title`` are the
    project's own, ``content`` is HTML already."""
    return f'<div class="admonition {kind}">\n<p class="admonition-title">{text(title)}</p>\n{content}\n</div>'


def details(kind: str, summary: str, content: str) -> str:
    """A collapsed block, as the theme draws ``??? info "summary"``: ``kind`` and ``summary`` are
    plain text of the project's own, ``content`` HTML already."""
    return f'<details class="{kind}">\n<summary>{text(summary)}</summary>\n{content}\n</details>'
