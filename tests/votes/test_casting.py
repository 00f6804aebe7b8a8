"""Casting and taking back votes, through the pages a person uses."""

from datetime import timedelta

import pytest

from participation.database import utcnow
from participation.extensions import db
from participation.ideas.models import Idea
from participation.votes import services
from participation.votes.models import Ballot, Vote
from tests.votes.conftest import CLOSED, LATER


def total(idea) -> int:
    return db.session.scalar(db.select(Idea.vote_count).where(Idea.id == idea.id))


def test_resident_supports_an_idea_and_its_total_goes_up(voting, client_as):
    process, (idea, *_rest) = voting()
    client = client_as("resident")
    response = client.post(f"/stemmen/ideeen/{idea.id}", data={"next": f"/trajecten/{process.slug}"})
    assert response.status_code == 302
    assert response.headers["Location"] == f"/trajecten/{process.slug}"
    assert total(idea) == 1
    page = client.get(f"/trajecten/{process.slug}/rangschikking").get_data(as_text=True)
    assert "Je steun is geteld." in page
    assert "Je steunt 1 idee." in page


def test_supporting_the_same_idea_twice_is_refused(voting, client_as):
    process, (idea, *_rest) = voting()
    client = client_as("resident")
    client.post(f"/stemmen/ideeen/{idea.id}")
    client.post(f"/stemmen/ideeen/{idea.id}")
    assert total(idea) == 1
    page = client.get(f"/trajecten/{process.slug}/rangschikking").get_data(as_text=True)
    assert "Je steunt dit idee al." in page


def test_dots_spread_within_the_budget_and_the_maximum_per_idea(voting, client_as):
    process, (first, second, third) = voting("dots", budget=3, max_per_idea=2)
    client = client_as("resident")
    assert client.post(f"/stemmen/ideeen/{first.id}", headers={"Accept": "application/json"}).json["mine"] == 1
    answer = client.post(f"/stemmen/ideeen/{first.id}", headers={"Accept": "application/json"}).json
    assert answer["mine"] == 2 and answer["remaining"] == 1 and answer["can_cast"] is False
    refused = client.post(f"/stemmen/ideeen/{first.id}", headers={"Accept": "application/json"})
    assert refused.status_code == 409
    assert refused.json["message"] == "Je kunt hoogstens 2 stemmen aan één idee geven."
    client.post(f"/stemmen/ideeen/{second.id}")
    refused = client.post(f"/stemmen/ideeen/{third.id}", headers={"Accept": "application/json"})
    assert refused.status_code == 409 and "geen stemmen meer" in refused.json["message"]
    assert (total(first), total(second), total(third)) == (2, 1, 0)
    assert db.session.scalar(db.select(Ballot.used)) == 3


def test_taking_a_vote_back_frees_it_for_another_idea(voting, client_as):
    process, (first, second, _third) = voting("dots", budget=2, max_per_idea=2)
    client = client_as("resident")
    client.post(f"/stemmen/ideeen/{first.id}")
    client.post(f"/stemmen/ideeen/{first.id}")
    answer = client.post(f"/stemmen/ideeen/{first.id}/intrekken", headers={"Accept": "application/json"}).json
    assert answer == {
        **answer, "ok": True, "message": "Je stem is teruggenomen.", "total": 1, "mine": 1, "remaining": 1,
        "remaining_text": "Je hebt nog 1 stem van de 2.",
    }
    client.post(f"/stemmen/ideeen/{second.id}")
    assert (total(first), total(second)) == (1, 1)
    client.post(f"/stemmen/ideeen/{first.id}/intrekken")
    assert total(first) == 0
    assert db.session.scalar(db.select(db.func.count()).select_from(Vote).where(Vote.idea_id == first.id)) == 0
    refused = client.post(f"/stemmen/ideeen/{first.id}/intrekken", headers={"Accept": "application/json"})
    assert refused.status_code == 409 and total(first) == 0


def test_vote_after_the_phase_closed_is_refused(voting, client_as):
    process, (idea, *_rest) = voting(phases=CLOSED)
    client = client_as("resident")
    client.post(f"/stemmen/ideeen/{idea.id}")
    assert total(idea) == 0
    page = client.get(f"/trajecten/{process.slug}/rangschikking").get_data(as_text=True)
    assert "De stemfase is afgelopen. Je stem is niet geteld." in page


def test_a_vote_that_reaches_the_database_one_second_after_closing_is_refused(voting, make_user):
    process, (idea, *_rest) = voting()
    phase = process.phases[1]
    closing = utcnow() + timedelta(seconds=1)
    phase.ends_at = closing
    db.session.commit()
    voter = make_user()
    with pytest.raises(services.VoteError, match="afgelopen"):
        services.cast_vote(voter, idea, moment=closing - timedelta(milliseconds=5), now=closing + timedelta(seconds=1))
    assert total(idea) == 0
    assert db.session.scalar(db.select(db.func.count()).select_from(Vote)) == 0


def test_vote_before_the_phase_opened_is_refused(voting, client_as):
    process, (idea, *_rest) = voting(phases=LATER)
    client = client_as("resident")
    response = client.post(f"/stemmen/ideeen/{idea.id}", headers={"Accept": "application/json"})
    assert response.status_code == 409
    assert response.json["message"] == "Stemmen kan nog niet in dit traject: de stemfase is nog niet begonnen."
    assert total(idea) == 0


