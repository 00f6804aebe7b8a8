"""Languages, and the Belgian way of writing dates, numbers and money."""

from datetime import date, datetime

from babel.numbers import format_decimal
from flask import Flask, current_app, g, has_app_context, has_request_context, request, session
from flask_babel import format_date, format_datetime, get_locale, get_translations
from flask_login import current_user

from participation.clock import brussels_wall_time, local_day
from participation.extensions import babel
from participation.plan.money import format_amount

LANGUAGE_NAMES = {"nl": "Nederlands", "fr": "Français", "en": "English"}


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = session.get("lang")
    if chosen in languages:
        return chosen
    if current_user and getattr(current_user, "is_authenticated", False):
        if current_user.locale in languages:
            return current_user.locale
    return current_app.config["BABEL_DEFAULT_LOCALE"]


def page_translations():
    """The catalogue of the request's language, found once per request.

    Flask-Babel looks the catalogue up anew for every string (a dozen context lookups, about 20 µs),
    and a process page with its vote forms shows some 200 strings. The catalogue is kept with the
    locale it belongs to, so `flask_babel.refresh()` and `force_locale()` still switch languages.
    """
    if not has_app_context():
        return get_translations()
    state = g.get("_flask_babel")
    locale = getattr(state, "babel_locale", None)
    kept = g.get("page_catalogue")
    if kept is None or locale is None or kept[0] is not locale:
        translations = get_translations()
        kept = (getattr(g.get("_flask_babel"), "babel_locale", None), translations)
        g.page_catalogue = kept
    return kept[1]


def locale_code() -> str:
    return str(get_locale() or "nl")


def belgian_date(value: date | datetime | None) -> str:
    """24/11/2026, whatever the language; a stored moment is read on the Brussels clock."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        value = local_day(value)
    return format_date(value, "dd/MM/yyyy")


def belgian_datetime(value: datetime | None) -> str:
    """24/11/2026 14:05, Brussels time."""
    if value is None:
        return ""
    return format_datetime(brussels_wall_time(value), "dd/MM/yyyy HH:mm", rebase=False)


def belgian_number(value: int | float | None) -> str:
    """5.333 — the thousands separator is a dot in every language we speak."""
    if value is None:
        return ""
    if type(value) is int and 0 <= value < 1000:  # no separator to place: most totals on a list of ideas
        return str(value)
    return format_decimal(value, locale="nl_BE")


def money(cents: int | None, whole_euros: bool = False) -> str:
    """5.333 € for whole euros, 1.234,56 € otherwise; ``whole_euros`` rounds as the city's reports do."""
    return format_amount(cents, whole_euros=whole_euros)


def init_app(app: Flask) -> None:
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: page_translations().ugettext(s),
        ngettext=lambda s, p, n: page_translations().ungettext(s, p, n),
        pgettext=lambda c, s: page_translations().upgettext(c, s),
        npgettext=lambda c, s, p, n: page_translations().unpgettext(c, s, p, n),
        newstyle=True,
    )
    app.jinja_env.filters["date"] = belgian_date
    app.jinja_env.filters["datetime"] = belgian_datetime
    app.jinja_env.filters["number"] = belgian_number
    app.jinja_env.filters["money"] = money

    @app.context_processor
    def inject_language():
        return {
            "current_locale": locale_code(),
            "language_names": LANGUAGE_NAMES,
            "current_path": request.full_path.rstrip("?") if request else "/",
        }
