from flask import Response, abort, render_template, request, stream_with_context

from participation.access import ADMINISTRATOR, access
from participation.exports import bp
from participation.exports.registry import export_kinds
from participation.exports.report import render_report_pdf
from participation.exports.services import ExportError, export_bytes, filename, resolve
from participation.exports.writers import FORMATS
from participation.extensions import db
from participation.processes.models import Process
from participation.processes.queries import process_by_slug


@bp.route("/beheer/exports")
@access(ADMINISTRATOR)
def index():
    processes = list(db.session.scalars(db.select(Process).order_by(Process.created_at.desc(), Process.id.desc())))
    chosen = request.args.get("traject") or None
    if chosen and chosen not in {process.slug for process in processes}:
        chosen = None
    return render_template(
        "exports/index.html", kinds=export_kinds(), formats=list(FORMATS), processes=processes, chosen=chosen
    )


@bp.route("/beheer/exports/<kind>.<fmt>")
@access(ADMINISTRATOR)
def download(kind: str, fmt: str):
    try:
        export_kind, options = resolve(kind, fmt, request.args.get("traject") or None)
    except ExportError:
        abort(404)
    name = filename(export_kind, fmt, options)
    return Response(
        stream_with_context(export_bytes(export_kind, fmt, options)),
        content_type=FORMATS[fmt],
        headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"},
    )


@bp.route("/beheer/trajecten/<slug>/rapport.pdf")
@access(ADMINISTRATOR)
def process_report(slug: str):
    process = process_by_slug(slug)
    if process is None:
        abort(404)
    pdf = render_report_pdf(process)
    return Response(
        pdf,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'inline; filename="rapport-{process.slug}.pdf"', "Cache-Control": "no-store"},
    )
