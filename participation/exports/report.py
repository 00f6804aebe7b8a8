"""The process report as PDF: HTML and an SVG bar chart, printed by WeasyPrint as PDF/UA."""

from flask import render_template
from flask_babel import lazy_gettext as _l

from participation import ROOT
from participation.core.chapters import chapter_label
from participation.database import utcnow
from participation.exports.queries import RANKING_SIZE, answered_ideas, participation_figures
from participation.pdf import html_to_pdf
from participation.processes.models import Process
from participation.votes.chart import bar_chart
from participation.votes.results import standing

STYLESHEET = ROOT / "static" / "css" / "report.css"
CHART_WIDTH = 620  # fits the A4 text width (178 mm) at 96 dpi
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


def report_html(process: Process) -> str:
    rows = standing(process, RANKING_SIZE)
    return render_template(
        "exports/report.html",
        process=process,
        figures=participation_figures(process),
        ranking=rows,
        chart=bar_chart(rows, width=CHART_WIDTH),
        answered=answered_ideas(process),
        generated_at=utcnow(),
        chapter_label=chapter_label,
        answer_status_label=lambda status: ANSWER_LABELS.get(status, status),
        audience_group_label=lambda group: AUDIENCE_GROUP_LABELS.get(group, group),
    )


def render_report_pdf(process: Process) -> bytes:
    """A tagged PDF/UA document for the college's files."""
    return html_to_pdf(report_html(process), STYLESHEET)
