"""The city's vision notes (the Inspiratienota 2040), shown as written (loaded by participation/demo/notes.py).

A note is written from a process (the staff idea round) and has one part per chapter of the city. Its
text is the city's public vision, for everyone; the process's ideas stay with whoever may see them.
"""

from dataclasses import dataclass

from participation.core.models import VisionNote
from participation.extensions import db

PART_KINDS = ("challenge", "call", "for_city", "text")


def note_by_slug(slug: str) -> VisionNote | None:
    return db.session.scalar(db.select(VisionNote).where(VisionNote.slug == slug))


def note_of_process(process_id: int) -> VisionNote | None:
    return db.session.scalar(db.select(VisionNote).where(VisionNote.process_id == process_id))


@dataclass(frozen=True)
class NoteParagraph:
    text: str
    is_quote: bool = False


@dataclass(frozen=True)
class NotePart:
    kind: str
    title: str
    paragraphs: list[NoteParagraph]


@dataclass(frozen=True)
class NoteChapter:
    key: str
    headline: str
    parts: list[NotePart]


def paragraphs(items: list) -> list[NoteParagraph]:
    """A paragraph is a string; a list is one paragraph the PDF's layout cut (its pieces joined, '[…]' where
    the PDF's text lost words); {"quote": …} is a line the note sets apart in capitals."""
    result = []
    for item in items:
        if isinstance(item, dict):
            result.append(NoteParagraph(item["quote"], is_quote=True))
        elif isinstance(item, list):
            result.append(NoteParagraph(" ".join(item)))
        else:
            result.append(NoteParagraph(item))
    return result


def note_chapters(content: dict) -> list[NoteChapter]:
    return [
        NoteChapter(item["chapter"], item.get("headline", ""), [
            NotePart(part["kind"], part.get("title", ""), paragraphs(part.get("paragraphs", [])))
            for part in item.get("parts", [])
        ])
        for item in content.get("chapters", [])
    ]
