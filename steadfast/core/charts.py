"""Charts drawn on the server as SVG, served as images.

Three kinds: a step chart for survival curves, a line chart for trends by quarter, and a
horizontal bar chart for counts and percentages. Each is a whole SVG document, made only of
presentation attributes (no `style` attribute or element, no script), so it draws the same under
the site's content security policy whether it is shown in an <img> or opened on its own.

What makes them readable without colour: every line is labelled directly at its end, with a
sample of its line beside the label, and lines differ in dash pattern as well as colour; every
bar has its label and its value written beside it. A chart's notes (which way is better, what is
left out) are written under it, in words. Text is at least 16 pixels at the chart's
full width, in the GOV.UK text colour. Colours are the Government Analysis Function's
categorical palette, each at least 3:1 against white. Each chart carries a <title> and a <desc>,
and role="img", for anyone who opens it on its own; on the page, the <img>'s alt text is the
chart's one-line summary and its table sits beside it.
"""

import itertools
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

PALETTE = ("#12436D", "#28A197", "#801650", "#F46A25", "#3D3D3D", "#A285D1")
"""The Analysis Function's categorical palette: dark blue, turquoise, dark pink, orange, dark
grey and light purple, used in this order."""
DASHES = ("", "10 5", "3 4", "14 4 3 4", "6 6", "2 2")
"""A dash pattern for each colour, so lines also differ when colour cannot be seen."""
TEXT = "#0b0c0c"
GRID = "#b1b4b6"
HIGHLIGHT = PALETTE[0]
OTHER_BARS = PALETTE[1]
FONT = "Arial, Helvetica, sans-serif"
FONT_SIZE = 16
LINE_HEIGHT = 19

WIDTH = 960
_PLOT_LEFT = 64
_PLOT_TOP = 48
_LABELS_WIDTH = 280
_LABEL_CHARACTERS = 26
_SAMPLE = 26
_PLOT_HEIGHT = 300
_X_LABELS_HEIGHT = 76
_PLOT_RIGHT = WIDTH - _LABELS_WIDTH
_PLOT_BOTTOM = _PLOT_TOP + _PLOT_HEIGHT

NO_DATA = "No data to show"
_NOTE_CHARACTERS = 100
"""A note's line wraps at this many characters, well inside the chart's width at 16 pixels."""


@dataclass(frozen=True, slots=True)
class Line:
    """One line: its label and its points as (x, y); a y of None leaves a gap."""

    label: str
    points: Sequence[tuple[float, float | None]]


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float | None
    text: str
    highlight: bool = False


def _attrs(**attributes: object) -> str:
    return "".join(
        f" {name.rstrip('_').replace('_', '-')}={quoteattr(str(value))}"
        for name, value in attributes.items()
        if value is not None and value != ""
    )


def _element(tag: str, **attributes: object) -> str:
    """An empty element: `_element("circle", r=4)` is `<circle r="4"/>`."""
    return f"<{tag}{_attrs(**attributes)}/>"


def _number(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _text(x: float, y: float, lines: Sequence[str], **attributes: object) -> str:
    """Text at (x, y), one <tspan> per line below the first."""
    if len(lines) == 1:
        return f"<text{_attrs(x=_number(x), y=_number(y), **attributes)}>{escape(lines[0])}</text>"
    spans = "".join(
        f"<tspan{_attrs(x=_number(x), dy=0 if i == 0 else LINE_HEIGHT)}>{escape(line)}</tspan>"
        for i, line in enumerate(lines)
    )
    return f"<text{_attrs(x=_number(x), y=_number(y), **attributes)}>{spans}</text>"


def _wrap(label: str, width: int) -> list[str]:
    return textwrap.wrap(label, width) or [""]


def _notes(notes: Sequence[str], top: float) -> tuple[list[str], float]:
    """The notes, one paragraph each, written from `top` down at the left; and their height."""
    parts, y = [], top
    for note in notes:
        lines = _wrap(note, _NOTE_CHARACTERS)
        parts.append(_text(16, y + LINE_HEIGHT - 4, lines))
        y += len(lines) * LINE_HEIGHT + 6
    return parts, y - top


def _document(
    *, title: str, description: str, height: float, body: Sequence[str], notes: Sequence[str] = ()
) -> str:
    """The whole SVG document, with the notes written under the body."""
    if notes:
        written, taken = _notes(notes, height + 8)
        body = [*body, *written]
        height += taken + 16
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<svg xmlns="http://www.w3.org/2000/svg" xml:lang="en-GB" role="img" aria-labelledby="title desc"'
        f"{_attrs(width=WIDTH, height=_number(height), viewBox=f'0 0 {WIDTH} {_number(height)}')}"
        f"{_attrs(font_family=FONT, font_size=FONT_SIZE, fill=TEXT)}>"
        f'<title id="title">{escape(title)}</title><desc id="desc">{escape(description)}</desc>'
        f'<rect width="100%" height="100%" fill="#ffffff"/>' + "".join(body) + "</svg>\n"
    )


