"""Partners invited to a process: a moderator makes a link per organisation, its people come in through
it and propose and comment on the organisation's behalf ("namens W13"), and the link ends when it
expires or is revoked."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import select

from participation import create_app
from participation.clock import brussels_today, utcnow
from participation.comments.models import Comment
from participation.extensions import db, limiter
from participation.ideas import services as idea_services
from participation.ideas.models import Idea
from participation.partners.models import Partner
from participation.processes import invitations
from participation.processes.models import InvitationMember, ProcessInvitation
from tests.conftest import PASSWORD, IsolatedClient

IDEA = {"title": "Sien online in heel de regio", "body": "<p>Eén loket voor elke inwoner van W13.</p>",
        "theme": "people", "district_id": ""}
LINK = re.compile(r"https?://[^/\s\"]+(/uitnodiging/[A-Za-z0-9_-]+)")


@pytest.fixture
def w13(db):
    partner = Partner(slug="w13", name="W13", full_name="Intergemeentelijke vereniging W13",
                      description="Regionale samenwerking van de dertien gemeenten in Zuid-West-Vlaanderen.")
    db.session.add(partner)
    db.session.commit()
    return partner


@pytest.fixture
def leiedal(db):
    partner = Partner(slug="leiedal", name="Leiedal", position=1)
    db.session.add(partner)
    db.session.commit()
    return partner


@pytest.fixture
def gbo(make_process):
    """The plan's "GBO realiseren ism W13": a process only the invited partners' people take part in."""
    return make_process("invited", slug="gbo", title="Geïntegreerd breed onthaal")


def invite(process, partner, days: int = 30) -> str:
    """A link made straight through the service, as the moderator's form does; returns its path."""
    _, token = invitations.create_invitation(process, partner, brussels_today() + timedelta(days=days), None)
    db.session.commit()
    return f"/uitnodiging/{token}"


def page(response) -> str:
    return response.get_data(as_text=True)


def test_moderator_makes_a_link_shown_once_and_only_its_hash_is_kept(moderator_client, gbo, w13, leiedal):
    form = moderator_client.get(f"/beheer/trajecten/{gbo.id}/uitnodigingen")
    assert form.status_code == 200
    assert "Er is nog geen partner uitgenodigd." in page(form)
    response = moderator_client.post(f"/beheer/trajecten/{gbo.id}/uitnodigingen", data={
        "partner_id": w13.id, "last_day": (brussels_today() + timedelta(days=14)).isoformat()})
    body = page(response)
    assert response.status_code == 200
    assert "De link voor W13" in body and "maar deze ene keer getoond" in body
    path = LINK.search(body).group(1)
    token = path.rsplit("/", 1)[1]
    invitation = db.session.scalar(select(ProcessInvitation))
    assert invitation.partner_id == w13.id and invitation.created_by_id == moderator_client.user.id
    assert token not in (invitation.selector, invitation.secret_hash) and token[16:] not in invitation.secret_hash
    assert invitation.last_day == brussels_today() + timedelta(days=14)
    again = page(moderator_client.get(f"/beheer/trajecten/{gbo.id}/uitnodigingen"))
    assert token not in again, "the link is shown once, when it is made"
    assert "W13" in again and "Actief" in again


def test_one_link_per_partner_holds_at_a_time(moderator_client, gbo, w13):
    invite(gbo, w13)
    url = f"/beheer/trajecten/{gbo.id}/uitnodigingen"
    response = moderator_client.post(url, data={"partner_id": w13.id, "last_day": brussels_today().isoformat()})
    assert response.status_code == 422
    assert "W13 heeft al een geldige link voor dit traject. Trek die eerst in." in page(response)
    invitations.revoke_invitation(db.session.scalar(select(ProcessInvitation)), None)
    db.session.commit()
    assert moderator_client.post(url, data={"partner_id": w13.id,
                                            "last_day": brussels_today().isoformat()}).status_code == 200


def test_a_link_cannot_end_in_the_past_nor_hold_longer_than_a_year(moderator_client, gbo, w13):
    url = f"/beheer/trajecten/{gbo.id}/uitnodigingen"
    yesterday = (brussels_today() - timedelta(days=1)).isoformat()
    assert "Kies een laatste dag vanaf vandaag." in page(moderator_client.post(
        url, data={"partner_id": w13.id, "last_day": yesterday}))
    far = (brussels_today() + timedelta(days=400)).isoformat()
    assert "Een uitnodiging geldt hoogstens een jaar." in page(moderator_client.post(
        url, data={"partner_id": w13.id, "last_day": far}))
    assert db.session.scalar(select(ProcessInvitation)) is None


