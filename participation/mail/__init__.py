"""Mails: the outbox (services.py) and, in development only, a page to read what was sent (views.py)."""

from flask import Blueprint

bp = Blueprint("mail", __name__)

from participation.mail import views  # noqa: E402,F401
