"""What a joint council session produced, entered by its facilitator with the session as its source:
the councils' rankings made in the room and the theme votes of its mixed groups."""

from datetime import date

import pytest

from participation.advisory.models import Council, CouncilBallot, CouncilRound, MixedGroup, Proposal, ThemeVote
from participation.advisory.queries import ranking_result
from participation.extensions import db
from tests.conftest import log_in

SECOND_SESSION = "de tweede gezamenlijke sessie"


@pytest.fixture
def councils(db):
    made = {}
    for position, name in enumerate(("Klimaatraad", "Jeugdraad", "Seniorenraad"), start=1):
        made[name] = Council(name=name, slug=name.lower(), position=position)
        db.session.add(made[name])
    db.session.commit()
    return made


@pytest.fixture
def ranking_round(db, councils):
    round_ = CouncilRound(slug="ambitienota-2024", title="Ambitienota 2024", step="ranking")
    for council, title in (("Klimaatraad", "Energie"), ("Jeugdraad", "Mobiliteit op mensenmaat"),
                           ("Seniorenraad", "Solidair Harelbeke met respect voor alle mensen")):
        round_.proposals.append(Proposal(council_id=councils[council].id, title=title))
    db.session.add(round_)
    db.session.commit()
    return round_


@pytest.fixture
def facilitator(app, make_user):
    """A moderator who sits on a council, so the round is open to them before it is published."""
    client = app.test_client()
    client.user = make_user("moderator", "council_member", name="Facilitator")
    return log_in(client, client.user)


@pytest.fixture
def seat_secretary(app, make_user):
    """seat_secretary(council) -> a client logged in as the council's secretary."""
    from participation.advisory.models import CouncilMembership

    def make(council):
        client = app.test_client()
        client.user = make_user("council_member")
        db.session.add(CouncilMembership(council_id=council.id, user_id=client.user.id, role="secretary"))
        db.session.commit()
        return log_in(client, client.user)

    return make


def ids(round_) -> dict[str, int]:
    return {proposal.title: proposal.id for proposal in db.session.scalars(
        db.select(Proposal).where(Proposal.round_id == round_.id))}


def ballot_url(round_, meeting, council: str) -> str:
    return f"/adviesraden/rondes/{round_.slug}/sessies/{meeting.id}/rangschikking/{council}"


def test_a_facilitator_enters_a_councils_ranking_with_the_session_as_its_source(
        ranking_round, councils, facilitator, make_meeting):
    meeting = make_meeting(round_=ranking_round, title=SECOND_SESSION, kind="joint_session",
                           held_on=date(2024, 3, 12), attendance=[("Leden van de adviesraden", 40)])
    proposal = ids(ranking_round)

    response = facilitator.post(ballot_url(ranking_round, meeting, "klimaatraad"), data={
        f"rank-{proposal['Energie']}": "1", f"rank-{proposal['Mobiliteit op mensenmaat']}": "2",
        f"rank-{proposal['Solidair Harelbeke met respect voor alle mensen']}": "2"})

    assert response.status_code == 302
    ballot = db.session.scalar(db.select(CouncilBallot))
    assert ballot.meeting_id == meeting.id and ballot.council_id == councils["Klimaatraad"].id
    assert ballot.submitted_by_id == facilitator.user.id
    page = facilitator.get(f"/adviesraden/rondes/{ranking_round.slug}/sessies/{meeting.id}").get_data(as_text=True)
    assert "Rangschikkingen uit deze sessie" in page and "Klimaatraad" in page
    assert page.index("Energie") < page.index("Mobiliteit op mensenmaat")
    assert "ingevoerd uit deze sessie" in page


