"""Logins kept as rows, so that one can end: logging out ends this login, a new password ends all.

The session cookie and the "stay logged in" cookie carry `<account id>:<token>` (signed with the
secret key by Flask and Flask-Login); the database keeps only the SHA-256 of the token. A copied cookie
is therefore worth exactly as much as the login it was copied from: nothing once that login ended.
"""

import hashlib
import re
import secrets
from collections.abc import Callable
from datetime import timedelta

from flask import current_app, request
from flask_login import login_user, logout_user
from flask_login.config import COOKIE_NAME
from sqlalchemy import ColumnElement, Select, bindparam, delete, select
from sqlalchemy.orm import joinedload

from participation.accounts.models import LoginSession, User
from participation.database import utcnow
from participation.extensions import db

LOGIN_ID = re.compile(r"([0-9]{1,9}):([A-Za-z0-9_-]{20,100})")


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def lifetime(remember: bool) -> timedelta:
    """"Stay logged in": as long as the remember cookie (30 days); otherwise LOGIN_HOURS."""
    if remember:
        return current_app.config["REMEMBER_COOKIE_DURATION"]
    return timedelta(hours=current_app.config["LOGIN_HOURS"])


def start_login(user: User, remember: bool = False) -> str:
    """A new login of `user`; returns the id Flask-Login keeps in the cookies. Does not commit."""
    now = utcnow()
    db.session.execute(delete(LoginSession).where(LoginSession.expires_at <= now))
    token = secrets.token_urlsafe(32)
    db.session.add(LoginSession(user_id=user.id, token_hash=_digest(token), created_at=now,
                                expires_at=now + lifetime(remember)))
    user.login_token = token
    return user.get_id()


def log_in(user: User, remember: bool = False) -> None:
    start_login(user, remember)
    login_user(user, remember=remember)


def is_remembered() -> bool:
    """Whether this browser chose "stay logged in" (it holds the remember cookie)."""
    return current_app.config.get("REMEMBER_COOKIE_NAME", COOKIE_NAME) in request.cookies


def log_out(user: User) -> None:
    """End this login only: the person's other devices stay logged in. Does not commit."""
    if getattr(user, "login_token", None):
        db.session.execute(delete(LoginSession).where(LoginSession.token_hash == _digest(user.login_token)))
    logout_user()


def end_every_login(user: User) -> None:
    """After a new password or a deletion: every device, every remember cookie. Does not commit."""
    db.session.execute(delete(LoginSession).where(LoginSession.user_id == user.id))


# Values of other features every signed-in page shows (the unread notifications in the menu), read in the
# login's own statement: name -> a column correlated to `User` (see `read_with_login`).
_WITH_LOGIN: dict[str, Callable[[], ColumnElement]] = {}
_statements: dict[tuple[str, ...], Select] = {}


def read_with_login(name: str, column: Callable[[], ColumnElement]) -> None:
    """Read `column()` (a scalar subquery on `User`) with every login; the user object then holds it in
    `user.with_login[name]`, as the database had it when the request began."""
    _WITH_LOGIN[name] = column
    _statements.clear()


def _login_statement() -> Select:
    """Built once: the account of a login that holds, its roles and the values read with the login."""
    names = tuple(_WITH_LOGIN)
    statement = _statements.get(names)
    if statement is None:
        statement = (
            select(User, *(_WITH_LOGIN[name]().label(name) for name in names))
            .join(LoginSession, LoginSession.user_id == User.id)
            .where(User.id == bindparam("user_id"), LoginSession.token_hash == bindparam("token_hash"),
                   LoginSession.expires_at > bindparam("now"), User.deleted_at.is_(None))
            .options(joinedload(User.roles))
        )
        _statements[names] = statement
    return statement


def user_for(login_id: str | None) -> User | None:
    """Flask-Login's user loader: the account of a login that still exists and has not expired, with its
    roles and the values read with the login, in one statement."""
    match = LOGIN_ID.fullmatch(login_id or "")
    if match is None:
        return None
    user_id, token = int(match.group(1)), match.group(2)
    row = db.session.execute(
        _login_statement(), {"user_id": user_id, "token_hash": _digest(token), "now": utcnow()}
    ).unique().one_or_none()
    if row is None:
        return None
    user = row[0]
    user.login_token = token
    user.with_login = dict(zip(_WITH_LOGIN, row[1:], strict=False))
    return user
