"""The page of a city's note (the Inspiratienota 2040): its text for everyone, the kept ideas for those
who may see the ideas of its process."""

from flask import abort, render_template
from flask_login import current_user

from participation.access import PUBLIC, access
from participation.core.chapters import chapters
from participation.core.notes import note_by_slug, note_chapters, paragraphs
from participation.extensions import db
from participation.ideas import bp, keeps
from participation.processes.models import Process
from participation.processes.services import can_view


@bp.route("/nota/<slug>")
@access(PUBLIC)
def note(slug: str):
    """The note is the city's public vision; the staff's ideas kept for it stay with the staff."""
    found = note_by_slug(slug)
    if found is None:
        abort(404)
    process = db.session.get(Process, found.process_id) if found.process_id else None
    sees_ideas = process is not None and can_view(current_user, process)
    by_key = {chapter.key: chapter for chapter in chapters()}
    return render_template(
        "ideas/note.html", note=found, by_key=by_key, process=process if sees_ideas else None,
        introduction=paragraphs(found.content.get("introduction", [])), chapters=note_chapters(found.content),
        conclusion=paragraphs(found.content.get("conclusion", [])), links=found.content.get("links", []),
        kept=keeps.kept_by_chapter(process, current_user) if sees_ideas else {},
        round_over=keeps.is_round_over(process) if sees_ideas else False,
    )
