"""Reading a printed PDF back: is it tagged, and does every piece of text start inside its page?"""

import io

from pypdf import PdfReader


def tagged(data: bytes) -> dict:
    """The document catalogue's accessibility entries."""
    root = PdfReader(io.BytesIO(data)).trailer["/Root"]
    mark_info = root.get("/MarkInfo")
    return {
        "struct_tree": "/StructTreeRoot" in root,
        "marked": bool(mark_info and mark_info.get_object().get("/Marked")),
        "lang": str(root.get("/Lang", "")),
        "title_shown": bool(root.get("/ViewerPreferences") and
                            root["/ViewerPreferences"].get_object().get("/DisplayDocTitle")),
    }


def text_outside_pages(data: bytes) -> list[tuple[int, float, float, str]]:
    """(page, x, y, text) of every run of text whose position lies outside its page's box."""
    outside = []
    for number, page in enumerate(PdfReader(io.BytesIO(data)).pages, start=1):
        box = page.mediabox
        left, bottom, right, top = float(box.left), float(box.bottom), float(box.right), float(box.top)

        def visit(text, cm, tm, font_dict, font_size, page_number=number, box=(left, bottom, right, top)):
            left, bottom, right, top = box
            if not text.strip():
                return
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            width = len(text) * float(font_size or 0) * abs(tm[0] * cm[0]) * 0.45  # a low guess of the run's width
            if not (left - 1 <= x and x + width <= right + 1 and bottom - 1 <= y <= top + 1):
                outside.append((page_number, round(x), round(y), text))

        page.extract_text(visitor_text=visit)
    return outside


def page_texts(data: bytes) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(data)).pages]
