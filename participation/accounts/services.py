"""Every change to an account: registering, confirming, logging in, resetting, roles."""

import enum
from datetime import timedelta
from hashlib import sha256

from flask import current_app, url_for
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from participation.access import RESIDENT, ROLES
from participation.accounts.models import User, UserRole
from participation.database import utcnow
from participation.extensions import db
from participation.mail.services import queue_mail


class AccountError(Exception):
    """A refusal a person should read; the message is translated."""


class LoginFailure(enum.Enum):
    WRONG = "wrong"
    UNCONFIRMED = "unconfirmed"
    LOCKED = "locked"


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def find_user(email: str) -> User | None:
    return db.session.scalar(db.select(User).where(User.email == normalise_email(email)))


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"participation-{purpose}")


def make_token(user: User, purpose: str) -> str:
    # A reset token carries a fingerprint of the password hash, so it works once.
    fingerprint = sha256(user.password_hash.encode()).hexdigest()[:16]
    return _serializer(purpose).dumps({"id": user.id, "fp": fingerprint})


def read_token(token: str, purpose: str, max_age: int) -> User:
    try:
        data = _serializer(purpose).loads(token, max_age=max_age)
    except SignatureExpired as error:
        raise AccountError(_("This link has expired. Ask for a new one.")) from error
    except BadSignature as error:
        raise AccountError(_("This link is not valid.")) from error
    user = db.session.get(User, data.get("id"))
    if user is None or not user.is_active:
        raise AccountError(_("This link is not valid."))
    if purpose == "reset" and data.get("fp") != sha256(user.password_hash.encode()).hexdigest()[:16]:
        raise AccountError(_("This link has already been used. Ask for a new one."))
    return user


def send_confirmation(user: User) -> None:
    link = url_for("accounts.confirm", token=make_token(user, "confirm"), _external=True)
    queue_mail(
        user.email,
        _("Confirm your e-mail address"),
        _(
            "Hello %(name)s,\n\nConfirm your e-mail address by opening this link:\n%(link)s\n",
            name=user.display_name,
            link=link,
        ),
    )


def register_user(email: str, password: str, display_name: str) -> User:
    email = normalise_email(email)
    if find_user(email) is not None:
        raise AccountError(_("An account with this e-mail address already exists. Log in or reset your password."))
    user = User(email=email, display_name=display_name.strip())
    user.set_password(password)
    user.roles.append(UserRole(role=RESIDENT))
    db.session.add(user)
    db.session.flush()
    send_confirmation(user)
    return user


def confirm_email(token: str) -> tuple[User, bool]:
    """Confirm the address of the link's account. True the first time only: only that first click
    logs the person in, so a confirmation link found later in a mailbox opens no session."""
    user = read_token(token, "confirm", current_app.config["CONFIRM_TOKEN_MAX_AGE"])
    if user.email_confirmed_at is not None:
        return user, False
    user.email_confirmed_at = utcnow()
    return user, True


def authenticate(email: str, password: str) -> User | LoginFailure:
    """Check a login; repeated failures lock the account for a while."""
    user = find_user(email)
    if user is None or not user.is_active:
        return LoginFailure.WRONG
    now = utcnow()
    if user.locked_until and user.locked_until > now:
        return LoginFailure.LOCKED
    if not user.check_password(password):
        user.failed_logins += 1
        if user.failed_logins >= current_app.config["LOCKOUT_THRESHOLD"]:
            user.locked_until = now + timedelta(minutes=current_app.config["LOCKOUT_MINUTES"])
            user.failed_logins = 0
            return LoginFailure.LOCKED
        return LoginFailure.WRONG
    if not user.is_confirmed:
        return LoginFailure.UNCONFIRMED
    user.failed_logins = 0
    user.locked_until = None
    return user


def request_password_reset(email: str) -> None:
    user = find_user(email)
    if user is None or not user.is_active:
        return  # the answer is the same, so no one learns who has an account
    link = url_for("accounts.reset_password", token=make_token(user, "reset"), _external=True)
    queue_mail(
        user.email,
        _("Choose a new password"),
        _("Hello %(name)s,\n\nChoose a new password with this link (valid for two hours):\n%(link)s\n\n"
          "Did you not ask for this? Then ignore this mail.", name=user.display_name, link=link),
    )


def reset_password(token: str, password: str) -> User:
    user = read_token(token, "reset", current_app.config["RESET_TOKEN_MAX_AGE"])
    user.set_password(password)
    user.failed_logins = 0
    user.locked_until = None
    if user.email_confirmed_at is None:
        user.email_confirmed_at = utcnow()  # the link reached the mailbox, so the address works
    return user


def set_roles(user: User, roles: list[str]) -> None:
    wanted = {role for role in roles if role in ROLES}
    for held in list(user.roles):
        if held.role not in wanted:
            user.roles.remove(held)
    for role in sorted(wanted - user.role_names):
        user.roles.append(UserRole(role=role))


def create_user(email: str, password: str, display_name: str, roles: list[str], confirmed: bool = True) -> User:
    user = find_user(email)
    if user is None:
        user = User(email=normalise_email(email), display_name=display_name)
        db.session.add(user)
    user.set_password(password)
    if confirmed and user.email_confirmed_at is None:
        user.email_confirmed_at = utcnow()
    set_roles(user, list(set(roles) | user.role_names | {RESIDENT}))
    db.session.flush()
    return user