def test_a_resident_cannot_invite(resident_client, gbo, w13):
    assert resident_client.get(f"/beheer/trajecten/{gbo.id}/uitnodigingen").status_code == 403


def test_a_visitor_is_asked_to_log_in_and_comes_back_to_the_link(client, gbo, w13):
    path = invite(gbo, w13)
    body = page(client.get(path))
    assert "Uitnodiging voor W13" in body and "Geïntegreerd breed onthaal" in body
    login = re.search(r'href="(/account/aanmelden\?next=[^"]+)"', body).group(1)
    assert path.replace("/", "%2F") in login or path in login
    assert client.post(path + "/aanvaarden").status_code == 302  # to the login page
    assert db.session.scalar(select(InvitationMember)) is None


def register_from(client, page_body: str, email: str):
    """Fill in the registration form the invitation page links to, as the person would."""
    register = re.search(r'href="(/account/registreren\?next=[^"]+)"', page_body).group(1).replace("&amp;", "&")
    form = page(client.get(register))
    assert re.search(r'href="/account/aanmelden\?next=[^"]+"', form), "the form's log-in link keeps the way back"
    return client.post(register, data={"display_name": "Sofie Vandamme", "email": email,
                                       "password": "Kortrijkstraat-12", "password_confirm": "Kortrijkstraat-12",
                                       "accept": "y"})


def confirmation_link(outbox, email: str) -> str:
    (mail,) = outbox(email)
    return re.search(r"http://localhost(/account/bevestigen/\S+)", mail.body).group(1)


def test_a_newcomer_registers_from_the_link_and_confirming_brings_them_back_to_it(client, outbox, gbo, w13):
    path = invite(gbo, w13)
    body = page(client.get(path))
    assert "Maak een account en bevestig je e-mailadres in deze browser" in body
    assert register_from(client, body, "sofie@w13.be").status_code == 200
    (mail,) = outbox("sofie@w13.be")
    assert path.rsplit("/", 1)[1] not in mail.body, "the link's secret is not put in a mail the outbox keeps"

    response = client.get(confirmation_link(outbox, "sofie@w13.be"))
    assert response.status_code == 302 and response.headers["Location"].endswith(path)
    landed = page(client.get(path))
    assert "Je e-mailadres is bevestigd en je bent aangemeld." in landed
    assert "Deelnemen namens W13" in landed
    assert client.post(path + "/aanvaarden").status_code == 302
    member = db.session.scalar(select(InvitationMember))
    assert member.invitation.partner_id == w13.id and member.user.email == "sofie@w13.be"


def test_confirmed_in_another_browser_the_first_one_logs_in_back_to_the_link(app, client, outbox, gbo, w13):
    path = invite(gbo, w13)
    register_from(client, page(client.get(path)), "sofie@w13.be")
    phone = app.test_client()
    link = confirmation_link(outbox, "sofie@w13.be")
    assert phone.get(link).headers["Location"] == "/", "the phone never saw the invitation"
    response = client.get(link)
    assert response.status_code == 302
    assert "/account/aanmelden?next=" in response.headers["Location"]
    logged_in = client.post(response.headers["Location"],
                            data={"email": "sofie@w13.be", "password": "Kortrijkstraat-12"})
    assert logged_in.headers["Location"] == path


def test_a_partners_person_accepts_proposes_and_comments_on_its_behalf(client_as, gbo, w13, make_idea):
    path = invite(gbo, w13)
    person = client_as("resident", name="Sofie Vandamme")
    assert client_as("resident").get("/trajecten/gbo").status_code == 404, "invited people only"
    assert "Deelnemen namens W13" in page(person.get(path))
    response = person.post(path + "/aanvaarden", follow_redirects=True)
    body = page(response)
    assert "Je neemt nu deel aan “Geïntegreerd breed onthaal” namens W13." in body
    assert "Je neemt deel aan dit traject namens W13" in body
    assert "Je neemt deel aan dit traject namens W13." in page(person.get(path))

    response = person.post("/trajecten/gbo/ideeen/nieuw", data=IDEA)
    assert response.status_code == 302
    idea = db.session.scalar(select(Idea))
    assert idea.partner_id == w13.id and idea.author_id == person.user.id
    assert "namens W13" in page(person.get(f"/ideeen/{idea.id}"))

    published = make_idea(gbo, title="Een onthaal in elke deelgemeente")
    assert person.post(f"/ideeen/{published.id}/reacties", data={"body": "Dat helpt ook Bavikhove."}).status_code == 302
    comment = db.session.scalar(select(Comment))
    assert comment.partner_id == w13.id
    assert re.search(r"Sofie Vandamme</strong> <span class=\"on-behalf\">namens W13</span>",
                     page(person.get(f"/ideeen/{published.id}")))


