"""Logging out ends that login; a new password ends every login of the account; "stay logged in"
lasts 30 days. A copied session or remember cookie is worth no more than the login it came from."""

import hashlib
import re
from datetime import UTC, datetime, timedelta
from email.utils import parsedate_to_datetime

import pytest

from participation.extensions import db
from tests.conftest import PASSWORD

NEW = "Nieuw-wachtwoord-7"


def log_in_with_form(client, email: str, password: str = PASSWORD, remember: bool = False):
    data = {"email": email, "password": password}
    if remember:
        data["remember"] = "y"
    response = client.post("/account/aanmelden", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    return response


def copy_of(app, client, *names: str):
    """Another browser holding a copy of the named cookies of `client`."""
    thief = app.test_client()
    for name in names:
        cookie = client.get_cookie(name)
        assert cookie is not None, f"no {name} cookie"
        thief.set_cookie(name, cookie.value)
    return thief


def is_logged_in(client) -> bool:
    return client.get("/account").status_code == 200


@pytest.fixture
def fien(make_user):
    return make_user(email="fien@example.org", name="Fien")


def test_logout_ends_a_copied_session_cookie(app, client, fien):
    log_in_with_form(client, fien.email)
    assert is_logged_in(copy_of(app, client, "session"))
    copied = copy_of(app, client, "session")

    client.post("/account/afmelden")

    assert not is_logged_in(client)
    assert not is_logged_in(copied)


def test_logout_ends_a_copied_remember_cookie(app, client, fien):
    log_in_with_form(client, fien.email, remember=True)
    assert is_logged_in(copy_of(app, client, "remember_token"))
    copied = copy_of(app, client, "remember_token")

    client.post("/account/afmelden")

    assert not is_logged_in(copied)


def test_logout_leaves_the_other_devices_logged_in(app, fien):
    phone, laptop = app.test_client(), app.test_client()
    log_in_with_form(phone, fien.email)
    log_in_with_form(laptop, fien.email)

    phone.post("/account/afmelden")

    assert not is_logged_in(phone)
    assert is_logged_in(laptop)


def reset_link(client, outbox, email: str) -> str:
    client.post("/account/wachtwoord-vergeten", data={"email": email})
    mail = outbox(email)[-1]
    return re.search(r"http://localhost(/\S+)", mail.body).group(1)


def test_a_password_reset_ends_every_session_of_the_account(app, fien, outbox):
    phone, laptop = app.test_client(), app.test_client()
    log_in_with_form(phone, fien.email, remember=True)
    log_in_with_form(laptop, fien.email)
    remembered = copy_of(app, phone, "remember_token")

    visitor = app.test_client()
    link = reset_link(visitor, outbox, fien.email)
    response = visitor.post(link, data={"password": NEW, "password_confirm": NEW})
    assert response.status_code == 302

    assert not is_logged_in(phone)
    assert not is_logged_in(laptop)
    assert not is_logged_in(remembered)
    log_in_with_form(app.test_client(), fien.email, NEW)


def test_changing_the_password_ends_the_other_sessions_and_keeps_this_one(app, fien):
    phone, laptop = app.test_client(), app.test_client()
    log_in_with_form(phone, fien.email)
    log_in_with_form(laptop, fien.email, remember=True)
    remembered = copy_of(app, laptop, "remember_token")

    response = phone.post(
        "/account/wachtwoord-wijzigen",
        data={"current_password": PASSWORD, "password": NEW, "password_confirm": NEW},
        follow_redirects=True,
    )

    assert "Je wachtwoord is gewijzigd" in response.get_data(as_text=True)
    assert is_logged_in(phone)
    assert not is_logged_in(laptop)
    assert not is_logged_in(remembered)
    refused = app.test_client().post("/account/aanmelden", data={"email": fien.email, "password": PASSWORD})
    assert refused.status_code == 200
    log_in_with_form(app.test_client(), fien.email, NEW)


def test_changing_the_password_needs_the_current_one(app, fien):
    phone, laptop = app.test_client(), app.test_client()
    log_in_with_form(phone, fien.email)
    log_in_with_form(laptop, fien.email)

    response = phone.post(
        "/account/wachtwoord-wijzigen",
        data={"current_password": "Niet-mijn-wachtwoord-1", "password": NEW, "password_confirm": NEW},
    )

    assert response.status_code == 200
    assert "Dit wachtwoord klopt niet." in response.get_data(as_text=True)
    assert is_logged_in(laptop)
    log_in_with_form(app.test_client(), fien.email, PASSWORD)


def test_the_profile_links_to_the_password_change(resident_client):
    page = resident_client.get("/account").get_data(as_text=True)
    assert 'href="/account/wachtwoord-wijzigen"' in page


def test_deleting_the_account_ends_a_copied_session(app, client, fien):
    log_in_with_form(client, fien.email, remember=True)
    copied = copy_of(app, client, "session", "remember_token")

    client.post("/account/verwijderen", data={"password": PASSWORD})

    assert not is_logged_in(copied)


def test_stay_logged_in_lasts_30_days(client, fien):
    response = log_in_with_form(client, fien.email, remember=True)
    cookie = next(v for v in response.headers.getlist("Set-Cookie") if v.startswith("remember_token="))
    expires = parsedate_to_datetime(re.search(r"Expires=([^;]+)", cookie).group(1))
    days = (expires - datetime.now(UTC)) / timedelta(days=1)
    assert 29.9 < days <= 30


def test_a_login_ends_when_it_expires(client, fien):
    from participation.accounts.models import LoginSession

    log_in_with_form(client, fien.email, remember=True)
    login = db.session.scalar(db.select(LoginSession).where(LoginSession.user_id == fien.id))
    login.expires_at = login.created_at - timedelta(seconds=1)
    db.session.commit()
    assert not is_logged_in(client)


def test_the_database_keeps_only_a_hash_of_the_login_token(app, client, fien):
    from participation.accounts.models import LoginSession

    log_in_with_form(client, fien.email)
    login = db.session.scalar(db.select(LoginSession).where(LoginSession.user_id == fien.id))
    cookie = app.session_interface.get_signing_serializer(app).loads(client.get_cookie("session").value)
    user_id, token = cookie["_user_id"].split(":")
    assert user_id == str(fien.id)
    assert login.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in login.token_hash
