"""The process report as PDF: HTML and an SVG bar chart, printed by WeasyPrint."""

from dataclasses import dataclass

from flask import render_template
from flask_babel import lazy_gettext as _l
from weasyprint import CSS, HTML

from participation import ROOT
from participation.core.chapters import chapter_label
from participation.database import utcnow
from participation.exports.queries import Ranked, answered_ideas, participation_figures, ranking
from participation.processes.models import Process

STYLESHEET = ROOT / "static" / "css" / "report.css"
BAR_HEIGHT = 18
BAR_GAP = 6
LABEL_WIDTH = 260
CHART_WIDTH = 620
TITLE_CHARS = 40
AUDIENCE_GROUP_LABELS = {
    "resident": _l("Residents"),
    "employee": _l("City staff"),
    "council_member": _l("Council members"),
    "desk": _l("Residents helped at the desk (ideas)"),
}
ANSWER_LABELS = {
    "selected": _l("Selected"),
    "not_selected": _l("Not selected"),
    "in_progress": _l("In progress"),
    "realised": _l("Realised"),
}


@dataclass
class Bar:
    label: str
    value: int
    y: int
    width: float


def short(text: str, size: int = TITLE_CHARS) -> str:
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"


def bar_chart(rows: list[Ranked]) -> dict:
    """Geometry of a horizontal bar chart; the template draws it as inline SVG."""
    top = max((row.votes for row in rows), default=0) or 1
    room = CHART_WIDTH - LABEL_WIDTH - 60
    bars = [
        Bar(f"{row.place}. {short(row.title)}", row.votes, index * (BAR_HEIGHT + BAR_GAP), room * row.votes / top)
        for index, row in enumerate(rows)
    ]
    return {
        "bars": bars, "width": CHART_WIDTH, "height": max(len(bars) * (BAR_HEIGHT + BAR_GAP), BAR_HEIGHT),
        "label_width": LABEL_WIDTH, "bar_height": BAR_HEIGHT,
    }


def report_html(process: Process) -> str:
    rows = ranking(process)
    return render_template(
        "exports/report.html",
        process=process,
        figures=participation_figures(process),
        ranking=rows,
        chart=bar_chart(rows),
        answered=answered_ideas(process),
        generated_at=utcnow(),
        chapter_label=chapter_label,
        answer_status_label=lambda status: ANSWER_LABELS.get(status, status),
        audience_group_label=lambda group: AUDIENCE_GROUP_LABELS.get(group, group),
    )


def render_report_pdf(process: Process) -> bytes:
    return HTML(string=report_html(process), base_url=str(ROOT)).write_pdf(
        stylesheets=[CSS(filename=str(STYLESHEET))]
    )
