"""Failed logins slow down one client address for one account, and never lock the account itself.

After LOCKOUT_THRESHOLD wrong passwords for one address from one client address within LOCKOUT_MINUTES,
that client address must wait until the oldest of them is LOCKOUT_MINUTES old. The owner, from any
other address, logs in as usual, and a new password (the reset mail) lifts every wait on the account.
Unknown addresses are counted exactly like known ones, so the answers tell nobody who has an account.
"""

from datetime import timedelta

from flask import current_app
from sqlalchemy import delete, func, select

from participation.accounts.models import LoginFailure
from participation.database import utcnow
from participation.extensions import db
from participation.security import keyed_hash


def _account_key(email: str) -> str:
    return keyed_hash("login-account", email)


def _address_key(address: str | None) -> str:
    return keyed_hash("login-address", address or "")


def _window_start():
    return utcnow() - timedelta(minutes=current_app.config["LOCKOUT_MINUTES"])


def must_wait(email: str, address: str | None) -> bool:
    failures = db.session.scalar(
        select(func.count(LoginFailure.id)).where(
            LoginFailure.account_key == _account_key(email),
            LoginFailure.address_key == _address_key(address),
            LoginFailure.failed_at > _window_start(),
        )
    )
    return failures >= current_app.config["LOCKOUT_THRESHOLD"]


def record_failure(email: str, address: str | None) -> None:
    db.session.execute(delete(LoginFailure).where(LoginFailure.failed_at <= _window_start()))
    db.session.add(LoginFailure(account_key=_account_key(email), address_key=_address_key(address),
                                failed_at=utcnow()))


def forget_failures(email: str, address: str | None = None) -> None:
    """After a good login (this address) or a new password (every address)."""
    statement = delete(LoginFailure).where(LoginFailure.account_key == _account_key(email))
    if address is not None:
        statement = statement.where(LoginFailure.address_key == _address_key(address))
    db.session.execute(statement)
