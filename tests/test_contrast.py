"""The contrast helper against WCAG's own figures, so that the accessibility tests measure truly."""

from __future__ import annotations

import pytest

from tests.contrast import hex_code, opaque, over, parse, ratio

WHITE = (255, 255, 255)


def test_ratios_are_wcags() -> None:
    assert ratio(opaque("#000"), opaque("#ffffff")) == pytest.approx(21)
    assert ratio(opaque("#767676"), WHITE) == pytest.approx(4.54, abs=0.005)  # the lightest grey for text on white
    assert ratio(opaque("rgb(118, 118, 118)"), WHITE) == ratio(WHITE, opaque("#767676"))
    assert ratio(opaque("#949494"), WHITE) == pytest.approx(3.03, abs=0.005)  # the lightest grey for marks


def test_translucent_colours_are_laid_over_their_background() -> None:
    assert parse("rgba(0, 0, 0, 0.5)") == ((0, 0, 0), 0.5) and parse("#00000080")[1] == pytest.approx(0.502, abs=0.001)
    assert hex_code(over("#000000", WHITE, 0.5)) == "#808080"
    assert hex_code(over("rgba(0, 0, 0, 0.5)", WHITE, 0.5)) == "#bfbfbf"
    with pytest.raises(ValueError, match="translucent"):
        opaque("#ffffff73")
