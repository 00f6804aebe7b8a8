"""The multi-year plan (meerjarenplan): import, public tracker, ideas linked to actions."""

from flask import Blueprint

bp = Blueprint("plan", __name__)

from participation.plan import api, views  # noqa: E402,F401


@bp.record_once
def _show_actions_on_goal_pages(state) -> None:
    from participation.plan.queries import actions_for_sdg_goal
    from participation.sdgs.sections import register_goal_section

    register_goal_section(state.app, "plan/_goal_actions.html", actions_for_sdg_goal, position=20)


@bp.record_once
def _show_actions_on_idea_pages(_state) -> None:
    from participation.ideas.sections import register_idea_section

    register_idea_section("plan", idea_plan_section, rows=idea_has_actions)


def idea_plan_section(idea, viewer, has_rows: bool = True) -> dict:
    """The idea page's share: the actions that carry the idea out (not read when it has none: `has_rows`),
    and whether this viewer links more."""
    from participation.plan.queries import road_of_idea
    from participation.plan.rules import can_link_ideas

    return {"road": road_of_idea(idea) if has_rows else [], "can_link": can_link_ideas(viewer)}


def idea_has_actions():
    """Whether an action of the plan carries an idea out, as a condition on `Idea` (see `ideas.sections`)."""
    from sqlalchemy import exists

    from participation.ideas.models import Idea
    from participation.plan.models import IdeaAction

    return exists().where(IdeaAction.idea_id == Idea.id)


@bp.app_context_processor
def inject_plan_helpers():
    from participation.plan.spreadsheet import Status

    return {"plan_statuses": list(Status)}

