"""Rate limits: logging in, registering and every submission listed in RATE_LIMITED are limited.

Limits are off in the test configuration; these tests build an app with them on (in memory).
Features list their submission endpoints in RATE_LIMITED in tests/security/routes_<feature>.py,
with the setting that holds the limit (SUBMIT_RATE_LIMIT for ideas, votes, comments …).
"""

import pytest

from participation import create_app
from participation.extensions import limiter
from tests.conftest import PASSWORD, IsolatedClient, log_in
from tests.security.walk import allowed_role, rate_limited, route_table

LIMIT = 3


@pytest.fixture
def limited_app(app):
    limited = create_app(
        "testing",
        SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
        RATELIMIT_ENABLED=True,
        RATELIMIT_STORAGE_URI="memory://",
        LOGIN_RATE_LIMIT=f"{LIMIT} per minute",
        SUBMIT_RATE_LIMIT=f"{LIMIT} per minute",
        VOTE_RATE_LIMIT=f"{LIMIT} per minute",
    )
    limited.test_client_class = IsolatedClient
    with limited.app_context():
        limiter.reset()
    yield limited
    with limited.app_context():
        limiter.reset()


def assert_refused_politely(response) -> None:
    assert response.status_code == 429
    body = response.get_data(as_text=True)
    assert "Te veel pogingen" in body
    assert "Retry-After" in response.headers


def test_login_is_limited_per_visitor(limited_app, make_user):
    make_user(email="kato@example.org")
    client = limited_app.test_client()
    for _ in range(LIMIT):
        response = client.post("/account/aanmelden", data={"email": "kato@example.org", "password": "fout-1234567"})
        assert response.status_code == 200
    response = client.post("/account/aanmelden", data={"email": "kato@example.org", "password": PASSWORD})
    assert_refused_politely(response)
    other = limited_app.test_client()
    response = other.post(
        "/account/aanmelden",
        data={"email": "kato@example.org", "password": "fout-1234567"},
        environ_overrides={"REMOTE_ADDR": "192.0.2.7"},
    )
    assert response.status_code == 200, "another visitor is not limited by the first"


def test_registration_is_limited(limited_app):
    client = limited_app.test_client()
    for n in range(LIMIT):
        response = client.post("/account/registreren", data={"email": f"lien{n}@example.org"})
        assert response.status_code == 200
    assert_refused_politely(client.post("/account/registreren", data={"email": "lien@example.org"}))


def test_reading_pages_is_not_limited(limited_app):
    client = limited_app.test_client()
    for _ in range(LIMIT * 3):
        assert client.get("/account/aanmelden").status_code == 200


def test_every_listed_submission_is_limited(limited_app, world, make_user):
    table = route_table()
    post_routes = {rule.endpoint for rule in limited_app.url_map.iter_rules() if "POST" in (rule.methods or ())}
    failures = []
    for endpoint, setting in sorted(rate_limited().items()):
        assert setting in limited_app.config, f"{endpoint}: unknown setting {setting}"
        if endpoint not in post_routes:
            failures.append(f"{endpoint}: listed as limited but is no POST route")
            continue
        check = next(c for c in table[endpoint] if c.method == "POST")
        role = allowed_role(check)
        with limited_app.app_context():
            limiter.reset()
        client = limited_app.test_client()
        if role != "anonymous":
            log_in(client, make_user(role))
        url = check.url(world)
        codes = [client.post(url, data=check.data(world) if check.data else {}).status_code for _ in range(LIMIT + 1)]
        if 429 in codes[:LIMIT] or codes[LIMIT] != 429:
            failures.append(f"POST {url} ({endpoint}) as {role}: answers {codes}, want 429 after {LIMIT}")
    assert not failures, "\n".join(failures)


def test_only_routes_without_a_limit_of_their_own_skip_the_limiter(limited_app):
    from participation.extensions import unlimited_endpoints

    skipped = unlimited_endpoints(limited_app)
    assert {"sdgs.goal", "plan.sdg", "processes.show", "api.process_ideas"} <= skipped
    assert not {"accounts.login", "ideas.new", "votes.cast", "processes.open_invitation"} & skipped
