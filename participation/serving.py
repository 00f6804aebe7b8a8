"""How the site is reached: its public address, the host names it answers to, the proxies in front
of it and the largest request it reads. Checked once when the app starts, so a wrong setting stops
the start with a clear message instead of showing up later as a wrong link in a mail."""

from urllib.parse import urlsplit

from flask import Flask, current_app
from werkzeug.middleware.proxy_fix import ProxyFix

LOCAL_HOSTS = ("localhost", "127.0.0.1")
MB = 1024 * 1024
REQUEST_MARGIN = 1 * MB  # room for the other fields of the plan upload's form


class SettingError(RuntimeError):
    """A setting the app cannot start with; the message names the setting."""


def public_host(public_url: str | None) -> str:
    """The host name of PUBLIC_URL; refuses anything that is not an http(s) address with a host."""
    parts = urlsplit(public_url or "")
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise SettingError(
            f"PUBLIC_URL must be the site's web address, like https://participatie.stad.be (got {public_url!r})."
        )
    return parts.hostname


def trusted_hosts(config, production: bool) -> list[str]:
    """The operator's list, else the host of PUBLIC_URL (and the local addresses outside production)."""
    host = public_host(config["PUBLIC_URL"])
    if config.get("TRUSTED_HOSTS"):
        return list(config["TRUSTED_HOSTS"])
    if production:
        return [host]
    return list(dict.fromkeys([host, *LOCAL_HOSTS]))


def request_limit(config) -> int:
    """MAX_CONTENT_LENGTH: the operator's value, else the largest upload plus a margin.

    The largest things anyone sends are the plan upload and an idea with all its photos; a lower limit
    would make them fail with a 413 before the form could say what is wrong, so it is refused at start.
    """
    plan = config["PLAN_UPLOAD_MAX_MB"] * MB
    photos = config.get("IMAGE_MAX_MB", 0) * MB * config.get("IMAGES_PER_IDEA", 0)
    limit = config.get("MAX_CONTENT_LENGTH") or max(plan, photos) + REQUEST_MARGIN
    if limit <= plan:
        raise SettingError(
            f"MAX_CONTENT_LENGTH ({limit} bytes) must be larger than the plan upload's limit "
            f"(PLAN_UPLOAD_MAX_MB = {config['PLAN_UPLOAD_MAX_MB']})."
        )
    if limit <= photos:
        raise SettingError(
            f"MAX_CONTENT_LENGTH ({limit} bytes) must be larger than an idea's photos together "
            f"(IMAGES_PER_IDEA = {config['IMAGES_PER_IDEA']} of IMAGE_MAX_MB = {config['IMAGE_MAX_MB']})."
        )
    return limit


def init_app(app: Flask, production: bool) -> None:
    app.config["TRUSTED_HOSTS"] = trusted_hosts(app.config, production)
    app.config["MAX_CONTENT_LENGTH"] = request_limit(app.config)
    proxies = int(app.config.get("PROXY_COUNT") or 0)
    if proxies > 0:
        # Only the last `proxies` entries of X-Forwarded-For/-Proto are believed: the ones our own
        # proxies wrote. Without a proxy these headers are the visitor's own words and are ignored.
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)


def public_url(endpoint: str, **values) -> str:
    """An absolute link for a mail: PUBLIC_URL and the route, never the Host header of a request.

    Works inside and outside a request (the plan import runs on the command line too).
    """
    parts = urlsplit(current_app.config["PUBLIC_URL"])
    adapter = current_app.url_map.bind(
        parts.netloc, script_name=parts.path.rstrip("/") or "/", url_scheme=parts.scheme
    )
    current_app.inject_url_defaults(endpoint, values)
    return adapter.build(endpoint, values, force_external=True)
