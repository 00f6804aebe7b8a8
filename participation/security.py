"""Security headers, safe redirects, the one HTML sanitiser and the keyed hash."""

import hashlib
import hmac
from html import unescape
from urllib.parse import urlsplit

import bleach
from flask import Flask, Response, abort, current_app, request
from markupsafe import Markup

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:{tiles}; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'; frame-ancestors 'none'"
)


def tile_source(tile_url: str | None) -> str | None:
    """The origin of the map's tile server as a CSP source: images may come from there and nowhere else.
    A {s} subdomain placeholder becomes a wildcard for that host's subdomains."""
    parts = urlsplit(tile_url or "")
    if parts.scheme not in ("https", "http") or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}"


def content_security_policy(config) -> str:
    source = tile_source(config.get("MAP_TILE_URL"))
    return CSP.format(tiles=f" {source}" if source else "")

ALLOWED_TAGS = ["p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "blockquote"]
ALLOWED_ATTRIBUTES = {"a": ["href", "title"]}
ALLOWED_PROTOCOLS = ["http", "https", "mailto"]


def sanitize_html(text: str | None) -> Markup:
    """The only way user-written HTML reaches a page: a small allowlist, links made safe."""
    if not text:
        return Markup("")
    cleaned = bleach.clean(
        text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip=True,
        strip_comments=True,
    )
    linked = bleach.linkify(
        cleaned, callbacks=[bleach.callbacks.nofollow, bleach.callbacks.target_blank], parse_email=False
    )
    return Markup(linked)  # noqa: S704 - cleaned by the allowlist above


def plain_text(html: str | None) -> str:
    """The words of a piece of HTML as plain text, its entities decoded ("&amp;" is "&"): for search,
    e-mail and checks. Plain text is escaped again where a page shows it."""
    return unescape(bleach.clean(html or "", tags=[], strip=True))


def is_safe_next(target: str | None) -> bool:
    """Only local paths: no scheme, no host, no protocol-relative or backslash tricks."""
    if not target or not target.startswith("/") or target.startswith("//"):
        return False
    if "\\" in target or any(ord(ch) < 32 for ch in target):
        return False
    parts = urlsplit(target)
    return not parts.scheme and not parts.netloc


def safe_next(target: str | None, default: str | None) -> str | None:
    """Where to send a person on to: `target` when it is a local path (`is_safe_next`), else `default`
    (None when the caller works out its own default only when it is needed)."""
    return target if is_safe_next(target) else default


def security_headers(config) -> tuple[tuple[str, str], ...]:
    """The headers every answer carries, from the settings: computed once when the app starts."""
    headers = [
        ("Content-Security-Policy", config["CONTENT_SECURITY_POLICY"]),
        ("X-Content-Type-Options", "nosniff"),
        ("X-Frame-Options", "DENY"),
        ("Referrer-Policy", "same-origin"),
        ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
    ]
    hsts = hsts_header(config)
    if hsts:
        headers.append(("Strict-Transport-Security", hsts))
    return tuple(headers)


def set_security_headers(response: Response) -> Response:
    headers = response.headers
    for name, value in current_app.config["SECURITY_HEADERS"]:
        if name not in headers:
            headers[name] = value
    if response.mimetype == "text/html" and "Cache-Control" not in headers:
        headers["Cache-Control"] = "no-store"
    return response


def hsts_header(config) -> str | None:
    """Strict-Transport-Security, in production by default: browsers then refuse plain http for the site."""
    seconds = int(config.get("HSTS_SECONDS") or 0)
    if seconds <= 0:
        return None
    return f"max-age={seconds}; includeSubDomains" if config.get("HSTS_INCLUDE_SUBDOMAINS") else f"max-age={seconds}"


def keyed_hash(purpose: str, value: str) -> str:
    """HMAC-SHA256 of `value` with the secret key: the same value gives the same hash, but without
    the key nobody can test a list of addresses against the stored hashes."""
    key = current_app.config["SECRET_KEY"].encode()
    return hmac.new(key, f"{purpose}\n{value}".encode(), hashlib.sha256).hexdigest()


def refuse_nul_characters():
    """No text a person types holds a NUL character, and PostgreSQL refuses one in any string: a request
    with a NUL in its address, query string or form fields gets 400 before anything reads it."""
    values = [request.path]
    for source in (request.args, request.form):
        values.extend(value for _key, found in source.lists() for value in (_key, *found))
    if any("\x00" in value for value in values):
        abort(400)


def init_app(app: Flask) -> None:
    app.config["CONTENT_SECURITY_POLICY"] = content_security_policy(app.config)
    app.config["SECURITY_HEADERS"] = security_headers(app.config)
    app.after_request(set_security_headers)
    app.before_request(refuse_nul_characters)

def init_rate_limits(app: Flask) -> None:
    """Bind the limiter, letting each app's own RATELIMIT_ENABLED decide.

    Flask-Limiter keeps one on/off switch for every app it is bound to, so the last app created
    (a test's, a CLI's) would switch limits on or off for all. The switch stays on here, and the
    request filter in extensions.py reads the setting of the app that handles the request.
    """
    from participation.extensions import limiter

    enabled = app.config.get("RATELIMIT_ENABLED", True)
    app.config["RATELIMIT_ENABLED"] = True
    limiter.init_app(app)
    app.config["RATELIMIT_ENABLED"] = enabled