def test_a_revoked_link_says_so_and_its_people_can_no_longer_propose(client_as, moderator_client, gbo, w13,
                                                                      make_idea):
    path = invite(gbo, w13)
    person = client_as("resident", name="Sofie Vandamme")
    person.post(path + "/aanvaarden")
    person.post("/trajecten/gbo/ideeen/nieuw", data=IDEA)
    idea = db.session.scalar(select(Idea))
    invitation = db.session.scalar(select(ProcessInvitation))

    response = moderator_client.post(f"/beheer/trajecten/{gbo.id}/uitnodigingen/{invitation.id}/intrekken",
                                     follow_redirects=True)
    assert "De link van W13 is ingetrokken" in page(response)
    assert "Ingetrokken" in page(response)

    gone = person.get(path)
    assert gone.status_code == 410
    assert "Deze uitnodiging is ingetrokken" in page(gone)
    assert person.post(path + "/aanvaarden").status_code == 410
    assert person.get("/trajecten/gbo").status_code == 404
    assert person.post("/trajecten/gbo/ideeen/nieuw", data={**IDEA, "title": "Nog een idee"}).status_code == 404
    assert db.session.scalar(select(db.func.count()).select_from(Idea)) == 1
    moderator_page = page(moderator_client.get(f"/ideeen/{idea.id}"))
    assert "namens W13" in moderator_page, "what was written stays, labelled"


def test_an_expired_link_says_until_when_it_held(client_as, gbo, w13):
    path = invite(gbo, w13, days=3)
    person = client_as("resident")
    person.post(path + "/aanvaarden")
    invitation = db.session.scalar(select(ProcessInvitation))
    invitation.expires_at = utcnow() - timedelta(minutes=1)
    db.session.commit()
    response = person.get(path)
    assert response.status_code == 410
    body = page(response)
    assert "Deze uitnodiging is verlopen" in body
    assert invitation.last_day.strftime("%d/%m/%Y") in body
    assert person.get("/trajecten/gbo").status_code == 404


def test_a_link_with_a_wrong_secret_opens_nothing(client, gbo, w13):
    path = invite(gbo, w13)
    wrong = path[:-3] + ("aaa" if not path.endswith("aaa") else "bbb")
    assert client.get(wrong).status_code == 404
    assert client.get(path[: len("/uitnodiging/") + 16]).status_code == 404
    assert invitations.invitation_by_token("x" * 500) is None


def test_in_a_public_process_the_label_follows_the_link(client_as, moderator_client, make_process, w13):
    process = make_process("public", slug="hallo-harelbeke", title="Hallo Harelbeke")
    path = invite(process, w13)
    person = client_as("resident")
    person.post(path + "/aanvaarden")
    person.post("/trajecten/hallo-harelbeke/ideeen/nieuw", data=IDEA)
    invitations.revoke_invitation(db.session.scalar(select(ProcessInvitation)), None)
    db.session.commit()
    assert person.post("/trajecten/hallo-harelbeke/ideeen/nieuw",
                       data={**IDEA, "title": "Een eigen idee"}).status_code == 302, "a public process stays open"
    labels = dict(db.session.execute(select(Idea.title, Idea.partner_id)).all())
    assert labels == {IDEA["title"]: w13.id, "Een eigen idee": None}


def test_a_person_speaks_for_one_partner_per_process(client_as, gbo, w13, leiedal):
    first, second = invite(gbo, w13), invite(gbo, leiedal)
    person = client_as("resident")
    person.post(first + "/aanvaarden")
    response = person.post(second + "/aanvaarden", follow_redirects=True)
    assert "Je neemt al deel aan dit traject namens W13." in page(response)
    assert db.session.scalar(select(InvitationMember)).invitation.partner_id == w13.id


def test_the_list_counts_the_people_of_each_link(client_as, moderator_client, gbo, w13, leiedal):
    path = invite(gbo, w13)
    invite(gbo, leiedal)
    for _ in range(2):
        client_as("resident").post(path + "/aanvaarden")
    rows = {row.invitation.partner.name: (row.state, row.people) for row in invitations.invitations_of(gbo)}
    assert rows == {"W13": ("active", 2), "Leiedal": ("active", 0)}
    body = page(moderator_client.get(f"/beheer/trajecten/{gbo.id}/uitnodigingen"))
    assert re.search(r"W13</th>.*?data-label=\"Mensen via de link\">2</td>", body, re.S)


