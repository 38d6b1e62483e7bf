"""Fit for sharing: each authority page with a chart announces it as a picture for link previews
(Open Graph), and the picture is its chart, drawn as a PNG on the page's background."""

from __future__ import annotations

import struct
import zlib
from urllib.parse import urlsplit

from generator.build import Project
from generator.model import Dataset
from generator.render.charts import svg_size
from generator.site_config import read_settings
from tests.conftest import html

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_each_authority_page_with_a_chart_is_shared_with_it(built: Project, dataset: Dataset) -> None:
    site = built.build / "site"
    base = urlsplit(read_settings(built.config).site_url)
    shared = 0
    for timeline in dataset.timelines:
        slug = timeline.authority.slug
        page = html(built, f"authorities/{slug}/")
        image = page.find("meta", property="og:image")
        drawn = (site / "authorities" / slug / "timeline-light.svg")
        if not drawn.exists():
            assert image is None and page.find("meta", attrs={"name": "twitter:card"})["content"] == "summary", slug
            continue
        address = urlsplit(image["content"])
        assert (address.scheme, address.netloc) == (base.scheme, base.netloc)
        assert address.path == f"{base.path}authorities/{slug}/timeline.png"
        picture = (site / "authorities" / slug / "timeline.png").read_bytes()
        assert picture.startswith(PNG_SIGNATURE)
        assert struct.unpack(">II", picture[16:24]) == svg_size(drawn.read_text("utf-8")), slug
        assert page.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
        assert page.find("meta", property="og:image:alt")["content"] == f"Timeline chart: {timeline.authority.name}"
        shared += 1
    assert shared > 150
    home = html(built, "")
    assert home.find("meta", property="og:image") is None


def _first_pixel(picture: bytes) -> tuple[int, ...]:
    """The top left pixel of a PNG of 8 bits a channel: whatever a row's filter, the first pixel of
    the first row is stored as it is."""
    position, data, header = 8, b"", b""
    while position < len(picture):
        length, kind = struct.unpack(">I4s", picture[position:position + 8])
        body = picture[position + 8:position + 8 + length]
        header = body if kind == b"IHDR" else header
        data += body if kind == b"IDAT" else b""
        position += 12 + length
    depth, colour = header[8], header[9]
    assert depth == 8 and colour in (2, 6)  # RGB or RGBA
    channels = 4 if colour == 6 else 3
    return tuple(zlib.decompress(data)[1:1 + channels])


def test_the_picture_is_opaque_on_the_page_s_background(built: Project) -> None:
    """A transparent picture would show a chat's own background, dark or light, behind the chart."""
    corner = _first_pixel((built.build / "site/authorities/trafford/timeline.png").read_bytes())
    assert corner[:3] == (255, 255, 255) and corner[3:] in ((), (255,))
