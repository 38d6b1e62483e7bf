"""Untrusted text in the blocks written as HTML is shown as text, and MkDocs' Markdown passes
those blocks through as they are: checked with the site's own Markdown configuration."""

from __future__ import annotations

import markdown
import pytest
from bs4 import BeautifulSoup

from generator.render import raw_html as h
from tests.conftest import site_markdown
from tests.test_markdown import HOSTILE


@pytest.fixture(scope="module")
def render() -> markdown.Markdown:
    return site_markdown()


def _html(render: markdown.Markdown, block: str) -> BeautifulSoup:
    return BeautifulSoup(render.reset().convert(block), "html.parser")


@pytest.mark.parametrize("value", HOSTILE)
def test_text_is_shown_exactly_in_every_kind_of_block(render: markdown.Markdown, value: str) -> None:
    shown = " ".join(value.split())
    blocks = {
        "paragraph": (h.paragraph(h.text(value)), ["p"]),
        "list": (h.listing([h.text(value)], numbered=True), ["ol", "li"]),
        "table": (h.table([h.text(value)], [[h.text(value)]]), ["table", "thead", "tr", "th", "tbody", "tr", "td"]),
        "details": (h.details("info", value, h.paragraph(h.text(value))), ["details", "summary", "p"]),
    }
    for kind, (block, tags) in blocks.items():
        soup = _html(render, block)
        assert [tag.name for tag in soup.find_all(True)] == tags, kind
        assert all(tag.get_text() == shown for tag in soup.find_all(["p", "li", "th", "td", "summary"])), kind


@pytest.mark.parametrize("value", HOSTILE)
def test_links_keep_their_address_and_label(render: markdown.Markdown, value: str) -> None:
    address = 'https://example.org/a(b)c d"><script>?x=1&copy=2'
    soup = _html(render, h.paragraph(h.link(value, address) + " " + h.link(value, "#event-x")))
    assert [(a["href"], a.get_text()) for a in soup.find_all("a")] == [
        ("https://example.org/a%28b%29c%20d%22%3E%3Cscript%3E?x=1&copy=2", " ".join(value.split())),
        ("#event-x", " ".join(value.split()))]
    assert [tag.name for tag in soup.find_all(True)] == ["p", "a", "a"]


@pytest.mark.parametrize("value", HOSTILE)
def test_linked_text_is_shown_exactly_with_links_only_to_web_addresses(render: markdown.Markdown, value: str) -> None:
    soup = _html(render, h.paragraph(h.linked_text(value)))
    assert soup.get_text() == " ".join(value.split())
    assert {tag.name for tag in soup.find_all(True)} <= {"p", "a"}
    assert all(a["href"].startswith(("http://", "https://")) for a in soup.find_all("a"))


def test_the_addresses_in_a_note_become_links_without_the_sentence_around_them(render: markdown.Markdown) -> None:
    note = "Row 9. The release file: https://github.com/x/a_b*c.ods. See (http://x.example/y), not javascript:alert(1)."
    soup = _html(render, h.paragraph(h.linked_text(note)))
    assert [(a["href"], a.get_text()) for a in soup.find_all("a")] == [
        ("https://github.com/x/a_b*c.ods", "https://github.com/x/a_b*c.ods"), ("http://x.example/y", "http://x.example/y")]
    assert soup.get_text() == note
