"""The ideas export says which session in the room an idea was written in."""

from participation.exports.registry import Column, ExportOptions, extend_export
from participation.extensions import db
from participation.ideas.models import Idea
from participation.meetings.models import Meeting


def sessions_of_ideas(options: ExportOptions, keys: list) -> dict:
    """{idea id: (session id, session title)} for a batch of ideas, in one query."""
    statement = (
        db.select(Idea.id, Meeting.id, Meeting.title)
        .join(Meeting, Meeting.id == Idea.meeting_id)
        .where(Idea.id.in_(keys))
    )
    return {idea_id: (meeting_id, title) for idea_id, meeting_id, title in db.session.execute(statement)}


extend_export(
    "ideas",
    [Column("session_id", "sessie_id", "Number of the session in the room the idea was written in; empty for "
                                       "ideas written online or entered at the desk."),
     Column("session", "sessie", "Title of that session (het SDG-spel).")],
    values=sessions_of_ideas,
)
