"""The pictures: valid SVG or PNG holding the expected series, labels and colours."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET

from strongback.charts.bodymap import REGIONS, body_map_svg
from strongback.charts.plots import chart, dashboard, to_bytes
from strongback.domain.vocab import Muscle
from tests.charts.sample import progress

SVG = "{http://www.w3.org/2000/svg}"


def _ids(root: ET.Element) -> set[str]:
    return {e.get("id", "") for e in root.iter()}


def _texts(root: ET.Element) -> str:
    return " ".join("".join(e.itertext()) for e in root.iter(f"{SVG}text"))


def test_dashboard_svg_holds_every_series_and_its_titles() -> None:
    root = ET.fromstring(to_bytes(dashboard(progress()), "svg"))
    ids = _ids(root)
    for expected in (
        "e1rm-seated-cable-row", "e1rm-face-pull", "records-seated-cable-row",
        "sets-lats", "sets-erector-spinae", "band-lats", "pulls-vertical-pull-0",
        "pulls-horizontal-pull-3", "pulls-rear-delt-0", "pain", "pain-rose",
        "chart-e1rm", "chart-sets", "chart-pulls", "chart-pain",
    ):  # fmt: skip
        assert expected in ids, expected
    text = _texts(root)
    assert "Estimated max (kg), records starred" in text
    assert "Weekly hard sets per muscle" in text and "Pull balance" in text
    assert "seated-cable-row" in text and "lats" in text
    assert "records-pull-up" not in ids  # bodyweight pull-ups have no estimated max


def test_charts_follow_the_users_unit() -> None:
    from strongback.domain.vocab import WeightUnit

    root = ET.fromstring(to_bytes(chart(progress(WeightUnit.LB), "e1rm"), "svg"))
    assert "Estimated max (lb)" in _texts(root)


def test_png_has_the_signature_and_a_real_size() -> None:
    data = to_bytes(dashboard(progress()), "png")
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (1210, 825)  # 11 x 7.5 inches at 110 dpi


def test_one_chart_alone_is_valid_svg_with_its_series() -> None:
    root = ET.fromstring(to_bytes(chart(progress(), "pulls"), "svg"))
    assert {"pulls-vertical-pull-0", "pulls-lower-back-0"} <= _ids(root)


def test_body_map_colours_each_muscle_by_this_weeks_sets_with_readable_labels() -> None:
    root = ET.fromstring(body_map_svg(progress(), "sets"))
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title") is not None
    groups = {g.get("id"): g for g in root.iter(f"{SVG}g")}
    for m in REGIONS:
        assert f"muscle-{m.value}" in groups
    lats = groups["muscle-lats"]
    # Last week: 3 rows (lats 1 each) + 3 pull-ups = 6 lat sets, below the 10-16 band.
    title = lats.find(f"{SVG}title")
    assert title is not None and title.text == "lats: 6 sets, band 10-16, below"
    assert lats.get("class") == "below"
    assert len(list(lats)) == 3  # title, left and right shapes
    assert groups["muscle-hamstrings"].get("class") == "none"
    assert "lats: 6 sets, band 10-16, below" in _texts(root)
    assert "legend" in groups and "above the band" in _texts(root)


def test_body_map_by_recovery_marks_recent_work_as_recovering() -> None:
    root = ET.fromstring(body_map_svg(progress(), "recovery"))
    groups = {g.get("id"): g for g in root.iter(f"{SVG}g")}
    # The last pulls were on Wednesday 25 Nov at 08:00, 72 h before the map's moment.
    assert groups["muscle-lats"].get("class") == "ready"
    assert groups["muscle-hamstrings"].get("class") == "untrained"
    assert "ready to train" in _texts(root)


def test_body_map_recovery_under_half_way_is_red() -> None:
    from dataclasses import replace
    from datetime import datetime

    from strongback.domain.analytics import analyse
    from strongback.domain.catalog import load_catalog
    from strongback.domain.vocab import WeightUnit
    from tests.charts.sample import MONDAY, history

    p = analyse(history(), load_catalog(), unit=WeightUnit.KG, weeks=4, today=MONDAY,
                now=datetime(2026, 11, 25, 20))  # fmt: skip
    root = ET.fromstring(body_map_svg(replace(p), "recovery"))
    groups = {g.get("id"): g for g in root.iter(f"{SVG}g")}
    assert groups[f"muscle-{Muscle.REAR_DELTS.value}"].get("class") == "fresh-load"


def test_a_long_window_labels_at_most_twelve_weeks() -> None:
    from datetime import datetime

    from strongback.domain.analytics import analyse
    from strongback.domain.catalog import load_catalog
    from strongback.domain.vocab import WeightUnit
    from tests.charts.sample import MONDAY, history

    p = analyse(history(), load_catalog(), unit=WeightUnit.KG, weeks=104, today=MONDAY,
                now=datetime(2026, 11, 28, 8))  # fmt: skip
    fig = chart(p, "sets")
    labels = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert len(p.weeks) == 104 and 0 < len(labels) <= 12
    assert ET.fromstring(to_bytes(fig, "svg")) is not None
