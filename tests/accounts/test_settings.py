"""Account settings: name, language, mails, and a new e-mail address confirmed at that address."""

import re

from participation.accounts.models import User
from participation.extensions import db
from tests.conftest import PASSWORD


def link_in(mail) -> str:
    return re.search(r"https?://\S+", mail.body).group(0).split("/", 3)[3]


def test_change_name_and_language(resident_client):
    response = resident_client.post("/account/instellingen", data={"display_name": "  Lotte  V. ", "locale": "fr"})
    assert response.status_code == 302
    user = db.session.get(User, resident_client.user.id)
    assert user.display_name == "Lotte V." and user.locale == "fr"
    assert 'lang="fr"' in resident_client.get("/account/instellingen").get_data(as_text=True)


def test_an_empty_name_is_refused(resident_client):
    response = resident_client.post("/account/instellingen", data={"display_name": "   ", "locale": "nl"})
    assert response.status_code == 200
    assert db.session.get(User, resident_client.user.id).display_name != ""


def test_settings_page_offers_mails_and_links_the_password_page(resident_client):
    page = resident_client.get("/account/instellingen").get_data(as_text=True)
    assert 'name="mail_preference"' in page and 'value="weekly"' in page
    assert "/account/wachtwoord-wijzigen" in page
    resident_client.post("/account/meldingen/mails", data={"mail_preference": "weekly", "back": "settings"})
    assert db.session.get(User, resident_client.user.id).mail_preference == "weekly"


def test_new_email_address_is_confirmed_at_that_address_and_the_old_one_is_told(client_as, client, outbox):
    me = client_as("resident", email="oud@example.org")

    response = me.post("/account/e-mailadres", data={"email": "Nieuw@Example.org", "current_password": PASSWORD})
    assert response.status_code == 302
    assert db.session.get(User, me.user.id).email == "oud@example.org", "nothing changes before the link"
    (confirmation,) = outbox("nieuw@example.org")

    assert client.get("/" + link_in(confirmation)).status_code == 302  # works without logging in too

    assert db.session.get(User, me.user.id).email == "nieuw@example.org"
    (told,) = outbox("oud@example.org")
    assert "nieuw@example.org" in told.body
    assert client.get("/" + link_in(confirmation)).status_code == 302
    assert len(outbox("oud@example.org")) == 1, "the link works once"


def test_changing_the_address_needs_the_current_password(resident_client, outbox):
    response = resident_client.post("/account/e-mailadres", data={"email": "ander@example.org",
                                                                  "current_password": "fout-wachtwoord-1"})
    assert response.status_code == 422
    assert outbox("ander@example.org") == []


def test_an_address_of_another_account_tells_its_owner_not_the_asker(client_as, make_user, outbox):
    make_user(email="bezet@example.org")
    me = client_as("resident")
    page = me.post("/account/e-mailadres", data={"email": "bezet@example.org", "current_password": PASSWORD})
    assert page.status_code == 302, "the same answer as for a free address"
    (mail,) = outbox("bezet@example.org")
    assert "/account/e-mailadres-bevestigen/" not in mail.body
    assert db.session.get(User, me.user.id).email != "bezet@example.org"


def test_a_forged_confirmation_link_changes_nothing(client_as, client):
    me = client_as("resident", email="blijft@example.org")
    client.get("/account/e-mailadres-bevestigen/eyJpZCI6MX0.vals")
    assert db.session.get(User, me.user.id).email == "blijft@example.org"
