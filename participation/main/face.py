"""The city's face as files: its colours as a stylesheet, its logo, its icon and its picture for sharing.

Their URLs carry the face's fingerprint (`?v=`), so browsers may keep them for a day and still
see a new face as soon as it is loaded.
"""

from flask import Response, abort, current_app, redirect, request, url_for

from participation.access import PUBLIC, access
from participation.core.face import colours_of, stylesheet
from participation.core.models import City
from participation.core.queries import city_asset, current_city
from participation.extensions import db
from participation.main import bp
from participation.page_cache import city_wide
from participation.serving import public_url

MAX_AGE = 24 * 3600


@bp.app_template_global("public_url")
def shared_link(endpoint: str, **values) -> str:
    """The address of a page as people share it: PUBLIC_URL, never the Host header of the request."""
    return public_url(endpoint, **values)


def page_city() -> City | None:
    """The city as every page shows it, kept while the city does not change (`page_cache.city_wide`):
    loaded with its face and map box, then let go of the session, so requests may share it to read."""
    return city_wide("city", _loose_city if current_app.config["PAGE_CACHE"] else current_city)


def _loose_city() -> City | None:
    city = current_city()
    if city is not None:
        db.session.expunge(city)
    return city


def _file(content: str | bytes | None, mimetype: str) -> Response:
    if content is None:
        abort(404)
    city = page_city()
    response = Response(content, mimetype=mimetype)
    response.cache_control.public = True
    response.cache_control.max_age = MAX_AGE
    response.set_etag((city.face_stamp if city else None) or "platform")
    return response.make_conditional(request)


@bp.route("/stad/huisstijl.css")
@access(PUBLIC)
def face_css():
    return _file(stylesheet(colours_of(page_city())), "text/css")


@bp.route("/stad/logo.svg")
@access(PUBLIC)
def logo():
    return _file(city_asset(City.logo_svg), "image/svg+xml")


@bp.route("/stad/favicon.svg")
@access(PUBLIC)
def favicon():
    """The city's icon, or the platform's own when the city has none."""
    content = city_asset(City.favicon_svg)
    if content is None:
        return redirect(url_for("static", filename="img/favicon.svg"))
    return _file(content, "image/svg+xml")


@bp.route("/favicon.ico")
@access(PUBLIC)
def favicon_ico():
    """Browsers and feed readers ask for /favicon.ico on their own; send them to the icon."""
    return redirect(url_for("main.favicon"), code=301)


@bp.route("/stad/deelbeeld.png")
@access(PUBLIC)
def share_image():
    return _file(city_asset(City.share_image), "image/png")