def spread(positions: Sequence[float], heights: Sequence[float], *, top: float, bottom: float) -> list[float]:
    """Move labels apart so none overlaps the next, keeping each as near its own position as
    the others allow and all between `top` and `bottom`. `positions` are the labels' middles;
    the answer is in the same order."""
    order = sorted(range(len(positions)), key=lambda i: positions[i])
    placed: dict[int, float] = {}
    edge = top
    for i in order:  # downwards: each starts no higher than the last one's end
        start = max(positions[i] - heights[i] / 2, edge)
        placed[i] = start
        edge = start + heights[i]
    edge = bottom
    for i in reversed(order):  # upwards: pull back any that ran past the bottom
        start = min(placed[i], edge - heights[i])
        placed[i] = start
        edge = start
    return [placed[i] + heights[i] / 2 for i in range(len(positions))]


def _direct_labels(
    ends: Sequence[tuple[int, float, str]], *, x: float, top: float, bottom: float
) -> list[str]:
    """Labels at the right of the plot, each beside the end of its line, with a sample of the
    line's colour and dash. `ends` holds (series index, y of the line's end, label)."""
    wrapped = [_wrap(label, _LABEL_CHARACTERS) for _, _, label in ends]
    heights = [len(lines) * LINE_HEIGHT + 4 for lines in wrapped]
    middles = spread([y for _, y, _ in ends], heights, top=top, bottom=bottom)
    parts = []
    for (index, _, _), lines, middle, height in zip(ends, wrapped, middles, heights, strict=True):
        colour, dash = PALETTE[index % len(PALETTE)], DASHES[index % len(DASHES)]
        first_line = middle - height / 2 + LINE_HEIGHT - 4
        sample_y = first_line - 5
        parts.append(
            _element(
                "line",
                x1=x,
                y1=_number(sample_y),
                x2=x + _SAMPLE,
                y2=_number(sample_y),
                stroke=colour,
                stroke_width=3,
                stroke_dasharray=dash,
            )
        )
        parts.append(_text(x + _SAMPLE + 6, first_line, lines))
    return parts


def _y_axis(ticks: Sequence[tuple[float, str]], scale) -> list[str]:
    parts = []
    for value, label in ticks:
        y = scale(value)
        parts.append(
            _element(
                "line",
                x1=_PLOT_LEFT,
                y1=_number(y),
                x2=_PLOT_RIGHT,
                y2=_number(y),
                stroke=GRID,
                stroke_width=1,
            )
        )
        parts.append(_text(_PLOT_LEFT - 8, y + 5, [label], text_anchor="end"))
    return parts


def _path(points: Sequence[tuple[float, float]]) -> str:
    return "M" + " L".join(f"{_number(x)} {_number(y)}" for x, y in points)


def _plot(
    *,
    title: str,
    description: str,
    y_label: str,
    body: list[str],
    ends: Sequence[tuple[int, float, str]],
    notes: Sequence[str] = (),
) -> str:
    """The chart around a plot of lines: the y axis's label above, each line's label at its end
    (`ends` as `_direct_labels` takes them), and "No data to show" when no line is drawn."""
    if not ends:
        body.append(
            _text(
                (_PLOT_LEFT + _PLOT_RIGHT) / 2, _PLOT_TOP + _PLOT_HEIGHT / 2, [NO_DATA], text_anchor="middle"
            )
        )
    body += _direct_labels(ends, x=_PLOT_RIGHT + 8, top=_PLOT_TOP - 8, bottom=_PLOT_BOTTOM + 8)
    heading = _text(_PLOT_LEFT - 48, 24, [y_label], font_weight="bold")
    return _document(
        title=title,
        description=description,
        height=_PLOT_BOTTOM + _X_LABELS_HEIGHT,
        body=[heading, *body],
        notes=notes,
    )


def step_chart(
    *,
    title: str,
    description: str,
    lines: Sequence[Line],
    x_max: float,
    x_ticks: Sequence[tuple[float, str]],
    x_label: str,
    y_label: str,
    notes: Sequence[str] = (),
) -> str:
    """Survival curves: each line steps down at each of its points, from y = 100 (per cent) at
    x = 0 to its last point, on a percentage axis from 0 to 100."""

    def x_at(x: float) -> float:
        return _PLOT_LEFT + (_PLOT_RIGHT - _PLOT_LEFT - 12) * min(x, x_max) / x_max

    def y_at(y: float) -> float:
        return _PLOT_BOTTOM - _PLOT_HEIGHT * y / 100

    body = _y_axis([(v, f"{v}%") for v in (0, 25, 50, 75, 100)], y_at)
    body += _x_axis(x_ticks, x_at, label=x_label)
    ends = []
    for index, line in enumerate(lines):
        points = [(x, y) for x, y in line.points if y is not None]
        if not points:
            continue
        corners = [(x_at(points[0][0]), y_at(points[0][1]))]
        for (_, previous_y), (x, y) in itertools.pairwise(points):
            corners += [(x_at(x), y_at(previous_y)), (x_at(x), y_at(y))]
        body.append(_line_path(corners, index))
        ends.append((index, corners[-1][1], line.label))
    return _plot(title=title, description=description, y_label=y_label, body=body, ends=ends, notes=notes)


