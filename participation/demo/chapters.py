"""The city's chapters and vision notes, loaded from its folder (see participation/core/chapters.py)."""

import json
from pathlib import Path

from flask import has_app_context

from participation.core.chapters import DEFAULT_FILE, chapter_keys, forget_chapters, read_chapters
from participation.core.models import Chapter, ChapterGoal, VisionNote
from participation.core.notes import PART_KINDS
from participation.extensions import db
from participation.ideas.models import ChapterKeep, Idea
from participation.processes.models import Process


class NoteError(ValueError):
    """A note in the city's folder cannot be used."""


def load_chapters(folder: Path, lines: list[str]) -> None:
    """Put the chapters of a city's folder (or the UN's five Ps) in the database, in their order.

    A chapter that `replaces` older keys takes over the ideas and keeps filed under them (Harelbeke's
    Public Services replaces the UN's Peace); a chapter no longer listed goes, its goals with it.
    """
    path = folder / "chapters.json"
    items = read_chapters(path if path.exists() else DEFAULT_FILE)
    known = {row.key: row for row in db.session.scalars(db.select(Chapter))}
    wanted: dict[int, int] = {}
    for position, item in enumerate(items):
        chapter = known.pop(item["key"], None) or Chapter(key=item["key"])
        chapter.position = position
        chapter.names = dict(item["name"])
        chapter.texts = dict(item.get("text", {}))
        db.session.add(chapter)
        db.session.flush()
        wanted.update({goal: chapter.id for goal in item.get("goals", [])})
        for old in item.get("replaces", []):
            db.session.execute(db.update(Idea).where(Idea.theme == old).values(theme=chapter.key))
            if old in known:
                db.session.execute(db.update(ChapterKeep).where(ChapterKeep.chapter_id == known[old].id)
                                   .values(chapter_id=chapter.id))
    for row in db.session.scalars(db.select(ChapterGoal)):
        if row.goal_number in wanted:
            row.chapter_id = wanted.pop(row.goal_number)
        else:
            db.session.delete(row)
    db.session.add_all(ChapterGoal(goal_number=goal, chapter_id=chapter_id) for goal, chapter_id in wanted.items())
    db.session.flush()
    for gone in known.values():
        db.session.expire(gone)
        db.session.delete(gone)
    db.session.flush()
    db.session.expire_all()
    if has_app_context():
        forget_chapters()
    names = ", ".join(item["name"]["nl"] for item in items)
    lines.append(f"{len(items)} chapters: {names}")


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

