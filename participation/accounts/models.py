from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import CheckConstraint, ForeignKey, Index, String, func
from sqlalchemy.orm import Mapped, mapped_column, relationship
from werkzeug.security import check_password_hash, generate_password_hash

from participation.access import ADMINISTRATOR, ROLES
from participation.database import utcnow
from participation.extensions import db

MAIL_PREFERENCES = ("each", "weekly", "none")


class User(UserMixin, db.Model):
    """An account. `mail_preference` says how the person hears about changes to what they follow:
    a mail for each change, one weekly digest, or no mail (the notifications page shows them all)."""

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint("mail_preference IN ('each', 'weekly', 'none')", name="known_mail_preference"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(80))
    password_hash: Mapped[str] = mapped_column(String(255))
    locale: Mapped[str | None] = mapped_column(String(5))
    mail_preference: Mapped[str] = mapped_column(String(10), default="each", server_default="each")
    email_confirmed_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.current_timestamp())
    deleted_at: Mapped[datetime | None]

    roles: Mapped[list["UserRole"]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )

    # The login this object was loaded for (see accounts/sessions.py); never stored, never shown.
    login_token = None
    # Values other features read with the login (accounts.sessions.read_with_login), by name.
    with_login: dict = {}

    def get_id(self) -> str:
        """What Flask-Login keeps in the session and the remember cookie: the account and its login."""
        return f"{self.id}:{self.login_token}" if self.login_token else str(self.id)

    def set_password(self, password: str) -> None:
        """Only the hash; accounts.services.change_password also ends the account's logins."""
        self.password_hash = generate_password_hash(password, method="scrypt")

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    @property
    def is_confirmed(self) -> bool:
        return self.email_confirmed_at is not None

    @property
    def is_active(self) -> bool:  # Flask-Login: a deleted account cannot log in
        return self.deleted_at is None

    @property
    def role_names(self) -> set[str]:
        return {role.role for role in self.roles}

    def has_role(self, role: str) -> bool:
        return role in self.role_names

    def has_any_role(self, *roles: str) -> bool:
        names = self.role_names
        return ADMINISTRATOR in names or bool(names.intersection(roles))

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email}>"


class UserRole(db.Model):
    """One row per role an account holds; an account may hold several."""

    __tablename__ = "user_roles"
    __table_args__ = (
        CheckConstraint("role IN ({})".format(", ".join(f"'{r}'" for r in ROLES)), name="known_role"),
    )

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    role: Mapped[str] = mapped_column(String(20), primary_key=True)
    granted_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.current_timestamp())

    user: Mapped[User] = relationship(back_populates="roles")


class LoginSession(db.Model):
    """One login of one account on one device. The browser holds a random token; only its SHA-256 is
    kept, so a copy of this table opens no account. Logging out deletes the row; a new password
    deletes every row of the account. Nothing about the device (address, browser) is kept."""

    __tablename__ = "login_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, server_default=func.current_timestamp())
    expires_at: Mapped[datetime] = mapped_column(index=True)


class LoginFailure(db.Model):
    """One failed login, kept for a few minutes to slow down guessing from one address at one account.

    Both keys are keyed hashes (HMAC with the secret key): the table names neither the account's
    e-mail address nor the client's IP address, and an unknown address is counted like a known one.
    """

    __tablename__ = "login_failures"
    __table_args__ = (Index("ix_login_failures_keys", "account_key", "address_key", "failed_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_key: Mapped[str] = mapped_column(String(64))
    address_key: Mapped[str] = mapped_column(String(64))
    failed_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