def test_the_ranking_counts_a_ballot_from_the_room_like_one_submitted_online_once(
        ranking_round, councils, facilitator, make_meeting, seat_secretary):
    meeting = make_meeting(round_=ranking_round, title=SECOND_SESSION, kind="joint_session",
                           held_on=date(2024, 3, 12))
    proposal = ids(ranking_round)
    energie, mobiliteit = proposal["Energie"], proposal["Mobiliteit op mensenmaat"]
    facilitator.post(ballot_url(ranking_round, meeting, "klimaatraad"),
                     data={f"rank-{energie}": "1", f"rank-{mobiliteit}": "2"})
    facilitator.post(ballot_url(ranking_round, meeting, "jeugdraad"),
                     data={f"rank-{mobiliteit}": "1", f"rank-{energie}": "2"})
    secretary = seat_secretary(councils["Seniorenraad"])
    assert secretary.post(f"/adviesraden/rondes/{ranking_round.slug}/stembiljet/seniorenraad",
                          data={f"rank-{energie}": "1"}).status_code == 302

    result = ranking_result(ranking_round)

    assert result.total_weight == 3  # two from the room, one online: each council once
    assert result.tiers[0] == [energie]
    ranking_round.step = "bundling"
    db.session.commit()
    page = facilitator.get(f"/adviesraden/rondes/{ranking_round.slug}/rangschikking").get_data(as_text=True)
    assert "3 stembiljetten van adviesraden zijn geteld" in page
    ballots = page.split('id="ballots-title"')[1]
    assert ballots.count(">uit de tweede gezamenlijke sessie van 12/03/2024</a>") == 2 and ">online<" in ballots


def test_a_ballot_from_the_room_and_one_online_replace_each_other(
        ranking_round, councils, facilitator, make_meeting, seat_secretary):
    meeting = make_meeting(round_=ranking_round, title=SECOND_SESSION, kind="joint_session",
                           held_on=date(2024, 3, 12))
    proposal = ids(ranking_round)
    energie = proposal["Energie"]
    secretary = seat_secretary(councils["Klimaatraad"])
    secretary.post(f"/adviesraden/rondes/{ranking_round.slug}/stembiljet/klimaatraad", data={f"rank-{energie}": "2"})
    form = facilitator.get(ballot_url(ranking_round, meeting, "klimaatraad")).get_data(as_text=True)
    assert "De secretaris diende het stembiljet van de raad al online in" in form

    facilitator.post(ballot_url(ranking_round, meeting, "klimaatraad"), data={f"rank-{energie}": "1"})

    ballots = list(db.session.scalars(db.select(CouncilBallot)))
    assert len(ballots) == 1 and ballots[0].meeting_id == meeting.id
    own = secretary.get(f"/adviesraden/rondes/{ranking_round.slug}/stembiljet/klimaatraad").get_data(as_text=True)
    assert "uit de tweede gezamenlijke sessie van 12/03/2024" in own
    secretary.post(f"/adviesraden/rondes/{ranking_round.slug}/stembiljet/klimaatraad", data={f"rank-{energie}": "3"})
    db.session.expire_all()
    ballot = db.session.scalar(db.select(CouncilBallot))
    assert ballot.meeting_id is None and [rank.rank for rank in ballot.ranks] == [3]


def test_a_ranking_from_the_room_is_refused_when_the_ranking_is_not_open_or_for_others(
        ranking_round, councils, facilitator, make_meeting, client_as):
    meeting = make_meeting(round_=ranking_round, title=SECOND_SESSION, kind="joint_session")
    energie = ids(ranking_round)["Energie"]
    url = ballot_url(ranking_round, meeting, "klimaatraad")
    assert client_as("council_member").post(url, data={f"rank-{energie}": "1"}).status_code == 403
    assert client_as("employee").post(url, data={f"rank-{energie}": "1"}).status_code == 403
    ranking_round.step = "bundling"
    db.session.commit()
    page = facilitator.post(url, data={f"rank-{energie}": "1"}).get_data(as_text=True)
    assert "De rangschikking is afgesloten" in page
    assert db.session.scalar(db.select(db.func.count(CouncilBallot.id))) == 0
    other = make_meeting(round_=ranking_round, title="de eerste gezamenlijke sessie", kind="joint_session")
    assert facilitator.get(f"/adviesraden/rondes/ander/sessies/{other.id}/rangschikking/klimaatraad").status_code == 404


