from flask import Blueprint

bp = Blueprint("ideas", __name__)

from participation.ideas import counters, moderation, notes, views  # noqa: E402,F401


@bp.app_context_processor
def inject_idea_labels():
    from participation.core.chapters import chapter_label
    from participation.ideas.rules import STATUS_LABELS

    return {"status_labels": STATUS_LABELS, "chapter_label": chapter_label}


@bp.app_template_global()
def idea_url(idea) -> str:
    """The page of an idea (an Idea or its id): the one place other features link to it from."""
    from flask import url_for

    return url_for("ideas.show", idea_id=getattr(idea, "id", idea))
