"""WCAG 2.2 contrast ratios of colours as browsers and SVG files write them.

The formula is WCAG's (relative luminance of sRGB, then (L1 + 0.05) / (L2 + 0.05)); a colour
drawn with transparency is first laid over what lies beneath it, as the screen shows it.
"""

from __future__ import annotations

import re

RGB = tuple[float, float, float]

_FUNCTION = re.compile(r"rgba?\(\s*([\d.]+)[,\s]+([\d.]+)[,\s]+([\d.]+)(?:\s*[,/]\s*([\d.]+))?\s*\)")


def parse(colour: str) -> tuple[RGB, float]:
    """``#rgb``, ``#rrggbb``, ``#rrggbbaa``, ``rgb(...)`` or ``rgba(...)`` as channels 0-255 and an alpha 0-1."""
    colour = colour.strip().lower()
    if colour.startswith("#"):
        digits = colour[1:]
        if len(digits) == 3:
            digits = "".join(d * 2 for d in digits)
        if len(digits) not in (6, 8):
            raise ValueError(f"not a colour: {colour!r}")
        channels = [int(digits[i:i + 2], 16) for i in range(0, len(digits), 2)]
        return (channels[0], channels[1], channels[2]), channels[3] / 255 if len(channels) == 4 else 1.0
    match = _FUNCTION.fullmatch(colour)
    if match is None:
        raise ValueError(f"not a colour: {colour!r}")
    red, green, blue, alpha = match.groups()
    return (float(red), float(green), float(blue)), float(alpha) if alpha is not None else 1.0


def over(colour: str, background: RGB, opacity: float = 1.0) -> RGB:
    """``colour`` as seen laid over an opaque ``background``, with its own alpha times ``opacity``."""
    rgb, alpha = parse(colour)
    alpha *= opacity
    return (rgb[0] * alpha + background[0] * (1 - alpha), rgb[1] * alpha + background[1] * (1 - alpha),
            rgb[2] * alpha + background[2] * (1 - alpha))


def opaque(colour: str) -> RGB:
    """An opaque colour's channels; a translucent one has no contrast of its own, so is refused."""
    rgb, alpha = parse(colour)
    if alpha != 1.0:
        raise ValueError(f"{colour!r} is translucent: lay it over its background first")
    return rgb


def luminance(rgb: RGB) -> float:
    """WCAG relative luminance: 0 for black, 1 for white."""
    def linear(channel: float) -> float:
        c = channel / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    return 0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2])


def ratio(first: RGB, second: RGB) -> float:
    """The contrast ratio of two opaque colours, from 1 (none) to 21 (black on white)."""
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def hex_code(rgb: RGB) -> str:
    """``#rrggbb``, to name a colour in a message or a summary."""
    return "#" + "".join(f"{round(c):02x}" for c in rgb)