def test_a_facilitator_enters_the_theme_votes_of_the_groups_from_the_session_page(
        ranking_round, facilitator, make_meeting, admin_client):
    meeting = make_meeting(round_=ranking_round, title="de eerste gezamenlijke sessie", kind="joint_session",
                           held_on=date(2023, 10, 5))
    groups = [MixedGroup(round_id=ranking_round.id, name=name, meeting_id=meeting.id)
              for name in ("Groep A", "Groep B")]
    db.session.add_all(groups)
    db.session.commit()
    session_url = f"/adviesraden/rondes/{ranking_round.slug}/sessies/{meeting.id}"
    assert "Voer de themastemmen van de groepen in" in facilitator.get(session_url).get_data(as_text=True)
    votes_url = f"{session_url}/themastemmen"
    data = {f"votes-{groups[0].id}-people": "5", f"votes-{groups[0].id}-planet": "3",
            f"votes-{groups[1].id}-planet": "4", f"votes-{groups[1].id}-peace_partnership": ""}

    refused = facilitator.post(votes_url, data={**data, f"votes-{groups[1].id}-people": "vijf"})
    assert refused.status_code == 200 and 'value="vijf"' in refused.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(ThemeVote)) == 0
    assert facilitator.post(votes_url, data=data).status_code == 302

    stored = {(vote.group_id, vote.theme): vote.votes for vote in db.session.scalars(db.select(ThemeVote))}
    assert stored[(groups[0].id, "people")] == 5 and stored[(groups[1].id, "planet")] == 4
    assert stored[(groups[1].id, "peace_partnership")] == 0
    page = facilitator.get(session_url).get_data(as_text=True)
    assert ">7<" in page  # Planet together: 3 + 4
    admin_page = admin_client.get(f"/beheer/adviesrondes/{ranking_round.slug}/groepen").get_data(as_text=True)
    assert "uit de eerste gezamenlijke sessie van 05/10/2023" in admin_page


def test_theme_votes_are_entered_only_for_the_groups_of_the_session(ranking_round, facilitator, make_meeting):
    meeting = make_meeting(round_=ranking_round, title="de eerste gezamenlijke sessie", kind="joint_session")
    elsewhere = MixedGroup(round_id=ranking_round.id, name="Groep C")
    db.session.add(elsewhere)
    db.session.commit()
    from participation.meetings.services import MeetingError, enter_theme_votes

    with pytest.raises(MeetingError):
        enter_theme_votes(meeting, {elsewhere.id: {"people": 3}}, facilitator.user)
    page = facilitator.get(f"/adviesraden/rondes/{ranking_round.slug}/sessies/{meeting.id}/themastemmen")
    assert "Er is nog geen gemengde groep van de ronde aan deze sessie gekoppeld" in page.get_data(as_text=True)


def test_the_session_page_reads_its_rankings_without_a_query_per_council(
        ranking_round, councils, facilitator, make_meeting, count_queries):
    meeting = make_meeting(round_=ranking_round, title=SECOND_SESSION, kind="joint_session")
    energie = ids(ranking_round)["Energie"]
    url = f"/adviesraden/rondes/{ranking_round.slug}/sessies/{meeting.id}"
    facilitator.post(ballot_url(ranking_round, meeting, "klimaatraad"), data={f"rank-{energie}": "1"})
    facilitator.get(url)  # the flash message is read once
    with count_queries() as one:
        assert "Klimaatraad" in facilitator.get(url).get_data(as_text=True)
    for council in ("jeugdraad", "seniorenraad"):
        facilitator.post(ballot_url(ranking_round, meeting, council), data={f"rank-{energie}": "1"})
        facilitator.get(url)
    with count_queries() as three:
        page = facilitator.get(url).get_data(as_text=True)
    assert page.count("ingevoerd uit deze sessie") == 3
    assert three.count == one.count
