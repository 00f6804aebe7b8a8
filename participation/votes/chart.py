"""The ranking as a horizontal bar chart: geometry only, drawn as inline SVG by
templates/_macros/charts.html on the result page and in the process report.

Every title is shown whole: a long title wraps over as many lines as it needs above its bar, so no
label is cut at the edge of the chart or of the page."""

import textwrap
from dataclasses import dataclass

from participation.votes.ranking import RankedIdea

BAR_HEIGHT = 16
GAP = 10
VALUE_ROOM = 60


@dataclass(frozen=True)
class Bar:
    lines: list[str]
    value: int
    label_y: int
    bar_y: int
    width: float


@dataclass(frozen=True)
class BarChart:
    bars: list[Bar]
    width: int
    height: int
    font_size: int
    line_height: int
    bar_height: int = BAR_HEIGHT


def bar_chart(rows: list[RankedIdea], width: int = 620, font_size: int = 11) -> BarChart:
    """Bars as long as the votes (the longest fills the width less room for its number), each with its
    place and whole title above it, wrapped to the width."""
    line_height = round(font_size * 1.35)
    characters = max(20, int(width / (font_size * 0.62)))  # DejaVu Sans and the like: about 0.6 em a letter
    top = max((row.votes for row in rows), default=0) or 1
    room = width - VALUE_ROOM
    bars, y = [], 0
    for row in rows:
        lines = textwrap.wrap(f"{row.rank}. {row.title}", characters, break_long_words=True) or [str(row.rank)]
        label_y = y + line_height - 3
        bar_y = y + len(lines) * line_height + 2
        bars.append(Bar(lines, row.votes, label_y, bar_y, room * row.votes / top))
        y = bar_y + BAR_HEIGHT + GAP
    return BarChart(bars, width, max(y - GAP, BAR_HEIGHT), font_size, line_height)
