"""Put untrusted text into Markdown so that it is shown as text and nothing else.

Every string that comes from a data file reaches a page through ``text`` (or ``link``, which
uses it): HTML-significant characters become entities, and every character that Markdown or
the site's extensions could read as syntax is escaped. Whitespace is collapsed, so data can
never start a new line, and with it a heading, list or block of its own. (Blocks that need
nothing of MkDocs are written as HTML instead, by ``raw_html``.)
"""

from __future__ import annotations

import json
import re

from generator.render import raw_html

# Characters Python-Markdown (with the tables extension) lets a backslash escape.
_BACKSLASHED = frozenset("\\`*_{}[]()#+-.!|")
# Characters it cannot escape that could still start syntax: HTML, and the "???" of
# collapsible blocks and "===" of setext headings.
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "?": "&#63;", "=": "&#61;"}
_ESCAPES = str.maketrans({**{char: "\\" + char for char in _BACKSLASHED}, **_ENTITIES})


def text(value: str) -> str:
    """Markdown that shows ``value`` exactly, on one line."""
    return " ".join(value.split()).translate(_ESCAPES)


def front_matter(title: str, description: str, feed: str | None = None, image: str | None = None) -> str:
    """A page's YAML front matter; JSON strings are valid YAML, so any text is quoted safely.
    ``feed`` is the path in the docs of the page's own Atom feed, and ``image`` that of its picture
    for link previews, for the template to announce."""
    # MkDocs and the theme put titles and descriptions into pages without escaping them.
    lines = [f"title: {json.dumps(raw_html.text(title))}", f"description: {json.dumps(raw_html.text(description))}"]
    if feed:
        lines.append(f"feed: {json.dumps(feed)}")
    if image:
        lines.append(f"image: {json.dumps(image)}")
    return "---\n" + "\n".join(lines) + "\n---"


def link(label: str, address: str) -> str:
    """A link with untrusted label and address (the address must already be validated)."""
    return f"[{text(label)}]({raw_html.url(address)})"


def code(value: str) -> str:
    """Inline code showing ``value`` exactly, on one line: fenced by more backticks than any run
    of them it holds (inside code, nothing else is syntax)."""
    value = " ".join(value.split())
    fence = "`" * (_longest_backticks(value) + 1)
    return f"{fence} {value} {fence}" if value.startswith("`") or value.endswith("`") else f"{fence}{value}{fence}"


def code_block(value: str) -> str:
    """A block of code showing the lines of ``value`` exactly, under a fence longer than any run
    of backticks in them, so that no line can end the block."""
    fence = "`" * max(3, _longest_backticks(value) + 1)
    return f"{fence}\n{value.rstrip()}\n{fence}"


def _longest_backticks(value: str) -> int:
    return max(map(len, re.findall("`+", value)), default=0)


def table(header: list[str], rows: list[list[str]]) -> str:
    """A Markdown table from cells that are already Markdown (escaped text, links, badges)."""
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def indent(block: str, spaces: int = 4) -> str:
    """Indent a block, as the body of an admonition or collapsible block needs."""
    pad = " " * spaces
    return "\n".join(pad + line if line else line for line in block.split("\n"))


#: A drawing's size in pixels, as its SVG gives it.
Size = tuple[int, int]


def drawing(alt: str, light: str, dark: str, css_class: str, size: Size | None, lazy: bool = False) -> str:
    """A drawing in each palette, the theme showing the one of the reader's (``#only-light`` and
    ``#only-dark``), with its text alternative (Markdown already) and, where known, its size, so
    that the browser keeps its place before it loads and the page does not shift."""
    attributes = f".{css_class}" + (f" width={size[0]} height={size[1]}" if size else "") + (" loading=lazy" if lazy else "")
    return f"![{alt}]({light}#only-light){{ {attributes} }}\n![{alt}]({dark}#only-dark){{ {attributes} }}"
