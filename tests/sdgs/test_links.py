"""Moderators link ideas to targets; the link shows on the idea's side and on the goal's page."""

from participation.extensions import db
from participation.sdgs.models import IdeaTarget
from participation.sdgs.services import suggestions_for_idea
from tests.sdgs.helpers import make_idea


def links(idea) -> list[str]:
    return sorted(db.session.scalars(db.select(IdeaTarget.target_code).where(IdeaTarget.idea_id == idea.id)))


def test_moderator_links_an_idea_to_target_11_7_and_goal_page_lists_it(client_as, make_process, client):
    idea = make_idea(make_process(), title="Een buurtpark aan de Leie")
    moderator = client_as("moderator")
    response = moderator.post(f"/sdgs/ideeen/{idea.id}/koppelen",
                              data={"code": "11.7", "next": f"/sdgs/koppelen?idea={idea.id}"})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/sdgs/koppelen?idea={idea.id}"
    assert links(idea) == ["11.7"]
    page = moderator.get(f"/sdgs/koppelen?idea={idea.id}").get_data(as_text=True)
    assert "gekoppeld aan subdoel 11.7" in page
    goal_page = client.get("/sdgs/11").get_data(as_text=True)
    assert "Een buurtpark aan de Leie" in goal_page
    assert "Gepubliceerd" in goal_page
    assert "Subdoelen: 11.7" in goal_page


def test_code_is_read_generously_but_an_unknown_code_is_refused_next_to_the_field(client_as, make_process):
    idea = make_idea(make_process())
    moderator = client_as("moderator")
    assert moderator.post(f"/sdgs/ideeen/{idea.id}/koppelen", data={"code": " SDG 1.A "}).status_code == 302
    response = moderator.post(f"/sdgs/ideeen/{idea.id}/koppelen", data={"code": "18.2"})
    assert response.status_code == 400
    body = response.get_data(as_text=True)
    assert 'class="field-error"' in body and "Er is geen subdoel 18.2" in body
    assert links(idea) == ["1.a"]


def test_the_same_target_twice_is_refused(client_as, make_process):
    idea = make_idea(make_process())
    moderator = client_as("moderator")
    moderator.post(f"/sdgs/ideeen/{idea.id}/koppelen", data={"code": "11.2"})
    response = moderator.post(f"/sdgs/ideeen/{idea.id}/koppelen", data={"code": "11.2"})
    assert response.status_code == 400
    assert "al gekoppeld aan subdoel 11.2" in response.get_data(as_text=True)
    assert links(idea) == ["11.2"]


def test_a_link_can_be_removed(client_as, make_process, client):
    idea = make_idea(make_process(), title="Trage wegen")
    moderator = client_as("moderator")
    moderator.post(f"/sdgs/ideeen/{idea.id}/koppelen", data={"code": "11.2"})
    response = moderator.post(f"/sdgs/ideeen/{idea.id}/ontkoppelen/11.2", data={"next": "/sdgs/11"})
    assert response.headers["Location"] == "/sdgs/11"
    assert links(idea) == []
    assert "Trage wegen" not in client.get("/sdgs/11").get_data(as_text=True)


def test_next_off_site_is_ignored(client_as, make_process):
    idea = make_idea(make_process())
    moderator = client_as("moderator")
    response = moderator.post(f"/sdgs/ideeen/{idea.id}/koppelen",
                              data={"code": "3.6", "next": "https://evil.example/"})
    assert response.headers["Location"] == f"/sdgs/koppelen?idea={idea.id}"


def test_residents_cannot_link(client_as, make_process):
    idea = make_idea(make_process())
    resident = client_as("resident")
    assert resident.post(f"/sdgs/ideeen/{idea.id}/koppelen", data={"code": "11.7"}).status_code == 403
    assert links(idea) == []


