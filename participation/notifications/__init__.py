"""Notifications: what changed on what a person follows, wrote or commented on, and how they hear of it."""

from flask import Blueprint, g
from flask_login import current_user

bp = Blueprint("notifications", __name__)

from participation.notifications import views  # noqa: E402,F401


def unread_notifications() -> int:
    """The number in the menu: read with the login (one indexed count in the login's statement), and only
    for someone logged in; counted again once this request marked notifications read."""
    if not current_user.is_authenticated:
        return 0
    if "unread_notifications" not in g:
        from participation.notifications.queries import unread_count

        read = current_user.with_login.get("unread_notifications")
        g.unread_notifications = read if read is not None else unread_count(current_user)
    return g.unread_notifications


@bp.record_once
def read_unread_count_with_login(_state) -> None:
    from participation.accounts.sessions import read_with_login
    from participation.notifications.queries import unread_count_column

    read_with_login("unread_notifications", unread_count_column)


@bp.record_once
def add_template_globals(state) -> None:
    state.app.jinja_env.globals.update(unread_notifications=unread_notifications)


@bp.record_once
def _register_personal_data(state) -> None:
    from participation.accounts.personal_data import register_collector, register_eraser
    from participation.notifications.services import forget_notifications, personal_notifications

    register_collector("notifications", personal_notifications)
    register_eraser(forget_notifications)