def _line_path(corners: Sequence[tuple[float, float]], index: int) -> str:
    return _element(
        "path",
        d=_path(corners),
        fill="none",
        stroke=PALETTE[index % len(PALETTE)],
        stroke_width=3,
        stroke_dasharray=DASHES[index % len(DASHES)],
        stroke_linejoin="round",
    )


def _x_axis(ticks, x_at, *, label: str) -> list[str]:
    left, right, bottom = _PLOT_LEFT, _PLOT_RIGHT, _PLOT_BOTTOM
    parts = [_element("line", x1=left, y1=bottom, x2=right, y2=bottom, stroke=TEXT, stroke_width=1)]
    for value, tick in ticks:
        x = x_at(value)
        parts.append(_element("line", x1=_number(x), y1=bottom, x2=_number(x), y2=bottom + 6, stroke=TEXT))
        parts.append(_text(x, bottom + 6 + LINE_HEIGHT, tick.split("\n"), text_anchor="middle"))
    if label:
        parts.append(_text((left + right) / 2, bottom + _X_LABELS_HEIGHT - 8, [label], text_anchor="middle"))
    return parts


def line_chart(
    *,
    title: str,
    description: str,
    categories: Sequence[str],
    lines: Sequence[Line],
    y_max: float,
    y_ticks: Sequence[tuple[float, str]],
    y_label: str,
    notes: Sequence[str] = (),
) -> str:
    """Trends: each line's points are (category index, value), drawn at evenly spaced categories
    (a "\\n" in a category starts a second line of its label); a missing value breaks the line."""
    step = (_PLOT_RIGHT - _PLOT_LEFT) / max(len(categories), 1)

    def x_at(i: float) -> float:
        return _PLOT_LEFT + step * (i + 0.5)

    def y_at(y: float) -> float:
        return _PLOT_BOTTOM - _PLOT_HEIGHT * y / y_max

    body = _y_axis(y_ticks, y_at)
    body += _x_axis(list(enumerate(categories)), x_at, label="")
    ends = []
    for index, line in enumerate(lines):
        segment: list[tuple[float, float]] = []
        segments = [segment]
        for i, value in line.points:
            if value is None:
                segment = []
                segments.append(segment)
            else:
                segment.append((x_at(i), y_at(value)))
        drawn = [s for s in segments if s]
        if not drawn:
            continue
        colour = PALETTE[index % len(PALETTE)]
        for s in drawn:
            body.append(_line_path(s, index))
            body += [_element("circle", cx=_number(x), cy=_number(y), r=4, fill=colour) for x, y in s]
        ends.append((index, drawn[-1][-1][1], line.label))
    return _plot(title=title, description=description, y_label=y_label, body=body, ends=ends, notes=notes)


_BAR_LABELS_WIDTH = 320
_BAR_LABEL_CHARACTERS = 34
_BAR_HEIGHT = 28
_BAR_GAP = 18
_VALUE_WIDTH = 150


def bar_chart(
    *,
    title: str,
    description: str,
    bars: Sequence[Bar],
    value_max: float | None = None,
    notes: Sequence[str] = (),
) -> str:
    """Horizontal bars from a common zero, each with its label on the left and its value
    (`text`) at its end; a bar whose value is None has only its text. Highlighted bars are dark
    blue, the rest turquoise."""
    left = _BAR_LABELS_WIDTH
    room = WIDTH - left - _VALUE_WIDTH
    largest = value_max or max((bar.value or 0 for bar in bars), default=0) or 1
    body, y = [], 16.0
    for bar in bars:
        lines = _wrap(bar.label, _BAR_LABEL_CHARACTERS)
        row = max(_BAR_HEIGHT, len(lines) * LINE_HEIGHT)
        middle = y + row / 2
        body.append(
            _text(left - 12, middle + 5 - (len(lines) - 1) * LINE_HEIGHT / 2, lines, text_anchor="end")
        )
        length = 0.0 if bar.value is None else room * bar.value / largest
        if length > 0:
            colour = HIGHLIGHT if bar.highlight else OTHER_BARS
            body.append(
                _element(
                    "rect",
                    x=left,
                    y=_number(middle - _BAR_HEIGHT / 2),
                    width=_number(length),
                    height=_BAR_HEIGHT,
                    fill=colour,
                )
            )
        body.append(
            _text(left + length + 8, middle + 5, [bar.text], font_weight="bold" if bar.highlight else "")
        )
        y += row + _BAR_GAP
    if not bars:
        body.append(_text(WIDTH / 2, 40, [NO_DATA], text_anchor="middle"))
        y = 64.0
    body.append(
        _element("line", x1=left, y1=8, x2=left, y2=_number(y - _BAR_GAP / 2), stroke=TEXT, stroke_width=1)
    )
    return _document(title=title, description=description, height=y + 8, body=body, notes=notes)
