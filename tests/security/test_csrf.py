"""CSRF: with protection on, every POST route of the URL map refuses a form without a token."""

import pytest

from participation.extensions import db
from tests.conftest import data_tables
from tests.security.walk import allowed_role, post_checks, route_table


def database_state() -> dict[str, list]:
    """Every row of every data table, so a refused request can be shown to have changed nothing."""
    db.session.expire_all()
    return {
        table.name: sorted(map(repr, db.session.execute(table.select()).all()))
        for table in data_tables()
    }


@pytest.fixture
def csrf_on(app):
    app.config["WTF_CSRF_ENABLED"] = True
    yield
    app.config["WTF_CSRF_ENABLED"] = False


def test_every_post_route_refuses_a_form_without_token(app, world, client_as, csrf_on):
    checks = post_checks(app, route_table())
    assert any(endpoint == "accounts.login" for endpoint, _check in checks)
    failures = []
    for endpoint, check in checks:
        role = allowed_role(check)
        client = client_as(role)
        url = check.url(world)
        before = database_state()
        response = client.post(url, data=check.data(world) if check.data else {})
        body = response.get_data(as_text=True)
        if response.status_code != 400 or "Er was iets mis met de aanvraag" not in body:
            failures.append(f"POST {url} ({endpoint}) as {role}: got {response.status_code}, want the 400 page")
        if database_state() != before:
            failures.append(f"POST {url} ({endpoint}) as {role}: the database changed")
    assert not failures, "\n".join(failures)


def test_a_form_with_its_token_goes_through(app, client, make_user, csrf_on):
    """The refusal above is the token's doing: the same login with the form's token works."""
    import re

    from tests.conftest import PASSWORD

    make_user(email="hanne@example.org")
    page = client.get("/account/aanmelden").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page) or re.search(
        r'name="csrf_token" value="([^"]+)"', page
    )
    response = client.post(
        "/account/aanmelden", data={"email": "hanne@example.org", "password": PASSWORD, "csrf_token": token.group(1)}
    )
    assert response.status_code == 302


def test_a_token_from_another_session_is_refused(app, client_as, make_user, csrf_on):
    import re

    from tests.conftest import PASSWORD

    make_user(email="ine@example.org")
    other = client_as(None).get("/account/aanmelden").get_data(as_text=True)
    token = re.search(r'id="csrf_token" name="csrf_token" type="hidden" value="([^"]+)"', other)
    stranger = client_as(None)
    response = stranger.post(
        "/account/aanmelden",
        data={"email": "ine@example.org", "password": PASSWORD, "csrf_token": token.group(1) if token else "x"},
    )
    assert response.status_code == 400
