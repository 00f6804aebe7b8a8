"""Telling people what changed: one notification per person and change, a mail when they want one.

Every feature that has news for someone calls `notify` in the transaction of the change. The person's
mail preference decides what happens next: a mail now ("each"), a line in the weekly digest
("weekly", sent by `participation mail digest`), or only the notifications page ("none"). Every mail
ends with a link that stops the mails without logging in (a signed token, `unsubscribe_link`).
"""

from collections.abc import Callable
from contextlib import contextmanager
from datetime import timedelta
from urllib.parse import urlsplit

from flask import current_app, g, has_request_context
from flask_babel import force_locale
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import select, update

from participation.accounts.models import User
from participation.database import utcnow
from participation.extensions import db
from participation.mail.services import queue_mail
from participation.notifications.models import Notification
from participation.serving import public_url

DIGEST_DAYS = 7
UNSUBSCRIBE_SALT = "participation-unsubscribe"


@contextmanager
def in_language_of(user: User):
    """Texts for a person in their own language (the site's default when they chose none)."""
    languages = current_app.config["LANGUAGES"]
    with force_locale(user.locale if user.locale in languages else current_app.config["BABEL_DEFAULT_LOCALE"]):
        yield


def path_of(link: str) -> str:
    """The path of an absolute link, so a notification keeps working when the site's address changes."""
    parts = urlsplit(link)
    return parts.path + (f"?{parts.query}" if parts.query else "") + (f"#{parts.fragment}" if parts.fragment else "")


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=UNSUBSCRIBE_SALT)


def unsubscribe_token(user: User) -> str:
    """No expiry: the link in a mail of last year still stops the mails. It can do nothing else."""
    return _serializer().dumps({"id": user.id})


def user_of_unsubscribe_token(token: str) -> User | None:
    try:
        data = _serializer().loads(token)
    except BadSignature:
        return None
    user = db.session.get(User, data.get("id")) if isinstance(data, dict) else None
    return user if user is not None and user.is_active else None


def unsubscribe_link(user: User) -> str:
    return public_url("notifications.unsubscribe", token=unsubscribe_token(user))


def mail_footer(user: User) -> str:
    return "\n\n-- \n" + _(
        "All your notifications: %(page)s\n"
        "No more mails about changes? Stop them with one click, without logging in: %(link)s",
        page=public_url("notifications.index"), link=unsubscribe_link(user),
    )


def send_notification_mail(user: User, subject: str, body: str) -> None:
    """A mail about a change, with the unsubscribe link every such mail carries."""
    queue_mail(user.email, subject, body + mail_footer(user), kind="notification")


def notify(
    user: User,
    kind: str,
    about: str,
    link: str,
    text: Callable[[], str],
    mail: Callable[[], tuple[str, str]] | None = None,
    idea_id: int | None = None,
    always_mail: bool = False,
) -> Notification | None:
    """Record a change for one person and mail it when they want each change by mail.

    `text` and `mail` are called in the person's language. `always_mail` is for what a person must
    hear whatever they chose (a moderator hid their words). Nothing is told to a deleted account.
    """
    if not user.is_active:
        return None
    with in_language_of(user):
        notification = Notification(user_id=user.id, kind=kind, about=about[:300], link=path_of(link)[:500],
                                    text=text(), idea_id=idea_id)
        if mail is not None and (always_mail or user.mail_preference == "each"):
            subject, body = mail()
            send_notification_mail(user, subject, body)
            notification.mailed_at = utcnow()
    db.session.add(notification)
    return notification


def mark_all_read(user: User) -> int:
    result = db.session.execute(
        update(Notification).where(Notification.user_id == user.id, Notification.read_at.is_(None))
        .values(read_at=utcnow())
    )
    if has_request_context():
        forget_unread_count(user)
    return result.rowcount or 0


def forget_unread_count(user: User) -> None:
    """After notifications were marked read: the menu of this request counts again."""
    g.pop("unread_notifications", None)
    user.with_login = {key: value for key, value in user.with_login.items() if key != "unread_notifications"}


def forget_notifications(user: User) -> None:
    """On account deletion: what was told to the person goes with them."""
    db.session.execute(Notification.__table__.delete().where(Notification.user_id == user.id))


def personal_notifications(user: User) -> list[dict]:
    rows = db.session.scalars(
        select(Notification).where(Notification.user_id == user.id).order_by(Notification.created_at, Notification.id)
    )
    return [
        {"kind": n.kind, "about": n.about, "text": n.text, "link": n.link,
         "created_at": n.created_at.isoformat(timespec="seconds"),
         "read_at": n.read_at.isoformat(timespec="seconds") if n.read_at else None}
        for n in rows
    ]


def send_digests(now=None) -> tuple[int, int]:
    """One mail per person who chose the weekly digest, with what they were not yet mailed about in the
    last week. Run weekly (cron); running it twice sends nothing twice. Returns (mails, changes)."""
    now = now or utcnow()
    since = now - timedelta(days=DIGEST_DAYS)
    rows = db.session.execute(
        select(User, Notification)
        .join(Notification, Notification.user_id == User.id)
        .where(User.mail_preference == "weekly", User.deleted_at.is_(None), Notification.mailed_at.is_(None),
               Notification.created_at > since)
        .order_by(User.id, Notification.created_at, Notification.id)
    ).all()
    per_user: dict[int, tuple[User, list[Notification]]] = {}
    for user, notification in rows:
        per_user.setdefault(user.id, (user, []))[1].append(notification)
    base = current_app.config["PUBLIC_URL"].rstrip("/")
    for user, notifications in per_user.values():
        with in_language_of(user):
            lines = [f"- {n.about}: {n.text}\n  {base}{n.link}" for n in notifications]
            subject = _("This week on the participation platform: %(num)d changes", num=len(notifications))
            body = _("Hello %(name)s,\n\nThis changed in the past week on what you follow, wrote or commented on:",
                     name=user.display_name) + "\n\n" + "\n".join(lines)
            send_notification_mail(user, subject, body)
        for notification in notifications:
            notification.mailed_at = now
    db.session.flush()
    return len(per_user), len(rows)
