import csv
import io

from participation.accounts.models import User
from participation.extensions import db
from participation.ideas.models import Idea
from participation.votes.models import Ballot, Vote
from tests.conftest import PASSWORD


def test_my_data_download_holds_my_votes(voting, resident_client):
    process, ideas = voting()
    assert resident_client.post(f"/stemmen/ideeen/{ideas[0].id}").status_code == 302
    data = resident_client.get("/account/mijn-gegevens").get_json()
    assert [vote["idea_id"] for vote in data["votes"]] == [ideas[0].id]


def test_deleting_my_account_keeps_my_vote_counted_but_unlinked(voting, resident_client):
    process, ideas = voting()
    me = resident_client.user.id
    resident_client.post(f"/stemmen/ideeen/{ideas[1].id}")
    response = resident_client.post("/account/verwijderen", data={"password": PASSWORD})
    assert response.status_code == 302
    assert db.session.get(User, me).deleted_at is not None
    assert db.session.get(Idea, ideas[1].id).vote_count == 1
    assert db.session.scalar(db.select(db.func.count(Vote.id)).where(Vote.user_id == me)) == 0
    assert db.session.scalar(db.select(db.func.count(Ballot.id)).where(Ballot.user_id == me)) == 0
    assert db.session.scalar(db.select(db.func.sum(Vote.count)).where(Vote.idea_id == ideas[1].id)) == 1


def test_frozen_result_exports_ranks_without_voters(voting, client_as, client, admin_client):
    process, (bike, play, benches) = voting(ideas=3)
    for title, idea in (("Fietsstraat Gentsestraat", bike), ("Speelplein Hulste", play), ("Meer banken", benches)):
        idea.title = title
    db.session.commit()
    for supported in ((bike, play), (bike, play), (benches,)):
        voter = client_as("resident")
        for idea in supported:
            assert voter.post(f"/stemmen/ideeen/{idea.id}").status_code == 302
    vote_phase = process.phases[-1]
    vote_phase.ends_at = vote_phase.starts_at + (vote_phase.ends_at - vote_phase.starts_at) / 100
    db.session.commit()
    client.get(f"/trajecten/{process.slug}/rangschikking")  # the first read after the close freezes it
    response = admin_client.get(f"/beheer/exports/vote_result.csv?process={process.slug}")
    assert response.status_code == 200
    rows = list(csv.DictReader(io.StringIO(response.get_data(as_text=True).lstrip("\ufeff")), delimiter=";"))
    assert [(r["plaats"], r["titel"], r["stemmen"], r["gedeelde_plaats"]) for r in rows] == [
        ("1", "Fietsstraat Gentsestraat", "2", "ja"),
        ("1", "Speelplein Hulste", "2", "ja"),
        ("3", "Meer banken", "1", "nee"),
    ]
    assert not {"e_mailadres", "gebruiker", "user_id"} & set(rows[0])
