"""The vote rule form, merging duplicates, and a person's own vote data."""

from participation.extensions import db
from participation.ideas.models import Idea
from participation.ideas.signals import idea_merged
from participation.votes import services
from participation.votes.models import Ballot, Vote, VoteRule
from participation.votes.queries import process_totals
from tests.votes.conftest import LATER


def test_administrator_sets_dot_voting_before_the_vote_phase(voting, client_as):
    process, _ideas = voting(phases=LATER)
    admin = client_as("administrator")
    url = f"/beheer/trajecten/{process.slug}/stemregel"
    assert "Hoe stemmen de deelnemers?" in admin.get(url).get_data(as_text=True)
    response = admin.post(url, data={"kind": "dots", "budget": "10", "max_per_idea": "3"})
    assert response.status_code == 302
    rule = db.session.get(VoteRule, process.id)
    assert (rule.kind, rule.budget, rule.max_per_idea) == ("dots", 10, 3)
    page = admin.get(response.headers["Location"]).get_data(as_text=True)
    assert "De stemregel van" in page and "10 stemmen om over de ideeën te verdelen" in page


def test_rule_form_explains_mistakes_next_to_the_field(voting, client_as):
    process, _ideas = voting(phases=LATER)
    admin = client_as("administrator")
    url = f"/beheer/trajecten/{process.slug}/stemregel"
    page = admin.post(url, data={"kind": "dots", "budget": "", "max_per_idea": "5"}).get_data(as_text=True)
    assert "Vul in hoeveel stemmen elke deelnemer krijgt." in page
    page = admin.post(url, data={"kind": "dots", "budget": "3", "max_per_idea": "5"}).get_data(as_text=True)
    assert "Dit kan niet meer zijn dan het aantal stemmen per deelnemer." in page
    assert db.session.get(VoteRule, process.id).kind == "approval"


def test_rule_cannot_change_once_the_vote_phase_opened(voting, client_as):
    process, _ideas = voting()
    admin = client_as("administrator")
    url = f"/beheer/trajecten/{process.slug}/stemregel"
    assert "kan niet meer veranderen" in admin.get(url).get_data(as_text=True)
    page = admin.post(url, data={"kind": "dots", "budget": "10", "max_per_idea": "3"}).get_data(as_text=True)
    assert "kan niet meer veranderen" in page
    assert db.session.get(VoteRule, process.id).kind == "approval"


def test_merging_a_duplicate_moves_votes_without_counting_anyone_twice(voting, make_user, login, app):
    process, (kept, duplicate, _other) = voting("dots", budget=4, max_per_idea=2)
    both, only_duplicate = make_user(), make_user()
    for user, ideas in ((both, [kept, duplicate, duplicate]), (only_duplicate, [duplicate])):
        client = login(app.test_client(), user)
        for idea in ideas:
            assert client.post(f"/stemmen/ideeen/{idea.id}").status_code == 302
    kept, duplicate = db.session.get(Idea, kept.id), db.session.get(Idea, duplicate.id)
    assert (kept.vote_count, duplicate.vote_count) == (1, 3)

    duplicate.status = "merged"
    duplicate.merged_into_id = kept.id
    idea_merged.send(duplicate, target=kept, actor=None)
    db.session.commit()

    assert (db.session.get(Idea, kept.id).vote_count, db.session.get(Idea, duplicate.id).vote_count) == (3, 0)
    votes = {u: c for u, c in db.session.execute(db.select(Vote.user_id, Vote.count).where(Vote.idea_id == kept.id))}
    assert votes == {both.id: 2, only_duplicate.id: 1}
    ballots = {u: n for u, n in db.session.execute(db.select(Ballot.user_id, Ballot.used))}
    assert ballots == {both.id: 2, only_duplicate.id: 1}
    totals = process_totals(process.id)
    assert totals.consistent and totals.votes_spent == 3


def test_personal_votes_and_unlinking_keep_the_totals(voting, make_user, login, app):
    process, (idea, other, _third) = voting(ideas=3)
    user = make_user()
    client = login(app.test_client(), user)
    client.post(f"/stemmen/ideeen/{idea.id}")
    client.post(f"/stemmen/ideeen/{other.id}")
    personal = services.personal_votes(user)
    assert {row["idea_id"] for row in personal} == {idea.id, other.id}
    assert personal[0]["process"] == process.title and personal[0]["count"] == 1

    assert services.unlink_votes(user) == 1
    db.session.commit()
    assert services.personal_votes(user) == []
    assert db.session.scalar(db.select(db.func.count()).select_from(Vote).where(Vote.user_id.is_(None))) == 2
    assert db.session.get(Idea, idea.id).vote_count == 1
    assert process_totals(process.id).consistent
