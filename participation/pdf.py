"""Printing HTML to PDF: every document the platform prints is a tagged PDF/UA-1 file.

PDF/UA makes WeasyPrint write the structure (headings, paragraphs, tables, figures) as tags, mark the
file as tagged, and take the title and the language from the HTML, so that a screen reader reads a
report the college files in the order and with the structure it has on paper.
"""

from pathlib import Path

from participation import ROOT

PDF_VARIANT = "pdf/ua-1"


def html_to_pdf(html: str, stylesheet: Path) -> bytes:
    from weasyprint import CSS, HTML

    return HTML(string=html, base_url=str(ROOT)).write_pdf(
        stylesheets=[CSS(filename=str(stylesheet))], pdf_variant=PDF_VARIANT,
    )
