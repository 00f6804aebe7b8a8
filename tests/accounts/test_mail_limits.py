"""Mails about an account (new password, confirmation, a registration attempt) go to one address at
most once per few minutes, whoever asks and from wherever; the page answers the same either way."""

from datetime import timedelta

import pytest

from participation.extensions import db
from participation.mail.models import OutboxMessage

STRONG = "Kortrijkstraat-12"


def ask_reset(client, email: str, address: str):
    return client.post("/account/wachtwoord-vergeten", data={"email": email}, follow_redirects=True,
                       environ_overrides={"REMOTE_ADDR": address})


def an_hour_ago(minutes: int) -> None:
    for message in db.session.scalars(db.select(OutboxMessage)):
        message.created_at -= timedelta(minutes=minutes, seconds=1)
    db.session.commit()


@pytest.fixture
def minutes(app) -> int:
    return app.config["ACCOUNT_MAIL_MINUTES"]


def test_eight_reset_requests_in_a_minute_queue_one_mail(client, make_user, outbox):
    make_user(email="cis@example.org")
    pages = [ask_reset(client, "cis@example.org", f"192.0.2.{n}") for n in range(8)]
    assert len(outbox("cis@example.org")) == 1
    assert len({page.get_data(as_text=True) for page in pages}) == 1
    assert "hebben we er een link naartoe gestuurd" in pages[-1].get_data(as_text=True)


def test_a_new_reset_mail_after_the_interval(client, make_user, outbox, minutes):
    make_user(email="cis@example.org")
    ask_reset(client, "cis@example.org", "192.0.2.1")
    an_hour_ago(minutes)
    ask_reset(client, "cis@example.org", "192.0.2.1")
    assert len(outbox("cis@example.org")) == 2


def test_the_limit_is_per_address(client, make_user, outbox):
    make_user(email="cis@example.org")
    make_user(email="dries@example.org")
    ask_reset(client, "cis@example.org", "192.0.2.1")
    ask_reset(client, "dries@example.org", "192.0.2.1")
    assert len(outbox("cis@example.org")) == len(outbox("dries@example.org")) == 1


def test_confirmation_mails_are_limited_too(client, outbox, minutes):
    client.post("/account/registreren", data={
        "display_name": "An", "email": "an@example.org", "password": STRONG, "password_confirm": STRONG, "accept": "y",
    })
    pages = {
        client.post("/account/bevestiging-opnieuw", data={"email": "an@example.org"},
                    environ_overrides={"REMOTE_ADDR": f"192.0.2.{n}"}, follow_redirects=True).get_data(as_text=True)
        for n in range(5)
    }
    assert len(pages) == 1
    assert len(outbox("an@example.org")) == 1
    an_hour_ago(minutes)
    client.post("/account/bevestiging-opnieuw", data={"email": "an@example.org"})
    assert len(outbox("an@example.org")) == 2


def test_registration_attempts_on_an_existing_address_mail_the_owner_once(app, make_user, outbox):
    make_user(email="an@example.org")
    for n in range(5):
        app.test_client().post("/account/registreren", data={
            "display_name": f"Iemand {n}", "email": "an@example.org", "password": STRONG,
            "password_confirm": STRONG, "accept": "y",
        }, environ_overrides={"REMOTE_ADDR": f"192.0.2.{n}"})
    assert len(outbox("an@example.org")) == 1


def test_the_forgot_page_says_how_often_a_mail_can_come(client):
    page = client.get("/account/wachtwoord-vergeten").get_data(as_text=True)
    assert "hoogstens één mail per 5 minuten" in page
