"""Error pages in the visitor's language; a crash rolls back, so nothing is half-saved."""

from flask import Flask, current_app, g, jsonify, render_template, request, session
from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy.exc import DBAPIError, OperationalError
from werkzeug.exceptions import HTTPException, SecurityError
from werkzeug.http import HTTP_STATUS_CODES

from participation.database import release_session
from participation.extensions import db, login_manager

MESSAGES = {
    400: (_l("Something in the request was wrong"), _l("Go back and try again.")),
    403: (_l("You may not open this page"), _l("Your account has no access to this page.")),
    404: (_l("Page not found"), _l("This page does not exist (any more). Check the address.")),
    405: (_l("That is not possible here"), _l("This page does not accept this kind of request.")),
    413: (_l("Too much at once"), _l("What you sent is too large.")),
    429: (_l("Too many attempts"), _l("You tried too often in a short time. Wait a moment and try again.")),
    500: (_l("Something went wrong on our side"), _l("Nothing you sent was half-saved. Try again later.")),
    503: (
        _l("The site is unavailable for a moment"),
        _l("We cannot reach our database. Wait a few seconds and try again."),
    ),
}
RETRY_AFTER_SECONDS = 5


API_PREFIX = "/api/"


def is_api_request() -> bool:
    """The open data API answers JSON, also when the address does not exist or the app fails."""
    return request.path.startswith(API_PREFIX) or request.path == API_PREFIX.rstrip("/")


def json_error(code: int, headers: dict | None = None):
    body = {"error": {"status": code, "message": HTTP_STATUS_CODES.get(code, "Error")}}
    return jsonify(body), code, headers or {}


def render_error(code: int):
    if is_api_request():
        return json_error(code)
    title, text = MESSAGES.get(code, MESSAGES[500])
    try:
        return render_template("errors/error.html", code=code, title=title, text=text), code
    except DBAPIError as error:
        if not is_disconnect(error):
            raise
        return database_unavailable(error)


def database_unavailable(error: Exception):
    """The database is gone for a moment (a restart, a failover): answer at once with a 503.

    The page is rendered without touching the database again: no account, no city, the language
    from the session only. SQLAlchemy drops the pool's connections opened before the failure (and the
    pool checks one that lay idle, `database.keep_connections_alive`), so the next request after the
    database is back simply works.
    """
    try:
        db.session.rollback()
    except Exception:
        pass  # the connection is already gone
    release_session()
    current_app.logger.warning("Database unavailable: %s", error.__class__.__name__)
    if is_api_request():
        return json_error(503, {"Retry-After": str(RETRY_AFTER_SECONDS)})
    g.city = None
    if "_login_user" not in g:
        g._login_user = login_manager.anonymous_user()
    title, text = MESSAGES[503]
    language = session.get("lang")
    if language not in current_app.config["LANGUAGES"]:
        language = current_app.config["BABEL_DEFAULT_LOCALE"]
    with force_locale(language):
        page = render_template("errors/unavailable.html", code=503, title=title, text=text, language=language)
    return page, 503, {"Retry-After": str(RETRY_AFTER_SECONDS)}


def unknown_host():
    """A request for a host name the site does not serve: no page of ours (no links can be built for a
    host we do not trust), only a short answer that repeats nothing of the request."""
    return "400: onbekend adres / adresse inconnue / unknown host\n", 400, {"Content-Type": "text/plain; charset=utf-8"}


def too_many(error: HTTPException):
    """A rate limit reached: the page, and Retry-After with the limit's window (at most that long)."""
    body, code, *rest = render_error(429)
    limit = getattr(getattr(error, "limit", None), "limit", None)
    seconds = limit.get_expiry() if limit is not None else RETRY_AFTER_SECONDS
    return body, code, {**(rest[0] if rest else {}), "Retry-After": str(seconds)}


def is_disconnect(error: Exception) -> bool:
    return isinstance(error, OperationalError) or (
        isinstance(error, DBAPIError) and error.connection_invalidated
    )


def register(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if isinstance(error, SecurityError):
            return unknown_host()
        if error.code == 400 and "CSRF" in (error.description or ""):
            return render_error(400)
        if error.code == 429:
            return too_many(error)
        return render_error(error.code or 500)

    @app.errorhandler(Exception)
    def crash(error: Exception):
        if is_disconnect(error):
            return database_unavailable(error)
        db.session.rollback()
        app.logger.exception("Unhandled error")
        return render_error(500)
