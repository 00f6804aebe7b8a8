"""The city's vision notes (the Inspiratienota 2040): loaded from the city's folder, shown as written.

A note is written from a process (the staff idea round) and has one part per chapter of the city. Its
text is the city's public vision, for everyone; the process's ideas stay with whoever may see them.
"""

import json
from dataclasses import dataclass
from pathlib import Path

from participation.core.models import VisionNote
from participation.extensions import db

PART_KINDS = ("challenge", "call", "for_city", "text")


class NoteError(ValueError):
    """A note in the city's folder cannot be used."""


def check_note(data: dict, chapter_keys: set[str], path: Path) -> None:
    problems = []
    for item in data.get("chapters", []):
        if item.get("chapter") not in chapter_keys:
            problems.append(f"{item.get('chapter')!r} is not one of the city's chapters")
        for part in item.get("parts", []):
            if part.get("kind") not in PART_KINDS:
                problems.append(f"{part.get('kind')!r} is not a part of a chapter ({', '.join(PART_KINDS)})")
    if problems:
        raise NoteError(f"The note in {path} cannot be used: " + "; ".join(problems))


def load_vision_notes(folder: Path, names: list[str], lines: list[str]) -> None:
    """Each note named in city.json, linked to its process; loading again replaces its text."""
    from participation.core.chapters import chapter_keys
    from participation.processes.models import Process

    for name in names:
        path = folder / name
        data = json.loads(path.read_text(encoding="utf-8"))
        check_note(data, set(chapter_keys()), path)
        note = db.session.scalar(db.select(VisionNote).where(VisionNote.slug == data["slug"]))
        if note is None:
            note = VisionNote(slug=data["slug"])
            db.session.add(note)
        note.title = data["title"]
        note.content = {key: value for key, value in data.items() if key not in ("slug", "title", "process")}
        process = db.session.scalar(db.select(Process).where(Process.slug == data.get("process")))
        note.process_id = process.id if process else None
        lines.append(f"Note {note.title}: {len(data.get('chapters', []))} chapters")
    db.session.flush()


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
