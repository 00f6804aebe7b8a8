from flask import Blueprint

bp = Blueprint("ideas", __name__)

from participation.ideas import counters, moderation, notes, texts, views  # noqa: E402,F401


@bp.record_once
def _register_personal_data(_state) -> None:
    """A person's photos are in their data download; deleting the account removes them."""
    from participation.accounts.personal_data import register_collector, register_eraser
    from participation.ideas.images import personal_images, remove_images_of_author

    register_collector("idea_photos", personal_images)
    register_eraser(remove_images_of_author)


@bp.record_once
def add_template_globals(state) -> None:
    """Globals, not context variables, so that imported macros (an idea's card) see them too."""
    from participation.core.chapters import chapter_label
    from participation.ideas.rules import STATUS_LABELS

    state.app.jinja_env.globals.update(status_labels=STATUS_LABELS, chapter_label=chapter_label)


@bp.app_template_global()
def idea_url(idea) -> str:
    """The page of an idea (an Idea or its id): the one place other features link to it from."""
    from flask import url_for

    return url_for("ideas.show", idea_id=getattr(idea, "id", idea))
