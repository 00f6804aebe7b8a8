"""Security headers on every page of the route table, and cookies a script cannot read or send away."""

import re

import pytest

from participation import create_app
from tests.conftest import PASSWORD
from tests.security.table import ADMIN, ANON
from tests.security.walk import allowed_role, route_table
from tests.security.xss import active_content


def csp_directives(header: str) -> dict[str, list[str]]:
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


def header_problems(response) -> list[str]:
    headers = response.headers
    problems = []
    csp = csp_directives(headers.get("Content-Security-Policy", ""))
    scripts = csp.get("script-src", csp.get("default-src"))
    if not scripts:
        problems.append("no script-src in the CSP")
    elif {"'unsafe-inline'", "'unsafe-eval'", "*", "data:"} & set(scripts):
        problems.append(f"script-src allows {scripts}")
    if csp.get("object-src") != ["'none'"]:
        problems.append("object-src is not 'none'")
    if csp.get("frame-ancestors") != ["'none'"]:
        problems.append("frame-ancestors is not 'none'")
    if "'unsafe-inline'" in csp.get("style-src", []):
        problems.append("style-src allows 'unsafe-inline'")
    expected = {"X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY", "Referrer-Policy": "same-origin"}
    problems.extend(
        f"{name} is {headers.get(name)!r}" for name, value in expected.items() if headers.get(name) != value
    )
    if response.mimetype == "text/html" and headers.get("Cache-Control") != "no-store":
        problems.append("an HTML page may be cached")
    return problems


def markup_problems(response) -> list[str]:
    """What the CSP would block in our own markup (inline scripts, styles, handlers) or a browser would run."""
    if response.mimetype != "text/html":
        return []
    html = response.get_data(as_text=True)
    problems = active_content(html)
    if re.search(r"<[^>]+\sstyle\s*=", html, re.I):
        problems.append("an inline style attribute (the CSP blocks it)")
    return problems


@pytest.mark.parametrize("role", [ANON, "resident", ADMIN])
def test_every_page_sends_the_security_headers(role, world, client_as):
    client = client_as(role)
    failures = []
    for endpoint, checks in sorted(route_table().items()):
        for check in checks:
            if check.method != "GET":
                continue
            url = check.url(world)
            response = client.get(url)
            failures.extend(f"GET {url} ({endpoint}) as {role}: {p}" for p in header_problems(response))
            failures.extend(f"GET {url} ({endpoint}) as {role}: {p}" for p in markup_problems(response))
    assert not failures, "\n".join(failures)


def test_every_post_answer_sends_the_security_headers(world, client_as):
    failures = []
    for endpoint, checks in sorted(route_table().items()):
        for check in checks:
            if check.method != "POST":
                continue
            role = allowed_role(check)
            url = check.url(world)
            response = client_as(role).post(url, data=check.data(world) if check.data else {})
            failures.extend(f"POST {url} ({endpoint}) as {role}: {p}" for p in header_problems(response))
    assert not failures, "\n".join(failures)


def test_error_pages_send_the_security_headers(client):
    response = client.get("/bestaat-niet")
    assert response.status_code == 404
    assert header_problems(response) == []
    assert "Pagina niet gevonden" in response.get_data(as_text=True)


def cookie(response, name: str) -> str:
    found = [value for value in response.headers.getlist("Set-Cookie") if value.startswith(name + "=")]
    assert found, f"no {name} cookie set"
    return found[-1]


def test_session_and_remember_cookies_are_http_only_and_same_site(client, make_user):
    make_user(email="jules@example.org")
    response = client.post(
        "/account/aanmelden", data={"email": "jules@example.org", "password": PASSWORD, "remember": "y"}
    )
    assert response.status_code == 302
    for name in ("session", "remember_token"):
        attributes = cookie(response, name)
        assert "HttpOnly" in attributes, name
        assert "SameSite=Lax" in attributes, name


@pytest.fixture
def production_app(app, monkeypatch):
    import config

    monkeypatch.setattr(config.ProductionConfig, "SECRET_KEY", "p" * 40)
    monkeypatch.setattr(config.ProductionConfig, "PUBLIC_URL", "https://localhost", raising=False)
    return create_app("production", SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"])


def test_production_cookies_are_secure(production_app):
    assert production_app.config["SESSION_COOKIE_SECURE"] is True
    assert production_app.config["REMEMBER_COOKIE_SECURE"] is True
    response = production_app.test_client().get("/taal/fr?next=/")
    attributes = cookie(response, "session")
    assert "Secure" in attributes
    assert "HttpOnly" in attributes
    assert "SameSite=Lax" in attributes


def test_production_keeps_csrf_and_rate_limits_on(production_app):
    assert production_app.config["WTF_CSRF_ENABLED"] is True
    assert production_app.config["RATELIMIT_ENABLED"] is True
    assert production_app.config.get("DEBUG") is not True


def test_production_tells_browsers_to_use_https_only(production_app):
    response = production_app.test_client().get("/")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"


def test_production_hsts_can_cover_subdomains_or_be_switched_off(app, monkeypatch):
    import config

    monkeypatch.setattr(config.ProductionConfig, "SECRET_KEY", "p" * 40)
    monkeypatch.setattr(config.ProductionConfig, "PUBLIC_URL", "https://localhost", raising=False)
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    wide = create_app("production", SQLALCHEMY_DATABASE_URI=url, HSTS_SECONDS=63072000, HSTS_INCLUDE_SUBDOMAINS=True)
    assert wide.test_client().get("/").headers["Strict-Transport-Security"] == (
        "max-age=63072000; includeSubDomains"
    )
    off = create_app("production", SQLALCHEMY_DATABASE_URI=url, HSTS_SECONDS=0)
    assert "Strict-Transport-Security" not in off.test_client().get("/").headers


def test_development_and_tests_send_no_hsts(client):
    """A developer's browser must not be told to use https for localhost."""
    assert "Strict-Transport-Security" not in client.get("/").headers
