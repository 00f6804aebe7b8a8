"""Who may open a route: declared on the route, readable by a test that walks them all."""

from collections.abc import Callable
from functools import wraps

from flask import abort, redirect, request, url_for
from flask_login import current_user

RESIDENT = "resident"
EMPLOYEE = "employee"
COUNCIL_MEMBER = "council_member"
MODERATOR = "moderator"
ADMINISTRATOR = "administrator"
ROLES = (RESIDENT, EMPLOYEE, COUNCIL_MEMBER, MODERATOR, ADMINISTRATOR)
PUBLIC = "public"
AUTHENTICATED = "authenticated"


def _login_redirect():
    return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))


def access(*roles: str) -> Callable:
    """Declare who may open a view: PUBLIC, AUTHENTICATED, or any of the named roles.

    An administrator passes every role check. The declaration is kept on the view as
    `required_roles`, so the route table test can read it.
    """

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        def wrapped(*args, **kwargs):
            if PUBLIC not in roles:
                if not current_user.is_authenticated:
                    return _login_redirect()
                if AUTHENTICATED not in roles and not current_user.has_any_role(*roles):
                    abort(403)
            return view(*args, **kwargs)

        wrapped.required_roles = roles
        return wrapped

    return decorator
