"""The charts: whole SVG documents that parse as XML, say what they show, carry no style or script
(so the content security policy has nothing to block), and label every line and bar in words."""

import xml.etree.ElementTree as ET

import pytest

from steadfast.core import charts

SVG = "{http://www.w3.org/2000/svg}"


def parsed(svg: str) -> ET.Element:
    assert svg.startswith('<?xml version="1.0" encoding="UTF-8"?>')
    return ET.fromstring(svg.encode("utf-8"))


def texts(root: ET.Element) -> str:
    return " ".join(" ".join(element.itertext()) for element in root.iter(f"{SVG}text"))


def step():
    return charts.step_chart(
        title="Survival by type",
        description="Most placements last a year.",
        lines=[
            charts.Line("Foster care with an approved carer (650)", [(0, 100), (30, 90), (400, 80)]),
            charts.Line("Children's home (34)", [(0, 100), (100, 70)]),
        ],
        x_max=730,
        x_ticks=[(0, "0"), (365, "12"), (730, "24")],
        x_label="Months since the placement began",
        y_label="Still going (%)",
    )


def line():
    return charts.line_chart(
        title="Timeliness",
        description="Most were on time.",
        categories=["Jan\N{EN DASH}Mar\n2026", "Apr\N{EN DASH}Jun\n2026", "Jul\N{EN DASH}Sep\n2026"],
        lines=[
            charts.Line("Imminent concerns", [(0, 50), (1, None), (2, 75)]),
            charts.Line("Plans & <reviews>", [(0, 100), (1, 90), (2, 80)]),
        ],
        y_max=100,
        y_ticks=[(0, "0%"), (100, "100%")],
        y_label="Share on time (%)",
    )


def bars():
    return charts.bar_chart(
        title="Three or more placements",
        description="Ours is lower than England's.",
        bars=[
            charts.Bar("Northbridge Council (fictional) (34 of 364)", 9.3, "9.3%", highlight=True),
            charts.Bar("England", 10, "10%"),
            charts.Bar("Rutland", None, "Suppressed"),
        ],
        value_max=100,
    )


@pytest.mark.parametrize("draw", [step, line, bars])
def test_every_chart_is_an_accessible_svg_image_with_no_style_or_script(draw):
    svg = draw()
    root = parsed(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "title desc"
    title, desc = list(root)[:2]
    assert (title.tag, title.get("id")) == (f"{SVG}title", "title")
    assert (desc.tag, desc.get("id")) == (f"{SVG}desc", "desc")
    assert title.text and desc.text
    for element in root.iter():
        assert "style" not in element.attrib
        assert element.tag not in (f"{SVG}style", f"{SVG}script", f"{SVG}foreignObject")
        assert not any(name.startswith("on") for name in element.attrib)
    assert int(root.get("font-size")) >= 16
    assert all(int(e.get("font-size", 16)) >= 16 for e in root.iter(f"{SVG}text"))


def test_every_line_is_labelled_in_words_beside_a_sample_of_its_colour_and_dash():
    root = parsed(step())
    words = texts(root)
    assert "Foster care with an approved carer (650)" in words
    assert "Children's home (34)" in words
    paths = list(root.iter(f"{SVG}path"))
    assert [p.get("stroke") for p in paths] == list(charts.PALETTE[:2])
    assert paths[0].get("stroke-dasharray") is None and paths[1].get("stroke-dasharray") == charts.DASHES[1]
    samples = [s for s in root.iter(f"{SVG}line") if s.get("stroke-width") == "3"]
    assert [s.get("stroke") for s in samples] == list(charts.PALETTE[:2])


def test_a_step_line_drops_straight_down_at_each_point():
    root = parsed(step())
    d = next(root.iter(f"{SVG}path")).get("d")
    corners = [tuple(map(float, part.strip("ML ").split())) for part in d.split("L")]
    # From the start, along, then down: each x appears twice, once at the old height and once at the new.
    assert corners[1][0] == corners[2][0] and corners[1][1] == corners[0][1]
    assert len(corners) == 5


def test_a_missing_value_breaks_the_line_and_text_is_escaped():
    svg = line()
    root = parsed(svg)
    first_series = [p for p in root.iter(f"{SVG}path") if p.get("stroke") == charts.PALETTE[0]]
    assert len(first_series) == 2  # before and after the gap
    assert "Plans &amp; &lt;reviews&gt;" in svg
    assert "Plans & <reviews>" in texts(root)
    assert "Jan\N{EN DASH}Mar" in texts(root) and "2026" in texts(root)


def test_bars_say_their_value_and_a_missing_value_draws_no_bar():
    root = parsed(bars())
    words = texts(root)
    assert "9.3%" in words and "10%" in words and "Suppressed" in words and "Rutland" in words
    rects = [r for r in root.iter(f"{SVG}rect") if r.get("fill") != "#ffffff"]
    assert [r.get("fill") for r in rects] == [charts.HIGHLIGHT, charts.OTHER_BARS]
    assert float(rects[0].get("width")) < float(rects[1].get("width"))


def test_a_chart_with_nothing_to_draw_says_so():
    empty = charts.step_chart(
        title="t", description="d", lines=[], x_max=10, x_ticks=[], x_label="", y_label="y"
    )
    assert charts.NO_DATA in texts(parsed(empty))
    assert charts.NO_DATA in texts(parsed(charts.bar_chart(title="t", description="d", bars=[])))


def test_labels_are_moved_apart_only_as_far_as_they_must():
    assert charts.spread([100, 102, 300], [20, 20, 20], top=0, bottom=400) == [100, 120, 300]
    # Two near the bottom are pushed back up inside it.
    assert charts.spread([390, 395], [20, 20], top=0, bottom=400) == [370, 390]
    # Order is kept as given, whatever order the positions come in.
    assert charts.spread([300, 100], [20, 20], top=0, bottom=400) == [300, 100]


def test_the_palette_is_the_analysis_functions():
    assert charts.PALETTE == ("#12436D", "#28A197", "#801650", "#F46A25", "#3D3D3D", "#A285D1")
