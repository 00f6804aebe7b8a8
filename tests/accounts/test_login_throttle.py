"""Failed logins slow down one client address for one account; they never lock the owner out, and an
existing account answers exactly like an unknown address."""

from datetime import timedelta

import pytest

from participation import create_app
from participation.extensions import db
from tests.conftest import PASSWORD, IsolatedClient

STRANGER = "192.0.2.66"
OWNER = "198.51.100.7"
WRONG = "Geraden-wachtwoord-1"


def attempt(client, email: str, password: str = WRONG, address: str = STRANGER, **kwargs):
    environ = {"REMOTE_ADDR": address, **kwargs.pop("environ", {})}
    return client.post("/account/aanmelden", data={"email": email, "password": password},
                       environ_overrides=environ, **kwargs)


def text_of(response, email: str) -> str:
    """The page without the address typed into the form, to compare two answers."""
    return response.get_data(as_text=True).replace(email, "ADRES")


@pytest.fixture
def threshold(app) -> int:
    return app.config["LOCKOUT_THRESHOLD"]


def test_an_existing_account_answers_like_an_unknown_address(client, make_user, threshold):
    make_user(email="dirk@example.org")
    for n in range(threshold + 2):
        known = attempt(client, "dirk@example.org")
        unknown = attempt(client, "niemand@example.org")
        assert known.status_code == unknown.status_code == 200
        assert text_of(known, "dirk@example.org") == text_of(unknown, "niemand@example.org"), f"attempt {n + 1}"
    assert "vergrendeld" not in known.get_data(as_text=True)


def test_a_stranger_cannot_lock_the_owner_out(client, make_user, threshold):
    make_user(email="beheerder@harelbeke.be")
    for _ in range(threshold * 3):
        attempt(client, "beheerder@harelbeke.be")
    response = attempt(client, "beheerder@harelbeke.be", PASSWORD, address=OWNER)
    assert response.status_code == 302
    assert client.get("/account").status_code == 200


def test_the_failing_address_must_wait(client, make_user, threshold):
    make_user(email="dirk@example.org")
    for _ in range(threshold):
        assert "horen niet bij elkaar" in attempt(client, "dirk@example.org").get_data(as_text=True)
    response = attempt(client, "dirk@example.org", PASSWORD)
    assert response.status_code == 200
    body = response.get_data(as_text=True)
    assert "Te veel mislukte pogingen vanaf deze verbinding" in body
    assert "Wachtwoord vergeten?" in body
    assert client.get("/account").status_code == 302


def test_after_the_wait_the_address_may_try_again(app, client, make_user, threshold):
    from participation.accounts.models import LoginFailure

    make_user(email="dirk@example.org")
    for _ in range(threshold):
        attempt(client, "dirk@example.org")
    earlier = timedelta(minutes=app.config["LOCKOUT_MINUTES"], seconds=1)
    for failure in db.session.scalars(db.select(LoginFailure)):
        failure.failed_at -= earlier
    db.session.commit()
    assert attempt(client, "dirk@example.org", PASSWORD).status_code == 302


def test_a_successful_login_forgets_the_failures_of_that_address(client, make_user, threshold):
    make_user(email="dirk@example.org")
    for _ in range(threshold - 1):
        attempt(client, "dirk@example.org")
    assert attempt(client, "dirk@example.org", PASSWORD).status_code == 302
    client.post("/account/afmelden", environ_overrides={"REMOTE_ADDR": STRANGER})
    for _ in range(threshold - 1):
        attempt(client, "dirk@example.org")
    assert attempt(client, "dirk@example.org", PASSWORD).status_code == 302


def test_a_password_reset_lifts_the_wait(client, make_user, outbox, threshold):
    import re

    make_user(email="dirk@example.org")
    for _ in range(threshold):
        attempt(client, "dirk@example.org")
    client.post("/account/wachtwoord-vergeten", data={"email": "dirk@example.org"})
    link = re.search(r"http://localhost(/\S+)", outbox("dirk@example.org")[-1].body).group(1)
    new = "Nieuw-wachtwoord-7"
    client.post(link, data={"password": new, "password_confirm": new})
    assert attempt(client, "dirk@example.org", new).status_code == 302


def test_failures_keep_neither_the_address_nor_the_ip_in_clear(client, make_user, threshold):
    from participation.accounts.models import LoginFailure

    make_user(email="dirk@example.org")
    attempt(client, "dirk@example.org")
    (failure,) = db.session.scalars(db.select(LoginFailure))
    stored = f"{failure.account_key} {failure.address_key}"
    assert "dirk" not in stored and STRANGER not in stored


def test_a_forged_forwarded_header_does_not_change_the_address(client, make_user, threshold):
    """Without a proxy in front (the default), X-Forwarded-For is the visitor's own words."""
    make_user(email="dirk@example.org")
    for n in range(threshold):
        attempt(client, "dirk@example.org", headers={"X-Forwarded-For": f"203.0.113.{n}"})
    response = attempt(client, "dirk@example.org", PASSWORD, headers={"X-Forwarded-For": "203.0.113.99"})
    assert "Te veel mislukte pogingen" in response.get_data(as_text=True)


def test_behind_a_proxy_the_visitor_address_counts(app, make_user, threshold):
    behind = create_app("testing", SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"], PROXY_COUNT=1)
    behind.test_client_class = IsolatedClient
    client = behind.test_client()
    make_user(email="dirk@example.org")
    proxy = "10.0.0.2"
    for _ in range(threshold):
        attempt(client, "dirk@example.org", address=proxy, headers={"X-Forwarded-For": STRANGER})
    refused = attempt(client, "dirk@example.org", PASSWORD, address=proxy, headers={"X-Forwarded-For": STRANGER})
    assert "Te veel mislukte pogingen" in refused.get_data(as_text=True)
    owner = attempt(client, "dirk@example.org", PASSWORD, address=proxy, headers={"X-Forwarded-For": OWNER})
    assert owner.status_code == 302
