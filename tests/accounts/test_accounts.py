import re

import pytest

from participation.accounts.models import User
from participation.extensions import db

STRONG = "Kortrijkstraat-12"


def register(client, email="an@example.org", password=STRONG, confirm=None, accept="y", name="An"):
    return client.post(
        "/account/registreren",
        data={
            "display_name": name,
            "email": email,
            "password": password,
            "password_confirm": confirm or password,
            "accept": accept,
        },
    )


def link_in(message) -> str:
    return re.search(r"http://localhost(/\S+)", message.body).group(1)


def test_register_confirm_login_logout(client, outbox):
    response = register(client, email="An@Example.org")
    assert response.status_code == 200
    assert "Kijk in je mailbox" in response.get_data(as_text=True)
    user = db.session.scalar(db.select(User).where(User.email == "an@example.org"))
    assert user is not None and not user.is_confirmed
    assert user.password_hash.startswith("scrypt:")
    assert user.has_role("resident")

    (mail,) = outbox("an@example.org")
    response = client.get(link_in(mail), follow_redirects=True)
    assert "Je e-mailadres is bevestigd en je bent aangemeld." in response.get_data(as_text=True)
    assert client.get("/account").status_code == 200

    response = client.post("/account/afmelden", follow_redirects=True)
    assert "Je bent afgemeld" in response.get_data(as_text=True)
    assert client.get("/account").status_code == 302

    response = client.post(
        "/account/aanmelden", data={"email": "an@example.org", "password": STRONG}, follow_redirects=True
    )
    assert "Je bent aangemeld" in response.get_data(as_text=True)
    assert client.get("/account").status_code == 200


def test_unconfirmed_account_cannot_log_in(client):
    register(client)
    response = client.post("/account/aanmelden", data={"email": "an@example.org", "password": STRONG})
    body = response.get_data(as_text=True)
    assert "Bevestig eerst je e-mailadres" in body
    assert client.get("/account").status_code == 302


def test_wrong_password_gets_a_clear_message(client, make_user):
    make_user(email="bert@example.org")
    response = client.post("/account/aanmelden", data={"email": "bert@example.org", "password": "fout-123456"})
    assert "horen niet bij elkaar" in response.get_data(as_text=True)


def test_expired_confirmation_link(app, client, outbox):
    register(client)
    (mail,) = outbox()
    app.config["CONFIRM_TOKEN_MAX_AGE"] = -1
    try:
        response = client.get(link_in(mail), follow_redirects=True)
    finally:
        app.config["CONFIRM_TOKEN_MAX_AGE"] = 3 * 24 * 3600
    assert "Deze link is verlopen" in response.get_data(as_text=True)


def test_tampered_link_is_not_valid(client, outbox):
    register(client)
    (mail,) = outbox()
    response = client.get(link_in(mail) + "x", follow_redirects=True)
    assert "Deze link is niet geldig" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"password": "kort"}, "Kies een wachtwoord van minstens 10 tekens"),
        ({"password": "alleenletters", "confirm": "alleenletters"}, "minstens één cijfer of symbool"),
        ({"confirm": "Iets-anders-123"}, "De wachtwoorden zijn niet hetzelfde"),
        ({"email": "geen-adres"}, "Dit is geen geldig e-mailadres"),
        ({"accept": ""}, "Je moet akkoord gaan"),
        ({"name": ""}, "Vul een naam in"),
    ],
)
def test_registration_errors_are_shown_next_to_the_field(client, fields, message):
    response = register(client, **fields)
    body = response.get_data(as_text=True)
    assert message in body
    assert 'aria-invalid="true"' in body
    assert db.session.scalar(db.select(db.func.count(User.id))) == 0


def test_password_reset_works_once(client, make_user, outbox):
    make_user(email="cis@example.org")
    response = client.post("/account/wachtwoord-vergeten", data={"email": "cis@example.org"}, follow_redirects=True)
    assert "hebben we er een link naartoe gestuurd" in response.get_data(as_text=True)
    (mail,) = outbox("cis@example.org")
    link = link_in(mail)
    new = "Nieuw-wachtwoord-7"
    response = client.post(link, data={"password": new, "password_confirm": new}, follow_redirects=True)
    assert "Je wachtwoord is gewijzigd" in response.get_data(as_text=True)
    response = client.post(link, data={"password": new, "password_confirm": new}, follow_redirects=True)
    assert "al gebruikt" in response.get_data(as_text=True)
    response = client.post("/account/aanmelden", data={"email": "cis@example.org", "password": new})
    assert response.status_code == 302


def test_reset_for_unknown_address_says_the_same(client, outbox):
    response = client.post(
        "/account/wachtwoord-vergeten", data={"email": "niemand@example.org"}, follow_redirects=True
    )
    assert "hebben we er een link naartoe gestuurd" in response.get_data(as_text=True)
    assert outbox() == []


BAD_TARGETS = ["https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)"]


@pytest.mark.parametrize("target", BAD_TARGETS)
def test_next_may_not_leave_the_site(client, make_user, target):
    from tests.conftest import PASSWORD

    make_user(email="ella@example.org")
    response = client.post(
        "/account/aanmelden?next=" + target, data={"email": "ella@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response.headers["Location"] == "/"


def test_next_to_a_local_page_is_followed(client, make_user):
    from tests.conftest import PASSWORD

    make_user(email="fien@example.org")
    response = client.post(
        "/account/aanmelden?next=/trajecten", data={"email": "fien@example.org", "password": PASSWORD}
    )
    assert response.headers["Location"] == "/trajecten"


@pytest.mark.parametrize("target", BAD_TARGETS)
def test_registering_may_not_lead_off_the_site_either(client, outbox, target):
    response = client.post(
        "/account/registreren?next=" + target,
        data={"display_name": "An", "email": "an@example.org", "password": STRONG, "password_confirm": STRONG,
              "accept": "y"},
    )
    assert response.status_code == 200
    (mail,) = outbox()
    assert client.get(link_in(mail)).headers["Location"] == "/"
    assert target not in client.get("/account/registreren?next=" + target).get_data(as_text=True)


def test_login_and_registration_keep_the_page_to_come_back_to(client):
    login = client.get("/account/aanmelden?next=/trajecten/gbo").get_data(as_text=True)
    assert 'href="/account/registreren?next=/trajecten/gbo"' in login
    register_page = client.get("/account/registreren?next=/trajecten/gbo").get_data(as_text=True)
    assert 'href="/account/aanmelden?next=/trajecten/gbo"' in register_page


def test_administrator_grants_roles(admin_client, make_user):
    user = make_user(email="gert@example.org")
    page = admin_client.get("/beheer/gebruikers?q=gert")
    assert "gert@example.org" in page.get_data(as_text=True)
    response = admin_client.post(f"/beheer/gebruikers/{user.id}", data={"roles": ["resident", "moderator", "employee"]})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user.id).role_names == {"resident", "moderator", "employee"}


def test_users_list_is_for_administrators_only(client_as):
    assert client_as("moderator").get("/beheer/gebruikers").status_code == 403
    assert client_as(None).get("/beheer/gebruikers").status_code == 302