def test_a_hidden_idea_gets_no_votes(voting, make_idea, client_as):
    process, _ideas = voting()
    hidden = make_idea(process, status="hidden")
    response = client_as("resident").post(f"/stemmen/ideeen/{hidden.id}", headers={"Accept": "application/json"})
    assert response.status_code == 404 and total(hidden) == 0


def test_a_resident_cannot_vote_in_a_staff_process(voting, client_as):
    _process, (idea, *_rest) = voting(audience="staff")
    assert client_as("resident").post(f"/stemmen/ideeen/{idea.id}").status_code == 404
    assert client_as("employee").post(f"/stemmen/ideeen/{idea.id}").status_code == 302
    assert total(idea) == 1


def test_anonymous_visitor_is_asked_to_log_in(voting, client):
    process, (idea, *_rest) = voting()
    response = client.post(f"/stemmen/ideeen/{idea.id}")
    assert response.status_code == 302 and "/account/aanmelden" in response.headers["Location"]
    page = client.get(f"/trajecten/{process.slug}/rangschikking").get_data(as_text=True)
    assert "Meld je aan om te stemmen" in page


def test_redirect_back_only_to_this_site(voting, client_as):
    process, (idea, *_rest) = voting()
    response = client_as("resident").post(f"/stemmen/ideeen/{idea.id}", data={"next": "https://evil.example/"})
    assert response.headers["Location"] == f"/trajecten/{process.slug}/rangschikking"


def test_casting_is_rate_limited_per_account(app, voting, make_user, login):
    from participation import create_app
    from participation.extensions import limiter

    process, ideas = voting("dots", budget=10, max_per_idea=10)
    limited = create_app(
        "testing", SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"], RATELIMIT_ENABLED=True,
        VOTE_RATE_LIMIT="3 per minute",
    )
    limited.test_client_class = app.test_client_class
    try:
        limiter.reset()
        client, other = login(limited.test_client(), make_user()), login(limited.test_client(), make_user())
        codes = [client.post(f"/stemmen/ideeen/{ideas[0].id}").status_code for _ in range(4)]
        assert codes == [302, 302, 302, 429]
        assert "te vaak" in client.post(f"/stemmen/ideeen/{ideas[0].id}").get_data(as_text=True)
        assert other.post(f"/stemmen/ideeen/{ideas[0].id}").status_code == 302
    finally:
        limiter.enabled = False
    assert total(ideas[0]) == 4


def test_a_vote_in_a_process_without_voting_says_so(make_process, client_as):
    from participation.ideas.models import Idea

    process = make_process(phases=(("propose", -10, -1),))
    idea = Idea(process_id=process.id, title="Idee", body="Tekst", theme="planet", status="published")
    db.session.add(idea)
    db.session.commit()
    response = client_as("resident").post(f"/stemmen/ideeen/{idea.id}", headers={"Accept": "application/json"})
    assert response.json["message"] == "In dit traject wordt niet gestemd."


def test_a_refused_vote_answers_the_votes_as_they_stand_without_writing(voting, client_as, count_queries):
    process, (first, second, _third) = voting("dots", budget=2, max_per_idea=2)
    client = client_as("resident")
    client.post(f"/stemmen/ideeen/{first.id}")
    client.post(f"/stemmen/ideeen/{first.id}")
    with count_queries() as refusals:
        no_votes_left = client.post(f"/stemmen/ideeen/{second.id}", headers={"Accept": "application/json"})
        nothing_to_take_back = client.post(f"/stemmen/ideeen/{second.id}/intrekken",
                                           headers={"Accept": "application/json"})
    assert no_votes_left.status_code == 409 and nothing_to_take_back.status_code == 409
    assert no_votes_left.json == {
        **no_votes_left.json, "ok": False, "total": 0, "mine": 0, "remaining": 0, "can_cast": False,
        "can_withdraw": False, "remaining_text": "Je hebt nog 0 stemmen van de 2.",
    }
    assert nothing_to_take_back.json["mine"] == 0 and nothing_to_take_back.json["remaining"] == 0
    assert not [s for s in refusals.statements if s.lstrip().upper().startswith(("UPDATE", "INSERT", "DELETE"))]
    assert (total(first), total(second)) == (2, 0)
    assert db.session.scalar(db.select(Ballot.used)) == 2


def test_a_vote_runs_few_statements(voting, client_as, count_queries):
    _process, (idea, *_rest) = voting("dots", budget=3, max_per_idea=2)
    client = client_as("resident")
    client.post(f"/stemmen/ideeen/{idea.id}")
    with count_queries() as cast:
        assert client.post(f"/stemmen/ideeen/{idea.id}", headers={"Accept": "application/json"}).json["mine"] == 2
    with count_queries() as taken_back:
        answer = client.post(f"/stemmen/ideeen/{idea.id}/intrekken", headers={"Accept": "application/json"}).json
    assert answer["mine"] == 1 and total(idea) == 1
    assert cast.count <= 8 and taken_back.count <= 8, (cast.statements, taken_back.statements)
