"""Untrusted text reaches pages as text: checked with the site's own Markdown configuration."""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup

from generator.render import markdown as md
from tests.conftest import site_markdown

HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "![x](http://evil.example/x.png)",
    "a | table | pipe",
    "# not a heading",
    "1. not a list",
    "- not a list either",
    "> not a quote",
    "??? note \"not a block\"",
    "!!! danger \"not an admonition\"",
    "=====",
    "{{ template }} {% tag %} {#id .class}",
    "*emphasis* __strong__ `code` ~~strike~~",
    "&amp; &lt; &#60; entities stay literal",
    "line one\n\nline two\n---",
    "http://bare.example/link and <http://angle.example>",
    "back\\slash \\* escapes",
]


@pytest.fixture(scope="module")
def render() -> markdown.Markdown:
    return site_markdown()


@pytest.mark.parametrize("value", HOSTILE)
def test_text_is_shown_exactly_and_nothing_else(render: markdown.Markdown, value: str) -> None:
    html = render.reset().convert(md.text(value))
    soup = BeautifulSoup(html, "html.parser")
    assert [tag.name for tag in soup.find_all(True)] == ["p"]
    assert soup.get_text() == " ".join(value.split())


@pytest.mark.parametrize("value", HOSTILE)
def test_table_cells_and_links_hold(render: markdown.Markdown, value: str) -> None:
    page = md.table(["A", "B"], [[md.text(value), md.link(value, "https://example.org/a(b)c d")]])
    soup = BeautifulSoup(render.reset().convert(page), "html.parser")
    cells = soup.find_all("td")
    assert [c.get_text() for c in cells] == [" ".join(value.split())] * 2
    assert [a["href"] for a in soup.find_all("a")] == ["https://example.org/a%28b%29c%20d"]
    assert {tag.name for tag in soup.find_all(True)} == {"table", "thead", "tbody", "tr", "th", "td", "a"}


@pytest.mark.parametrize("value", [*HOSTILE, "`tick`", "``` fence", "a | b `` c"])
def test_code_is_shown_exactly_and_nothing_else(render: markdown.Markdown, value: str) -> None:
    inline = BeautifulSoup(render.reset().convert(md.code(value)), "html.parser")
    assert [tag.name for tag in inline.find_all(True)] == ["p", "code"]
    assert inline.get_text() == " ".join(value.split())
    cell = BeautifulSoup(render.reset().convert(md.table(["A"], [[md.code(value)]])), "html.parser")
    assert cell.find("td").get_text() == " ".join(value.split())
    block = BeautifulSoup(render.reset().convert(md.code_block(value + "\n```\n" + value)), "html.parser")
    assert [tag.name for tag in block.find_all(True)] == ["pre", "code"]
    assert block.get_text() == value + "\n```\n" + value + "\n"
