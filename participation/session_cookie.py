"""Flask's signed session cookie, read only where a page may use it.

The open-data API (/api/v1) is read-only and the same for everyone: its answers are public (they say so
in Cache-Control) and depend on no account, language or flash message. It therefore neither reads nor
writes the session cookie: a signed-in person's request is answered as an anonymous one, so it can come
from the page cache, costs no cookie check, and a cookie can never make the API act for someone.
"""

from flask import Flask, Request, Response
from flask.sessions import SecureCookieSession, SecureCookieSessionInterface

from participation.errors import is_api_request


class SessionCookie(SecureCookieSessionInterface):
    def open_session(self, app: Flask, request: Request) -> SecureCookieSession | None:
        if is_api_request():
            return self.session_class()
        return super().open_session(app, request)

    def save_session(self, app: Flask, session: SecureCookieSession, response: Response) -> None:
        if not is_api_request():
            super().save_session(app, session, response)


def init_app(app: Flask) -> None:
    app.session_interface = SessionCookie()
