"""Nobody learns from the platform's answers whether an address has an account: registering an existing
address looks like registering a new one, and a wrong password costs the same work for any address."""

import hashlib
import re

import pytest

from participation.accounts.models import User
from participation.accounts.personal_data import delete_account
from participation.extensions import db
from tests.conftest import PASSWORD

STRONG = "Kortrijkstraat-12"


def register(client, email: str, password: str = STRONG):
    return client.post("/account/registreren", data={
        "display_name": "An", "email": email, "password": password, "password_confirm": password, "accept": "y",
    })


def test_registering_an_existing_address_shows_the_same_page(app, make_user):
    make_user(email="an@example.org")
    new = register(app.test_client(), "nieuw@example.org")
    existing = register(app.test_client(), "AN@example.org")
    assert existing.status_code == new.status_code == 200
    assert existing.get_data(as_text=True) == new.get_data(as_text=True).replace("nieuw@example.org", "an@example.org")


def test_the_owner_of_the_address_gets_a_mail_instead(client, make_user, outbox):
    owner = make_user(email="an@example.org")
    before = owner.password_hash
    register(client, "an@example.org")

    (mail,) = outbox("an@example.org")
    assert "registreren" in mail.subject
    assert "http://localhost/account/aanmelden" in mail.body
    assert "http://localhost/account/wachtwoord-vergeten" in mail.body
    assert "nieuw-wachtwoord" not in mail.body, "the mail carries no reset link nobody asked for"
    assert db.session.scalar(db.select(db.func.count(User.id))) == 1
    db.session.refresh(owner)
    assert owner.password_hash == before
    assert client.post("/account/aanmelden", data={"email": "an@example.org", "password": STRONG}).status_code == 200


@pytest.fixture
def scrypt_calls(monkeypatch):
    """How many times a password hash was computed (the slow, costly step)."""
    calls = []
    real = hashlib.scrypt

    def counting(*args, **kwargs):
        calls.append(kwargs.get("n"))
        return real(*args, **kwargs)

    monkeypatch.setattr(hashlib, "scrypt", counting)
    return calls


def test_a_wrong_password_costs_the_same_work_for_an_unknown_address(client, make_user, scrypt_calls):
    make_user(email="bert@example.org")
    client.post("/account/aanmelden", data={"email": "bert@example.org", "password": "fout-123456"})
    known = list(scrypt_calls)
    scrypt_calls.clear()
    client.post("/account/aanmelden", data={"email": "niemand@example.org", "password": "fout-123456"})
    assert known and scrypt_calls == known


def test_a_deleted_account_costs_the_same_work_too(client, make_user, scrypt_calls):
    make_user(email="bert@example.org")
    client.post("/account/aanmelden", data={"email": "bert@example.org", "password": "fout-123456"})
    known = list(scrypt_calls)
    scrypt_calls.clear()
    gone = make_user(email="weg@example.org")
    delete_account(gone)
    db.session.commit()
    scrypt_calls.clear()
    client.post("/account/aanmelden", data={"email": gone.email, "password": PASSWORD})
    assert scrypt_calls == known


def test_registering_costs_the_same_work_for_an_existing_address(app, make_user, scrypt_calls):
    make_user(email="an@example.org")
    register(app.test_client(), "nieuw@example.org")
    new = list(scrypt_calls)
    scrypt_calls.clear()
    register(app.test_client(), "an@example.org")
    assert new and scrypt_calls == new


def test_an_unconfirmed_account_is_told_the_same_way(client, make_user, outbox):
    make_user(email="an@example.org", confirmed=False)
    response = register(client, "an@example.org")
    assert "Kijk in je mailbox" in response.get_data(as_text=True)
    (mail,) = outbox("an@example.org")
    assert re.search(r"http://localhost/account/wachtwoord-vergeten", mail.body)
