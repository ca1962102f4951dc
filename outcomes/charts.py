"""Server-rendered SVG bar charts that do not rely on colour: every bar carries its
value as text, a suppressed value is drawn as a hatched outline labelled "fewer than 5",
and a target is a dashed line with its own label. Each chart sits beside a data table."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Bar:
    label: str
    value: float | None
    text: str
    y: int
    width: float


@dataclass
class Chart:
    title: str
    bars: list[Bar]
    height: int
    plot_width: int
    label_width: int
    target_x: float | None
    target_label: str


BAR_HEIGHT = 26
GAP = 10
LABEL_WIDTH = 110
PLOT_WIDTH = 320


def bar_chart(
    rows: list[tuple[str, float | None, str]],
    *,
    maximum: float,
    title: str,
    target: float | None = None,
) -> Chart:
    maximum = maximum or 1
    bars = []
    for n, (label, value, text) in enumerate(rows):
        width = 0.0 if value is None else max(0.0, min(value / maximum, 1.0)) * PLOT_WIDTH
        bars.append(Bar(label, value, text, GAP + n * (BAR_HEIGHT + GAP), round(width, 1)))
    target_x = None
    if target is not None:
        target_x = round(LABEL_WIDTH + min(target / maximum, 1.0) * PLOT_WIDTH, 1)
    return Chart(
        title=title,
        bars=bars,
        height=GAP + len(rows) * (BAR_HEIGHT + GAP) + (20 if target_x else 0),
        plot_width=PLOT_WIDTH,
        label_width=LABEL_WIDTH,
        target_x=target_x,
        target_label=f"{target:g}" if target is not None else "",
    )