def test_goal_page_hides_ideas_a_visitor_may_not_read(client_as, make_process, client):
    public = make_process("public")
    staff = make_process("staff")
    shown = make_idea(public, title="Zichtbaar idee")
    waiting = make_idea(public, title="Nog niet gescreend", status="submitted")
    internal = make_idea(staff, title="Idee van medewerkers")
    moderator = client_as("moderator")
    for idea in (shown, waiting, internal):
        moderator.post(f"/sdgs/ideeen/{idea.id}/koppelen", data={"code": "11.3"})
    anonymous = client.get("/sdgs/11").get_data(as_text=True)
    assert "Zichtbaar idee" in anonymous
    assert "Nog niet gescreend" not in anonymous and "Idee van medewerkers" not in anonymous
    employee = client_as("employee").get("/sdgs/11").get_data(as_text=True)
    assert "Idee van medewerkers" in employee and "Nog niet gescreend" not in employee
    assert "Nog niet gescreend" in moderator.get("/sdgs/11").get_data(as_text=True)
    overview = client.get("/sdgs").get_data(as_text=True)
    assert "1 idee" in overview


def test_idea_partial_shows_chips_and_moderator_tools(app, client, client_as, make_process):
    from flask import render_template
    from flask_login import login_user

    idea = make_idea(make_process(), title="Zonnepanelen op de sporthal",
                     body="<p>Hernieuwbare energie op het dak van de sporthal.</p>")
    moderator = client_as("moderator")
    moderator.post(f"/sdgs/ideeen/{idea.id}/koppelen", data={"code": "11.7"})
    html = moderator.get(f"/ideeen/{idea.id}").get_data(as_text=True).split('class="sdg-links"')[1]
    html = html.split("</section>")[0]
    with app.test_request_context(f"/ideeen/{idea.id}"):
        login_user(moderator.user)
        screening = render_template("sdgs/_screening.html", idea=idea, sdg_suggestions=suggestions_for_idea(idea))
    assert 'href="/sdgs/11#target-11.7"' in html
    assert "Verwijderen" in html and 'aria-label="Subdoel 11.7 verwijderen"' in html and "Subdoel koppelen" in html
    assert "Voorgestelde" not in html, "the partial of the public idea page never suggests"
    assert "7.2" in screening and "Bevestigen" in screening and "hernieuwbare" in screening.lower()
    public_html = client.get(f"/ideeen/{idea.id}").get_data(as_text=True).split('class="sdg-links"')[1]
    public_html = public_html.split("</section>")[0]
    assert "11.7" in public_html and "Verwijderen" not in public_html and "Subdoel koppelen" not in public_html


def test_moderator_link_page_suggests_targets_with_matched_words(client_as, make_process):
    idea = make_idea(make_process(), title="Minder armoede",
                     body="<p>Armoede bestrijden met een sociaal restaurant en leefloon-begeleiding.</p>")
    page = client_as("moderator").get(f"/sdgs/koppelen?idea={idea.id}").get_data(as_text=True)
    assert "Voorgestelde doelen en subdoelen" in page
    assert "Armoede" in page and 'name="code" value="1.' in page


def test_moderator_finds_ideas_to_link_by_title_and_without_target(client_as, make_process, count_queries):
    process = make_process()
    linked = make_idea(process, title="Fietsstraat in Hulste")
    make_idea(process, title="Fietsenstalling aan het station")
    make_idea(process, title="Bloemen op het marktplein")
    moderator = client_as("moderator")
    moderator.post(f"/sdgs/ideeen/{linked.id}/koppelen", data={"code": "11.2"})
    everything = moderator.get("/sdgs/koppelen").get_data(as_text=True)
    assert "3 ideeën" in everything
    found = moderator.get("/sdgs/koppelen?q=fiets").get_data(as_text=True)
    assert "Fietsstraat in Hulste" in found and "Bloemen" not in found
    without = moderator.get("/sdgs/koppelen?q=fiets&zonder=1").get_data(as_text=True)
    assert "Fietsenstalling" in without and "Fietsstraat in Hulste" not in without
    assert "Geen enkel idee" in moderator.get("/sdgs/koppelen?q=%25_").get_data(as_text=True)
    with count_queries() as counter:
        moderator.get("/sdgs/koppelen")
    for n in range(5):
        make_idea(process, title=f"Extra {n}")
    with count_queries() as more:
        moderator.get("/sdgs/koppelen")
    assert more.count == counter.count
