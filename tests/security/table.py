"""The vocabulary of the route × role table: who gets which answer."""

from collections.abc import Callable
from dataclasses import dataclass, field

ANON, RESIDENT, EMPLOYEE, COUNCIL, MODERATOR, ADMIN = (
    "anonymous", "resident", "employee", "council_member", "moderator", "administrator",
)
ALL_ROLES = (ANON, RESIDENT, EMPLOYEE, COUNCIL, MODERATOR, ADMIN)
SIGNED_IN = ALL_ROLES[1:]
LOGIN = 302  # anonymous visitors are sent to the login page


def everyone(code: int = 200) -> dict[str, int]:
    return {role: code for role in ALL_ROLES}


def signed_in(code: int = 200) -> dict[str, int]:
    return {ANON: LOGIN, **{role: code for role in SIGNED_IN}}


def only(*roles: str, code: int = 200, others: int = 403) -> dict[str, int]:
    """The named roles (and the administrator, who passes every role check) get `code`."""
    allowed = set(roles) | {ADMIN}
    return {ANON: LOGIN, **{role: code if role in allowed else others for role in SIGNED_IN}}


def anonymous_only(code: int = 200, signed: int = 302) -> dict[str, int]:
    return {ANON: code, **{role: signed for role in SIGNED_IN}}


@dataclass
class Check:
    """One request: the method, a URL built from the world, the form data, and the answers per role."""

    url: Callable[[object], str]
    expected: dict[str, int]
    method: str = "GET"
    data: Callable[[object], dict] | None = None
    note: str = ""
    extra: dict = field(default_factory=dict)
