"""Sessions in the room (sessies): a workshop, a game, a joint council session; who came (as counts per
group) and what came out of it (ideas written in the room), recorded for a process or a council round."""

from flask import Blueprint

bp = Blueprint("meetings", __name__)


@bp.app_context_processor
def inject_labels():
    from participation.meetings.services import KIND_LABELS

    return {"meeting_kind_labels": KIND_LABELS}


@bp.app_template_global()
def meeting_source(meeting) -> str:
    """What an idea from the room shows instead of an author: "uit het SDG-spel van 01/2024"."""
    from participation.meetings.services import source_label

    return source_label(meeting)


@bp.app_template_global()
def meeting_when(meeting) -> str:
    from participation.meetings.services import when_label

    return when_label(meeting)


@bp.app_template_global()
def meeting_url(meeting) -> str:
    """The page of a session, under its process or its council round."""
    from flask import url_for

    if meeting.process_id is not None:
        return url_for("meetings.process_meeting", slug=meeting.process.slug, meeting_id=meeting.id)
    return url_for("meetings.round_meeting", slug=meeting.round.slug, meeting_id=meeting.id)


from participation.meetings import output_views, views  # noqa: E402,F401
