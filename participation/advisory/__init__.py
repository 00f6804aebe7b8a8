"""Advisory councils: rounds of joint advice from each council's proposals to the endorsed note."""

from flask import Blueprint

bp = Blueprint("advisory", __name__)

from participation.advisory import admin_views, api, followup_views, views  # noqa: E402,F401


@bp.record_once
def _show_points_on_goal_pages(state) -> None:
    from participation.advisory.queries import points_for_goal
    from participation.sdgs.sections import register_goal_section

    register_goal_section(state.app, "advisory/_goal_points.html", points_for_goal, position=10)


@bp.app_context_processor
def inject_labels():
    from participation.advisory.services import ROLE_LABELS, STEP_LABELS, THEME_LABELS

    return {"step_labels": STEP_LABELS, "council_role_labels": ROLE_LABELS, "theme_labels": THEME_LABELS}
