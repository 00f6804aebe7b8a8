"""The geometry of an indicator's small line chart, drawn as SVG by ``indicators/_chart.html``.

Measured values make a solid line; projected values continue it dashed from the last measurement. The
Flemish average, where given, is a thin second line. The table beside the chart carries the same figures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

WIDTH, HEIGHT = 320, 180
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 12, 28


@dataclass
class Chart:
    width: int = WIDTH
    height: int = HEIGHT
    measured: str = ""
    projected: str = ""
    flemish: str = ""
    dots: list[tuple[float, float, bool]] = field(default_factory=list)
    x_labels: list[tuple[float, str, str]] = field(default_factory=list)
    y_labels: list[tuple[float, Decimal]] = field(default_factory=list)
    baseline: float = HEIGHT - BOTTOM


def _points(pairs) -> str:
    """A polyline's points; empty below two points (a single value is a dot, not a line)."""
    pairs = list(pairs)
    return " ".join(f"{x:.1f},{y:.1f}" for x, y in pairs) if len(pairs) > 1 else ""


def build_chart(values) -> Chart | None:
    """``values``: IndicatorValue rows in year order. None when there is nothing to draw."""
    values = [value for value in values if value.value is not None]
    if not values:
        return None
    years = [value.year for value in values]
    numbers = [Decimal(value.value) for value in values]
    numbers += [Decimal(value.flemish_average) for value in values if value.flemish_average is not None]
    low, high = min(numbers), max(numbers)
    if low == high:
        low, high = low - 1, high + 1
    span = high - low
    low, high = low - span / 10, high + span / 10
    first, last = min(years), max(years)

    def x(year: int) -> float:
        if first == last:
            return (LEFT + WIDTH - RIGHT) / 2
        return LEFT + (year - first) * (WIDTH - LEFT - RIGHT) / (last - first)

    def y(number) -> float:
        return float(TOP + (high - Decimal(number)) * (HEIGHT - TOP - BOTTOM) / (high - low))

    chart = Chart()
    measured = [(x(v.year), y(v.value)) for v in values if v.kind == "measured"]
    projected = [(x(v.year), y(v.value)) for v in values if v.kind == "projected"]
    if measured and projected:
        last_measured = max((v for v in values if v.kind == "measured"), key=lambda v: v.year)
        projected = [(x(last_measured.year), y(last_measured.value))] + [
            point for v, point in zip([v for v in values if v.kind == "projected"], projected, strict=True)
            if v.year > last_measured.year
        ]
    chart.measured = _points(measured)
    chart.projected = _points(projected)
    chart.flemish = _points((x(v.year), y(v.flemish_average)) for v in values if v.flemish_average is not None)
    chart.dots = [(x(v.year), y(v.value), v.kind == "projected") for v in values]
    labelled = sorted(set(years))
    anchors = {labelled[0]: "start", labelled[-1]: "end"} if len(labelled) > 1 else {}
    chart.x_labels = [(x(year), str(year), anchors.get(year, "middle")) for year in labelled]
    chart.y_labels = [(y(number), number) for number in (min(numbers), max(numbers))]
    return chart
