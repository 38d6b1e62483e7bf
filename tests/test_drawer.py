"""The drawing process draws what the build's own process would, and leaves failures to it."""

from __future__ import annotations

import signal

import pytest
import vl_convert

from generator.render import charts
from generator.render.charts import LIGHT, drawing_apart, svg
from generator.render import drawer as drawer_module
from generator.render.drawer import Drawer
from generator.render.grade_chart import Segment, grade_chart_spec

BROKEN = {"mark": "nonsense"}  # vl-convert refuses it


def _spec() -> dict:
    return grade_chart_spec([Segment("Overall effectiveness", "England", "Good", "high", 3, 4, 0.0, 0.75),
                             Segment("Overall effectiveness", "England", "Inadequate", "lowest", 1, 4, 0.75, 1.0)],
                            LIGHT)


def test_the_drawing_process_draws_the_same_bytes_and_closes_on_a_failure() -> None:
    spec = _spec()
    drawer = Drawer()
    try:
        assert drawer.svg(spec) == vl_convert.vegalite_to_svg(spec)
        assert drawer.svg(spec) == vl_convert.vegalite_to_svg(spec)  # the process draws one after another
        assert drawer.svg(BROKEN) is None
        assert drawer.svg(spec) is None  # closed after a failure: the caller draws instead
    finally:
        drawer.close()


def test_svg_draws_apart_within_the_block_and_reports_failures_from_this_process() -> None:
    spec = _spec()
    with drawing_apart():
        assert charts._drawer is not None
        assert svg(spec) == vl_convert.vegalite_to_svg(spec)
        with pytest.raises(ValueError, match="conversion failed"):
            svg(BROKEN)
        assert svg(spec) == vl_convert.vegalite_to_svg(spec)
    assert charts._drawer is None


def test_a_drawer_that_cannot_start_leaves_the_drawing_to_this_process(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("no processes left")
    monkeypatch.setattr(drawer_module.subprocess, "Popen", refuse)
    spec = _spec()
    with drawing_apart():
        assert svg(spec) == vl_convert.vegalite_to_svg(spec)


def test_drawing_apart_within_drawing_apart_keeps_the_one_process() -> None:
    with drawing_apart():
        outer = charts._drawer
        with drawing_apart():
            assert charts._drawer is outer
        assert charts._drawer is outer
    assert charts._drawer is None


def test_closing_a_drawer_ends_its_process_without_waiting_for_vl_convert_to_start() -> None:
    drawer = Drawer()
    process = drawer._process
    assert process is not None
    drawer.close()  # while vl-convert starts, which takes about half a second
    assert process.returncode == -signal.SIGKILL
