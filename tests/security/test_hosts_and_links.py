"""Links in mails point to the configured public address, never to the Host header of the request,
and a request for a host the platform does not serve is refused."""

import re

import pytest

import config
from participation import create_app
from participation.extensions import db
from participation.ideas.models import Follow
from tests.conftest import IsolatedClient, idea

PUBLIC = "https://participatie.harelbeke.be"


@pytest.fixture
def any_host_app(app):
    """The platform at its public address, behind a proxy that passes any Host header on."""
    other = create_app(
        "testing", SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"], PUBLIC_URL=PUBLIC,
        TRUSTED_HOSTS=["participatie.harelbeke.be", "attacker.example"],
    )
    other.test_client_class = IsolatedClient
    return other


def links(message) -> list[str]:
    return re.findall(r"https?://\S+", message.body)


def test_reset_link_uses_the_public_address_not_the_host_header(any_host_app, make_user, outbox):
    make_user(email="cis@example.org")
    client = any_host_app.test_client()
    response = client.post(
        "/account/wachtwoord-vergeten", data={"email": "cis@example.org"}, base_url="http://attacker.example"
    )
    assert response.status_code == 302
    (mail,) = outbox("cis@example.org")
    (link,) = links(mail)
    assert link.startswith(f"{PUBLIC}/account/nieuw-wachtwoord/")
    assert "attacker.example" not in mail.body


def test_confirmation_link_uses_the_public_address(any_host_app, outbox):
    client = any_host_app.test_client()
    password = "Kortrijkstraat-12"
    client.post(
        "/account/registreren",
        data={"display_name": "An", "email": "an@example.org", "password": password,
              "password_confirm": password, "accept": "y"},
        base_url="http://attacker.example",
    )
    (mail,) = outbox("an@example.org")
    (link,) = links(mail)
    assert link.startswith(f"{PUBLIC}/account/bevestigen/")


def test_status_mail_to_followers_links_to_the_public_address(any_host_app, make_user, make_process, outbox):
    moderator = make_user("moderator")
    follower = make_user(email="volger@example.org")
    process = make_process()
    followed = idea(process, "Fietsstraat Gentsestraat")
    db.session.add(Follow(user_id=follower.id, idea_id=followed.id))
    db.session.commit()
    from participation.accounts.sessions import start_login

    client = any_host_app.test_client()
    login_id = start_login(moderator)
    db.session.commit()
    with client.session_transaction(base_url="http://attacker.example") as session:
        session["_user_id"] = login_id
    response = client.post(
        f"/moderatie/ideeen/{followed.id}/status",
        data={"status": "selected", "explanation": "De stad neemt dit op in het meerjarenplan."},
        base_url="http://attacker.example",
    )
    assert response.status_code == 302
    (mail,) = outbox("volger@example.org")
    idea_link, notifications_link, unsubscribe_link = links(mail)
    assert idea_link == f"{PUBLIC}/ideeen/{followed.id}"
    assert notifications_link == f"{PUBLIC}/account/meldingen"
    assert unsubscribe_link.startswith(f"{PUBLIC}/mail/uitschrijven/")


def test_a_request_for_an_unknown_host_is_refused(client, make_user, outbox):
    make_user(email="cis@example.org")
    response = client.post(
        "/account/wachtwoord-vergeten", data={"email": "cis@example.org"}, base_url="http://attacker.example"
    )
    assert response.status_code == 400
    assert outbox() == []


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "127.0.0.1:5000", "localhost:8000"])
def test_development_and_tests_answer_on_the_local_addresses(client, host):
    assert client.get("/", base_url=f"http://{host}").status_code == 200


def test_the_development_links_point_to_the_local_server():
    assert config.DevelopmentConfig.PUBLIC_URL == "http://127.0.0.1:5000"


def test_production_refuses_to_start_without_a_public_address(monkeypatch):
    monkeypatch.setattr(config.ProductionConfig, "SECRET_KEY", "p" * 40)
    monkeypatch.setattr(config.ProductionConfig, "PUBLIC_URL", None)
    with pytest.raises(RuntimeError, match="PUBLIC_URL"):
        config.get_config("production")


@pytest.mark.parametrize("address", ["participatie.harelbeke.be", "ftp://participatie.harelbeke.be", "https://"])
def test_a_public_address_that_is_no_web_address_is_refused(app, address):
    with pytest.raises(RuntimeError, match="PUBLIC_URL"):
        create_app("testing", SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"], PUBLIC_URL=address)


@pytest.fixture
def production_app(app, monkeypatch):
    monkeypatch.setattr(config.ProductionConfig, "SECRET_KEY", "p" * 40)
    monkeypatch.setattr(config.ProductionConfig, "PUBLIC_URL", PUBLIC)
    made = create_app("production", SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"])
    made.test_client_class = IsolatedClient
    return made


def test_production_serves_only_the_host_of_its_public_address(production_app):
    client = production_app.test_client()
    assert client.get("/", base_url=PUBLIC).status_code == 200
    assert client.get("/", base_url="https://attacker.example").status_code == 400
    assert client.get("/", base_url="http://localhost").status_code == 400


def test_production_trusts_the_hosts_the_operator_lists(app, monkeypatch):
    monkeypatch.setattr(config.ProductionConfig, "SECRET_KEY", "p" * 40)
    monkeypatch.setattr(config.ProductionConfig, "PUBLIC_URL", PUBLIC)
    monkeypatch.setattr(config.ProductionConfig, "TRUSTED_HOSTS", ["participatie.harelbeke.be", "10.0.0.5"])
    made = create_app("production", SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"])
    client = made.test_client()
    assert client.get("/", base_url="http://10.0.0.5").status_code == 200
    assert client.get("/", base_url="https://attacker.example").status_code == 400


def test_the_refusal_of_an_unknown_host_is_a_short_page_with_the_security_headers(client):
    response = client.get("/trajecten", base_url="http://attacker.example")
    assert response.status_code == 400
    assert response.headers["X-Frame-Options"] == "DENY"
    assert "attacker.example" not in response.get_data(as_text=True)
