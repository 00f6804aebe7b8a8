"""Read-side helpers for notifications: the page of one person's notifications and the unread count."""

from flask_sqlalchemy.pagination import Pagination
from sqlalchemy import func, select

from participation.extensions import db
from participation.notifications.models import Notification


def unread_count(user) -> int:
    """One count on the (user_id, read_at) index: cheap enough for the menu of every page."""
    return db.session.scalar(
        select(func.count()).select_from(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
    ) or 0


def unread_count_column():
    """The same count as a column of a statement on `User`: read with each login (accounts.sessions)."""
    from participation.accounts.models import User

    return (
        select(func.count()).select_from(Notification)
        .where(Notification.user_id == User.id, Notification.read_at.is_(None))
        .correlate(User).scalar_subquery()
    )


def notifications_of(user, page: int, per_page: int) -> Pagination:
    statement = (
        select(Notification).where(Notification.user_id == user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
    )
    return db.paginate(statement, page=page, per_page=per_page, error_out=False)
