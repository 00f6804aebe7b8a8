"""The process page keeps what every viewer sees of each idea card (with the page cache on) and renders the
viewer's own part per request: a kept card follows every write that changes it, a vote shows at once, and
a card is only ever shown to a viewer whose own list holds the idea."""

import re

from participation.comments.services import post_comment
from participation.extensions import db
from participation.ideas import services


def page(client, path: str = "/trajecten/stemmen") -> str:
    response = client.get(path)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def mine(body: str, idea_id: int) -> str:
    return re.search(rf'data-vote-mine="{idea_id}">(\d+)<', body).group(1)


def total(body: str, idea_id: int) -> str:
    return re.search(rf'data-vote-total="{idea_id}">([\d.]+)<', body).group(1)


def test_a_kept_card_follows_a_correction_a_status_and_a_comment(cached, voting_process, resident_client,
                                                                 make_user):
    process, idea = voting_process
    assert "Een bank op de Markt" in page(resident_client)
    moderator = make_user("moderator")
    services.correct_idea(idea, moderator, "Twee banken op de Markt", idea.body, "Tikfout.")
    db.session.commit()
    body = page(resident_client)
    assert "Twee banken op de Markt" in body and "Een bank op de Markt" not in body
    assert "0 reacties" in body
    post_comment(idea, make_user(), "Goed idee, graag ook schaduw.")
    db.session.commit()
    assert "1 reactie" in page(resident_client)
    services.set_status(idea, "selected", moderator, "Gekozen.", notify=False)
    db.session.commit()
    assert "status-selected" in page(resident_client)


def test_a_vote_shows_at_once_on_the_voters_next_page_and_keeps_the_cards(cached, voting_process, resident_client,
                                                                          count_queries):
    process, idea = voting_process
    first = page(resident_client)
    assert mine(first, idea.id) == "0" and total(first, idea.id) == "0"
    assert resident_client.post(f"/stemmen/ideeen/{idea.id}", data={"next": "/trajecten/stemmen"}).status_code == 302
    with count_queries() as counter:
        after = page(resident_client)
    assert mine(after, idea.id) == "1" and total(after, idea.id) == "1"
    ranking = page(resident_client, "/trajecten/stemmen/rangschikking")
    assert mine(ranking, idea.id) == "1" and "Je hebt nog 4 stemmen van de 5." in ranking
    assert not any("FROM idea_images" in statement for statement in counter.statements)  # the card was kept
    assert resident_client.post(f"/stemmen/ideeen/{idea.id}/intrekken",
                                data={"next": "/trajecten/stemmen"}).status_code == 302
    again = page(resident_client)
    assert mine(again, idea.id) == "0" and total(again, idea.id) == "0"


def test_a_kept_page_reads_fewer_statements_than_the_first(cached, voting_process, resident_client, make_idea,
                                                            count_queries):
    process, _idea = voting_process
    for n in range(5):
        make_idea(process, title=f"Idee {n}")
    with count_queries() as first:
        page(resident_client)
    with count_queries() as kept:
        body = page(resident_client)
    assert body.count('data-vote-form="cast"') == 6
    assert kept.count <= first.count - 4  # the cards' ideas, photos and comments; the note and the map


def test_a_hidden_idea_stays_hidden_though_its_card_was_kept(cached, voting_process, resident_client,
                                                               moderator_client, make_idea, make_user):
    process, idea = voting_process
    waiting = make_idea(process, title="Nog te lezen voorstel", status="submitted")
    for client in (resident_client, moderator_client):
        body = page(client, "/trajecten/stemmen?status=submitted")  # a list shows public statuses only
        assert "Een bank op de Markt" in body and "Nog te lezen voorstel" not in body
    services.set_status(idea, "hidden", make_user("moderator"), "Dubbel.", notify=False)
    db.session.commit()
    for client in (resident_client, moderator_client):
        body = page(client)
        assert "Een bank op de Markt" not in body and f'data-vote-total="{idea.id}"' not in body
        assert f'data-vote-total="{waiting.id}"' not in body


def test_a_staff_only_process_keeps_its_cards_to_staff(cached, make_process, make_idea, client_as):
    staff_only = make_process("staff", slug="intern")
    make_idea(staff_only, title="Een idee van het personeel")
    assert "Een idee van het personeel" in page(client_as("employee"), "/trajecten/intern")
    assert client_as("resident").get("/trajecten/intern").status_code == 404
    assert client_as(None).get("/trajecten/intern").status_code == 404


def test_each_language_keeps_its_own_cards(cached, voting_process, app, make_user):
    from tests.conftest import log_in

    dutch, french = log_in(app.test_client(), make_user()), log_in(app.test_client(), make_user())
    with french.session_transaction() as session:
        session["lang"] = "fr"
    assert "Gepubliceerd" in page(dutch)
    body = page(french)
    assert "Gepubliceerd" not in body and "Publiée" in body


def test_the_kept_filter_form_shows_each_addresses_own_filters(cached, voting_process, resident_client):
    plain = page(resident_client)
    searched = page(resident_client, "/trajecten/stemmen?q=bank&sorteer=votes")
    assert 'name="q" value="bank"' in searched and 'value="votes" selected' in searched
    assert 'name="q" value=""' in plain and 'value="votes" selected' not in plain
    assert 'name="q" value=""' in page(resident_client)
