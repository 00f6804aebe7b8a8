"""The Ambitienota as a printable A4 document, laid out like the councils' own note."""

from flask import render_template

from participation import ROOT
from participation.pdf import html_to_pdf

PRINT_CSS = ROOT / "static" / "css" / "note-print.css"


def render_note_pdf(context: dict) -> bytes:
    """A tagged PDF/UA document."""
    return html_to_pdf(render_template("advisory/note_print.html", **context), PRINT_CSS)
