"""The Ambitienota as a printable A4 document, laid out like the councils' own note."""

from flask import render_template

from participation import ROOT

PRINT_CSS = ROOT / "static" / "css" / "note-print.css"


def render_note_pdf(context: dict) -> bytes:
    from weasyprint import CSS, HTML

    html = render_template("advisory/note_print.html", **context)
    return HTML(string=html, base_url=str(ROOT)).write_pdf(stylesheets=[CSS(filename=str(PRINT_CSS))])
