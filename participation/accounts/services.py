"""Every change to an account: registering, confirming, logging in, resetting, roles."""

import enum
from functools import cache
from hashlib import sha256

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from werkzeug.security import check_password_hash, generate_password_hash

from participation.access import RESIDENT, ROLES
from participation.accounts import sessions, throttle
from participation.accounts.models import User, UserRole
from participation.database import utcnow
from participation.extensions import db
from participation.mail.services import queue_mail, recently_mailed
from participation.serving import public_url

# Kinds of account mail: each goes to one address at most once per ACCOUNT_MAIL_MINUTES.
CONFIRM_MAIL, RESET_MAIL, REGISTER_ATTEMPT_MAIL = "confirm", "reset", "register-attempt"


class AccountError(Exception):
    """A refusal a person should read; the message is translated."""


class LoginRefusal(enum.Enum):
    WRONG = "wrong"
    UNCONFIRMED = "unconfirmed"
    WAIT = "wait"  # too many failures for this account from this client address


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


def _open_token(token: str, purpose: str, max_age: int) -> tuple[User, dict]:
    """The active account a link is for and what the link carries; refused when expired, forged or gone."""
    try:
        data = _serializer(purpose).loads(token, max_age=max_age)
    except SignatureExpired as error:
        raise AccountError(_("This link has expired. Ask for a new one.")) from error
    except BadSignature as error:
        raise AccountError(_("This link is not valid.")) from error
    user = db.session.get(User, data.get("id"))
    if user is None or not user.is_active:
        raise AccountError(_("This link is not valid."))
    return user, data


def read_token(token: str, purpose: str, max_age: int) -> User:
    user, data = _open_token(token, purpose, max_age)
    if purpose == "reset" and data.get("fp") != sha256(user.password_hash.encode()).hexdigest()[:16]:
        raise AccountError(_("This link has already been used. Ask for a new one."))
    return user


def hash_password(password: str) -> str:
    return generate_password_hash(password, method="scrypt")


@cache
def dummy_hash() -> str:
    """A hash of a password nobody knows, made like every real one (computed once, at start)."""
    return hash_password(sha256(b"no account").hexdigest())


def password_matches(user: User | None, password: str) -> bool:
    """Check a password; without an account a dummy hash is checked, so the answer takes as long."""
    if user is None or not user.is_active:
        check_password_hash(dummy_hash(), password)
        return False
    return user.check_password(password)


def mail_once(recipient: str, kind: str, subject: str, body: str) -> bool:
    """Queue an account mail unless one of its kind went to this address a few minutes ago.

    Whoever asks and from wherever, an address gets at most one such mail per ACCOUNT_MAIL_MINUTES;
    the pages answer the same either way. Returns whether the mail was queued.
    """
    if recently_mailed(recipient, kind, current_app.config["ACCOUNT_MAIL_MINUTES"]):
        return False
    queue_mail(recipient, subject, body, kind=kind)
    return True


def send_confirmation(user: User, first: bool = False) -> None:
    """The confirmation link: a new account's first one always goes, a resend at most once per few minutes."""
    link = public_url("accounts.confirm", token=make_token(user, "confirm"))
    subject = _("Confirm your e-mail address")
    body = _(
        "Hello %(name)s,\n\nConfirm your e-mail address by opening this link:\n%(link)s\n",
        name=user.display_name,
        link=link,
    )
    if first:
        queue_mail(user.email, subject, body, kind=CONFIRM_MAIL)
    else:
        mail_once(user.email, CONFIRM_MAIL, subject, body)


def tell_owner_of_registration(user: User) -> None:
    """Someone registered with an address that has an account: its owner hears it, nobody else does."""
    mail_once(
        user.email,
        REGISTER_ATTEMPT_MAIL,
        _("Someone tried to register with your e-mail address"),
        _(
            "Hello %(name)s,\n\nSomeone (perhaps you) tried to register a new account with this e-mail "
            "address. You already have an account, so nothing was changed.\n\nLog in here:\n%(login)s\n\n"
            "Forgot your password? Choose a new one here:\n%(forgot)s\n\n"
            "Was it not you? Then you can ignore this mail.",
            name=user.display_name or user.email,
            login=public_url("accounts.login"),
            forgot=public_url("accounts.forgot_password"),
        ),
    )


def register_user(email: str, password: str, display_name: str) -> User | None:
    """Register a new account; for an address that has one, mail its owner instead.

    Both cases do the same work (one password hash) and the page answers the same, so registering
    tells nobody whether an address has an account. Returns the new account, or None.
    """
    email = normalise_email(email)
    existing = find_user(email)
    if existing is not None:
        hash_password(password)
        if existing.is_active:
            tell_owner_of_registration(existing)
        return None
    user = User(email=email, display_name=display_name.strip())
    user.set_password(password)
    user.roles.append(UserRole(role=RESIDENT))
    db.session.add(user)
    db.session.flush()
    send_confirmation(user, first=True)
    return user


