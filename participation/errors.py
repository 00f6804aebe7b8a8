"""Error pages in the visitor's language; a crash rolls back, so nothing is half-saved."""

from flask import Flask, render_template
from flask_babel import lazy_gettext as _l
from werkzeug.exceptions import HTTPException

from participation.extensions import db

MESSAGES = {
    400: (_l("Something in the request was wrong"), _l("Go back and try again.")),
    403: (_l("You may not open this page"), _l("Your account has no access to this page.")),
    404: (_l("Page not found"), _l("This page does not exist (any more). Check the address.")),
    405: (_l("That is not possible here"), _l("This page does not accept this kind of request.")),
    413: (_l("Too much at once"), _l("What you sent is too large.")),
    429: (_l("Too many attempts"), _l("You tried too often in a short time. Wait a moment and try again.")),
    500: (_l("Something went wrong on our side"), _l("Nothing you sent was half-saved. Try again later.")),
}


def render_error(code: int):
    title, text = MESSAGES.get(code, MESSAGES[500])
    return render_template("errors/error.html", code=code, title=title, text=text), code


def register(app: Flask) -> None:
    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code == 400 and "CSRF" in (error.description or ""):
            return render_error(400)
        return render_error(error.code or 500)

    @app.errorhandler(Exception)
    def crash(error: Exception):
        db.session.rollback()
        app.logger.exception("Unhandled error")
        return render_error(500)
