"""The multi-year plan (meerjarenplan): import, public tracker, ideas linked to actions."""

from flask import Blueprint

bp = Blueprint("plan", __name__)

from participation.plan import api, views  # noqa: E402,F401


@bp.app_context_processor
def inject_plan_helpers():
    from participation.plan.queries import actions_for_sdg_goal, road_of_idea
    from participation.plan.spreadsheet import Status

    return {
        "plan_road_of_idea": road_of_idea,
        "plan_actions_for_goal": actions_for_sdg_goal,
        "plan_statuses": list(Status),
    }

