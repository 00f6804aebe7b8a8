"""Deleting an account and registering again with the same address gives no second vote budget in a
process where the deleted account had voted; the platform keeps only a keyed hash of the address."""

import re

import pytest

from participation.extensions import db
from participation.ideas.models import Idea
from participation.votes.models import Ballot, VoteRule
from tests.conftest import PASSWORD, idea

OPEN = (("propose", -20, -10), ("vote", -1, 5))
JSON = {"Accept": "application/json"}
STRONG = "Kortrijkstraat-12"


@pytest.fixture
def vote(make_process):
    """A process in its vote phase: 3 votes per person, at most 2 on one idea."""
    process = make_process(phases=OPEN, title="Burgerbudget Harelbeke")
    db.session.add(VoteRule(process_id=process.id, kind="dots", budget=3, max_per_idea=2))
    db.session.commit()
    ideas = [idea(process, title) for title in ("Speelplein Hulste", "Fietsstraat Gentsestraat", "Meer banken")]
    return process, ideas


def register_and_log_in(app, outbox, email: str):
    client = app.test_client()
    client.post("/account/registreren", data={
        "display_name": "Joke", "email": email, "password": STRONG, "password_confirm": STRONG, "accept": "y",
    })
    mail = outbox(email.lower())[-1]
    client.get(re.search(r"http://localhost(/\S+)", mail.body).group(1))
    response = client.post("/account/aanmelden", data={"email": email, "password": STRONG})
    assert response.status_code == 302
    return client


def cast(client, target: Idea):
    return client.post(f"/stemmen/ideeen/{target.id}", headers=JSON)


def delete_account(client, password: str = STRONG) -> None:
    assert client.post("/account/verwijderen", data={"password": password}).status_code == 302


def total(target: Idea) -> int:
    return db.session.scalar(db.select(Idea.vote_count).where(Idea.id == target.id))


def test_registering_again_gives_no_second_budget(app, outbox, vote):
    process, (play, bike, benches) = vote
    first = register_and_log_in(app, outbox, "joke@example.org")
    for target in (play, play, bike):
        assert cast(first, target).status_code == 200
    delete_account(first)

    again = register_and_log_in(app, outbox, "Joke@Example.org")
    response = cast(again, benches)

    assert response.status_code == 409
    assert "al gestemd" in response.get_json()["message"]
    assert [total(i) for i in (play, bike, benches)] == [2, 1, 0]
    assert db.session.scalar(db.select(db.func.count(Ballot.id)).where(Ballot.process_id == process.id)) == 1


def test_the_ranking_page_says_why_and_offers_no_vote(app, outbox, vote):
    process, (play, _bike, _benches) = vote
    first = register_and_log_in(app, outbox, "joke@example.org")
    cast(first, play)
    delete_account(first)

    again = register_and_log_in(app, outbox, "joke@example.org")
    page = again.get(f"/trajecten/{process.slug}/rangschikking").get_data(as_text=True)

    assert "al gestemd" in page
    assert "Je hebt nog" not in page
    assert f'data-vote-cast="{play.id}"' not in page


def test_the_new_account_votes_in_other_processes(app, outbox, vote, make_process):
    _process, (play, _bike, _benches) = vote
    other = make_process(phases=OPEN, title="Inspiratienota 2040")
    elsewhere = idea(other, "Een bib in Stasegem")
    first = register_and_log_in(app, outbox, "joke@example.org")
    cast(first, play)
    delete_account(first)

    again = register_and_log_in(app, outbox, "joke@example.org")

    assert cast(again, elsewhere).status_code == 200
    assert total(elsewhere) == 1


def test_an_account_that_had_no_votes_left_standing_leaves_no_trace(app, outbox, vote):
    _process, (play, bike, _benches) = vote
    first = register_and_log_in(app, outbox, "joke@example.org")
    cast(first, play)
    assert first.post(f"/stemmen/ideeen/{play.id}/intrekken", headers=JSON).status_code == 200
    delete_account(first)

    again = register_and_log_in(app, outbox, "joke@example.org")

    assert cast(again, bike).status_code == 200


def test_other_people_still_vote(app, outbox, vote, client_as):
    _process, (play, bike, _benches) = vote
    first = register_and_log_in(app, outbox, "joke@example.org")
    cast(first, play)
    delete_account(first)

    assert cast(client_as("resident"), bike).status_code == 200


def test_nothing_personal_is_kept_in_clear(app, outbox, vote):
    process, (play, _bike, _benches) = vote
    first = register_and_log_in(app, outbox, "joke@example.org")
    cast(first, play)
    delete_account(first)

    from participation.votes.models import DepartedVoter

    (kept,) = db.session.scalars(db.select(DepartedVoter))
    assert kept.process_id == process.id
    assert re.fullmatch(r"[0-9a-f]{64}", kept.address_hash)
    assert "joke" not in kept.address_hash


def test_the_hash_depends_on_the_secret_key(app, outbox, vote):
    """Without the key, nobody can test a list of addresses against the kept hashes."""
    import hashlib

    _process, (play, _bike, _benches) = vote
    first = register_and_log_in(app, outbox, "joke@example.org")
    cast(first, play)
    delete_account(first)

    from participation.votes.models import DepartedVoter

    (kept,) = db.session.scalars(db.select(DepartedVoter))
    assert kept.address_hash != hashlib.sha256(b"joke@example.org").hexdigest()


def test_a_desk_made_account_deleted_by_password_keeps_the_rule(app, vote, make_user, client_as):
    """The same rule holds for any account, also one made by the city (not through the form)."""
    from tests.conftest import log_in

    _process, (play, bike, _benches) = vote
    joke = make_user(email="joke@example.org")
    first = log_in(app.test_client(), joke)
    cast(first, play)
    delete_account(first, PASSWORD)

    again = log_in(app.test_client(), make_user(email="joke@example.org"))
    assert cast(again, bike).status_code == 409
