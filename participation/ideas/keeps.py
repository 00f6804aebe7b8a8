"""Ideas the management team keeps for a chapter of the city's note, after the staff round.

The Inspiratienota 2040 was written from a staff idea round: when the round has closed, the management
team reads the ideas and keeps some for a chapter of the note, with a note of why. A moderator records
that here; the note's page lists the kept ideas per chapter (to those who may see the ideas), and the
idea's road shows the keep, dated.
"""

from dataclasses import dataclass
from datetime import datetime

from flask import current_app, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from participation.core.chapters import chapter_label
from participation.core.models import Chapter
from participation.core.notes import note_of_process
from participation.database import utcnow
from participation.extensions import db
from participation.ideas import rules
from participation.ideas.models import PUBLIC_STATUSES, ChapterKeep, Idea
from participation.ideas.queries import idea_visibility
from participation.ideas.services import IdeaError
from participation.processes.models import Process
from participation.text import has_visible_text

NOTE_MAX = 2000
ROUND_KINDS = ("propose", "vote")


def is_round_over(process: Process) -> bool:
    """The staff round is over when every ideas and vote phase of the process has closed."""
    phases = [phase for phase in process.phases if phase.kind in ROUND_KINDS]
    return bool(phases) and all(phase.is_past for phase in phases)


def keep_refusal(idea: Idea) -> str | None:
    """Why this idea cannot be kept for a chapter now (None: it can)."""
    if note_of_process(idea.process_id) is None:
        return _("Ideas of this process are not kept for a chapter: the city wrote no note from it.")
    if not is_round_over(idea.process):
        return _("Ideas are kept for a chapter once the round has closed.")
    if idea.status not in PUBLIC_STATUSES:
        return _("Only a published idea can be kept for a chapter.")
    return None


def keep_of(idea: Idea) -> ChapterKeep | None:
    return db.session.scalar(
        select(ChapterKeep).options(joinedload(ChapterKeep.chapter)).where(ChapterKeep.idea_id == idea.id)
    )


def keep_for_chapter(idea: Idea, chapter_key: str, note: str, moderator) -> ChapterKeep:
    """Record that the management team keeps the idea for a chapter; keeping it again moves it."""
    refusal = keep_refusal(idea)
    if refusal:
        raise IdeaError(refusal)
    chapter = db.session.scalar(select(Chapter).where(Chapter.key == chapter_key))
    if chapter is None:
        raise IdeaError(_("Choose a chapter."), "chapter")
    note = (note or "").strip()
    if not has_visible_text(note):
        raise IdeaError(_("Write the management team's note: why this idea is kept."), "note")
    if len(note) > NOTE_MAX:
        raise IdeaError(_("Keep the text under %(n)d characters.", n=NOTE_MAX), "note")
    keep = db.session.get(ChapterKeep, idea.id) or ChapterKeep(idea_id=idea.id)
    keep.chapter_id, keep.note, keep.kept_by_id, keep.kept_at = chapter.id, note, moderator.id, utcnow()
    db.session.add(keep)
    db.session.flush()
    current_app.logger.info("idea %s kept for chapter %s by user %s", idea.id, chapter.key, moderator.id)
    return keep


def withdraw_keep(idea: Idea, moderator) -> None:
    keep = db.session.get(ChapterKeep, idea.id)
    if keep is None:
        raise IdeaError(_("This idea is not kept for a chapter."))
    db.session.delete(keep)
    db.session.flush()
    current_app.logger.info("keep of idea %s withdrawn by user %s", idea.id, moderator.id)


def kept_by_chapter(process: Process, viewer) -> dict[str, list[ChapterKeep]]:
    """The kept ideas of a process per chapter key, in the order they were kept; only ideas the viewer may
    see (a staff process's ideas stay with staff, whoever reads the note)."""
    statement = (
        select(ChapterKeep).join(Idea, Idea.id == ChapterKeep.idea_id)
        .options(joinedload(ChapterKeep.idea), joinedload(ChapterKeep.chapter))
        .where(Idea.process_id == process.id, idea_visibility(viewer, listing=True))
        .order_by(ChapterKeep.kept_at, ChapterKeep.idea_id)
    )
    kept: dict[str, list[ChapterKeep]] = {}
    for keep in db.session.scalars(statement):
        kept.setdefault(keep.chapter.key, []).append(keep)
    return kept


@dataclass(frozen=True)
class RoadStep:
    """One dated step on an idea's road: a status change, or the keep for a chapter."""

    label: str
    when: datetime
    by: str | None
    text: str
    kind: str
    url: str | None = None


def merged_in_step(change) -> RoadStep:
    """The merge of another idea into this one, with the explanation its own road shows too."""
    text = _("“%(title)s” (idea #%(id)s) proposed the same; its votes and followers moved here.",
             title=change.idea.title, id=change.idea_id)
    if change.explanation:
        text = f"{text} {change.explanation}"
    return RoadStep(_("An idea is merged into this one"), change.created_at,
                    change.author.display_name if change.author else None, text, "merged_in")


def idea_road(idea: Idea, history: list, kept: bool = True) -> list[RoadStep]:
    """The status changes and the keep, in the order they happened; `kept=False` when the idea is known
    not to be kept (no keep is read)."""
    steps = [merged_in_step(change) if change.idea_id != idea.id else
             RoadStep(str(rules.STATUS_LABELS[change.to_status]), change.created_at,
                      change.author.display_name if change.author and change.to_status != "submitted" else None,
                      change.explanation or "", change.to_status)
             for change in history]
    keep = keep_of(idea) if kept else None
    if keep is not None:
        label = _("Kept for the chapter %(chapter)s", chapter=chapter_label(keep.chapter.key))
        note = note_of_process(idea.process_id)
        url = url_for("ideas.note", slug=note.slug, _anchor=f"chapter-{keep.chapter.key}") if note else None
        steps.append(RoadStep(label, keep.kept_at, _("the management team"), keep.note, "kept", url))
        steps.sort(key=lambda step: step.when)
    return steps
