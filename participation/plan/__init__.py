"""The multi-year plan (meerjarenplan): import, public tracker, ideas linked to actions."""

from flask import Blueprint

bp = Blueprint("plan", __name__)

from participation.plan import api, views  # noqa: E402,F401


@bp.record_once
def _show_actions_on_goal_pages(state) -> None:
    from participation.plan.queries import actions_for_sdg_goal
    from participation.sdgs.sections import register_goal_section

    register_goal_section(state.app, "plan/_goal_actions.html", actions_for_sdg_goal, position=20)


@bp.app_context_processor
def inject_plan_helpers():
    from participation.plan.queries import road_of_idea
    from participation.plan.spreadsheet import Status

    return {
        "plan_road_of_idea": road_of_idea,
        "plan_statuses": list(Status),
    }