def test_the_invitations_page_reads_a_fixed_number_of_queries(moderator_client, make_process, count_queries):
    process = make_process("invited", slug="veel")
    partners = [Partner(slug=f"p{n}", name=f"Partner {n}") for n in range(8)]
    db.session.add_all(partners)
    db.session.commit()
    for partner in partners:
        invite(process, partner)
    with count_queries() as counter:
        assert moderator_client.get(f"/beheer/trajecten/{process.id}/uitnodigingen").status_code == 200
    assert counter.count <= 12, counter.statements


@pytest.fixture
def limited_app(app):
    limited = create_app("testing", SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
                         RATELIMIT_ENABLED=True, RATELIMIT_STORAGE_URI="memory://", LOGIN_RATE_LIMIT="3 per minute")
    limited.test_client_class = IsolatedClient
    with limited.app_context():
        limiter.reset()
    yield limited
    with limited.app_context():
        limiter.reset()


def test_guessing_links_is_limited(limited_app):
    client = limited_app.test_client()
    codes = [client.get(f"/uitnodiging/{'0' * 16}gok-{n}").status_code for n in range(4)]
    assert codes == [404, 404, 404, 429]


def test_the_partners_page_lists_the_processes_it_is_invited_to(client, client_as, make_process, gbo, w13, leiedal):
    hallo = make_process("public", slug="hallo-harelbeke", title="Hallo Harelbeke")
    invite(hallo, w13)
    invite(gbo, w13)
    invite(hallo, leiedal)
    invitations.revoke_invitation(db.session.scalar(select(ProcessInvitation).where(
        ProcessInvitation.partner_id == leiedal.id)), None)
    db.session.commit()
    public = page(client.get("/partners/w13"))
    assert 'href="/trajecten/hallo-harelbeke">Hallo Harelbeke</a>' in public
    assert "Geïntegreerd breed onthaal" not in public, "a process for invited partners shows to insiders only"
    assert 'href="/trajecten/gbo">Geïntegreerd breed onthaal</a>' in page(client_as("employee").get("/partners/w13"))
    assert "Hallo Harelbeke" not in page(client.get("/partners/leiedal")), "a revoked link is no taking part"
    assert invitations.process_counts(None, viewer=None) == {w13.id: 1}, "the index counts what the page lists"
    assert "· 1 traject" in page(client.get("/partners"))
    employee = client_as("employee")
    assert invitations.process_counts(None, viewer=employee.user) == {w13.id: 2}
    assert "· 2 trajecten" in page(employee.get("/partners"))


def test_a_person_downloads_and_leaves_what_they_took_part_in(client_as, gbo, w13):
    path = invite(gbo, w13)
    person = client_as("resident")
    person.post(path + "/aanvaarden")
    person.post("/trajecten/gbo/ideeen/nieuw", data=IDEA)
    data = person.get("/account/mijn-gegevens").get_json()
    assert [(row["process"], row["partner"], row["state"]) for row in data["partner_invitations"]] == [
        ("Geïntegreerd breed onthaal", "W13", "active")]
    assert person.post("/account/verwijderen", data={"password": PASSWORD}).status_code == 302
    assert db.session.scalar(select(InvitationMember)) is None
    assert db.session.scalar(select(Idea.partner_id)) == w13.id, "the idea keeps the partner's name"


def test_the_open_data_names_the_partner_of_an_idea(client, client_as, make_process, w13):
    hallo = make_process("public", slug="hallo-harelbeke", title="Hallo Harelbeke")
    person = client_as("resident")
    person.post(invite(hallo, w13) + "/aanvaarden")
    person.post("/trajecten/hallo-harelbeke/ideeen/nieuw", data=IDEA)
    idea = db.session.scalar(select(Idea))
    idea_services.set_status(idea, "published", None, "Gepubliceerd.", notify=False)
    db.session.commit()
    data = client.get(f"/api/v1/ideas/{idea.id}").get_json()
    assert data["partner"] == {"slug": "w13", "name": "W13"}
    listed = client.get("/api/v1/processes/hallo-harelbeke/ideas").get_json()
    assert [item["partner"] for item in listed["data"]] == [{"slug": "w13", "name": "W13"}]
    assert person.user.display_name not in str(listed), "the organisation, never the person"
