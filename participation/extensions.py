"""Extensions, created once here and bound to the app in create_app()."""

from flask import Flask, current_app, request
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_qualified_name, get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_sqlalchemy import SQLAlchemy
from flask_wtf import CSRFProtect
from sqlalchemy import MetaData

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

db = SQLAlchemy(metadata=MetaData(naming_convention=NAMING))
migrate = Migrate(compare_type=True, render_as_batch=True)
login_manager = LoginManager()
csrf = CSRFProtect()
babel = Babel()
limiter = Limiter(key_func=get_remote_address, default_limits=[])


@limiter.request_filter
def limits_are_off() -> bool:
    """Each app's own RATELIMIT_ENABLED decides (see security.init_rate_limits); and a route that declares
    no limit of its own (every page that is only read) skips the limiter's work."""
    if not current_app.config.get("RATELIMIT_ENABLED", True):
        return True
    return request.endpoint in unlimited_endpoints(current_app)


def unlimited_endpoints(app: Flask) -> frozenset[str]:
    """The endpoints without a `limiter.limit` of their own, found once per app.

    The app sets no limit for all routes (no default or application-wide limits), so a request for one of
    these has nothing to count. Should Flask-Limiter stop keeping the names it limits, or should limits
    for all routes be set, every request goes through the limiter again.
    """
    found = app.extensions.get("unlimited_endpoints")
    if found is None:
        marked = getattr(limiter, "_marked_for_limiting", None)
        manager = limiter.limit_manager
        if marked is None or manager.default_limits or manager.application_limits:
            found = frozenset()
        else:
            found = frozenset(endpoint for endpoint, view in app.view_functions.items()
                              if get_qualified_name(view) not in marked)
        app.extensions["unlimited_endpoints"] = found
    return found
