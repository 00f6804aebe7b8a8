"""The multi-year plan (meerjarenplan): import, public tracker, ideas linked to actions."""

from flask import Blueprint

bp = Blueprint("plan", __name__)

from participation.plan import api, views  # noqa: E402,F401


@bp.app_context_processor
def inject_plan_helpers():
    from participation.plan.queries import actions_for_idea, actions_for_sdg_goal
    from participation.plan.spreadsheet import Status

    return {
        "idea_url": idea_url,
        "plan_actions_for_idea": actions_for_idea,
        "plan_actions_for_goal": actions_for_sdg_goal,
        "plan_statuses": list(Status),
    }


def idea_url(idea) -> str | None:
    """The page of an idea, once the ideas feature serves one; ``None`` until then."""
    from flask import current_app, url_for
    from werkzeug.routing import BuildError

    if "ideas.show" not in current_app.view_functions:
        return None
    for arguments in ({"idea_id": idea.id}, {"slug": idea.process.slug, "idea_id": idea.id}):
        try:
            return url_for("ideas.show", **arguments)
        except BuildError:
            continue
    return None