def confirm_email(token: str) -> tuple[User, bool]:
    """Confirm the address of the link's account. True the first time only: only that first click
    logs the person in, so a confirmation link found later in a mailbox opens no session."""
    user = read_token(token, "confirm", current_app.config["CONFIRM_TOKEN_MAX_AGE"])
    if user.email_confirmed_at is not None:
        return user, False
    user.email_confirmed_at = utcnow()
    return user, True


def authenticate(email: str, password: str, address: str | None) -> User | LoginRefusal:
    """Check a login from a client address. Wrong passwords slow that address down for that account
    (see throttle.py); the answers are the same whether the address has an account or not."""
    email = normalise_email(email)
    if throttle.must_wait(email, address):
        return LoginRefusal.WAIT
    user = find_user(email)
    if not password_matches(user, password):
        throttle.record_failure(email, address)
        return LoginRefusal.WRONG
    if not user.is_confirmed:
        return LoginRefusal.UNCONFIRMED
    throttle.forget_failures(email, address)
    return user


def request_password_reset(email: str) -> None:
    user = find_user(email)
    if user is None or not user.is_active:
        return  # the answer is the same, so no one learns who has an account
    link = public_url("accounts.reset_password", token=make_token(user, "reset"))
    mail_once(
        user.email,
        RESET_MAIL,
        _("Choose a new password"),
        _("Hello %(name)s,\n\nChoose a new password with this link (valid for two hours):\n%(link)s\n\n"
          "Did you not ask for this? Then ignore this mail.", name=user.display_name, link=link),
    )


def change_password(user: User, password: str) -> None:
    """A new password ends every login of the account, on every device, and lifts every wait."""
    user.set_password(password)
    sessions.end_every_login(user)
    throttle.forget_failures(user.email)


def reset_password(token: str, password: str) -> User:
    user = read_token(token, "reset", current_app.config["RESET_TOKEN_MAX_AGE"])
    change_password(user, password)
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
        user.set_password(password)
        db.session.add(user)
    else:
        change_password(user, password)
    if confirmed and user.email_confirmed_at is None:
        user.email_confirmed_at = utcnow()
    set_roles(user, list(set(roles) | user.role_names | {RESIDENT}))
    db.session.flush()
    return user


# Settings ------------------------------------------------------------------------------------------------

EMAIL_CHANGE_MAIL, EMAIL_CHANGED_MAIL = "email-change", "email-changed"


def update_profile(user: User, display_name: str, locale: str) -> None:
    name = " ".join((display_name or "").split())
    if not name:
        raise AccountError(_("Fill in a name."))
    user.display_name = name[:80]
    if locale in current_app.config["LANGUAGES"]:
        user.locale = locale


def request_email_change(user: User, new_email: str) -> None:
    """Send a signed link to the new address; nothing changes until it is opened there.

    When the new address belongs to another account, its owner is told instead and no link goes out,
    while the page answers the same: changing an address tells nobody which addresses have an account.
    """
    new_email = normalise_email(new_email)
    if new_email == user.email:
        raise AccountError(_("This is already your e-mail address."))
    other = find_user(new_email)
    if other is not None:
        if other.is_active:
            tell_owner_of_registration(other)
        return
    token = _serializer("email-change").dumps({"id": user.id, "old": user.email, "new": new_email})
    mail_once(
        new_email, EMAIL_CHANGE_MAIL,
        _("Confirm your new e-mail address"),
        _("Hello %(name)s,\n\nYou asked to use this address for your account on the participation platform. "
          "Confirm it with this link:\n%(link)s\n\n"
          "Did you not ask for this? Then ignore this mail: nothing changes.",
          name=user.display_name, link=public_url("accounts.confirm_email_change", token=token)),
    )


def confirm_email_change(token: str) -> tuple[User, str]:
    """Move the account to the new address of the link; the old address is told. Returns (user, old)."""
    user, data = _open_token(token, "email-change", current_app.config["CONFIRM_TOKEN_MAX_AGE"])
    old, new = data.get("old"), data.get("new")
    if user.email != old:
        raise AccountError(_("This link has already been used. Ask for a new one."))
    if find_user(new) is not None:
        raise AccountError(_("This e-mail address is already used by another account."))
    user.email = new
    user.email_confirmed_at = utcnow()
    queue_mail(
        old,
        _("Your e-mail address was changed"),
        _("Hello %(name)s,\n\nThe e-mail address of your account on the participation platform was changed "
          "to %(new)s. Mails now go there.\n\nWas it not you? Choose a new password at once:\n%(forgot)s\n"
          "and contact the city.", name=user.display_name, new=new, forgot=public_url("accounts.forgot_password")),
        kind=EMAIL_CHANGED_MAIL,
    )
    return user, old


def set_mail_preference(user: User, preference: str) -> None:
    from participation.accounts.models import MAIL_PREFERENCES

    if preference not in MAIL_PREFERENCES:
        raise AccountError(_("Choose how you want to hear about changes."))
    user.mail_preference = preference
