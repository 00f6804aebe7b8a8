"""A council's secretary hands in one ranked ballot; everything else is refused with a clear message."""

import pytest
from sqlalchemy.exc import IntegrityError

from participation.advisory.models import CouncilBallot, CouncilBallotRank
from participation.extensions import db
from tests.advisory.conftest import proposal_ids


@pytest.fixture
def world(make_council, seat, make_round):
    klimaat = make_council("Klimaatraad", "klimaatraad")
    jeugd = make_council("Jeugdraad", "jeugdraad")
    round_ = make_round(proposals={klimaat: ["Warmtekaart", "Schaduw op schoolroutes"], jeugd: ["Jeugdruimte"]})
    secretary = seat(klimaat, "secretary", email="secretaris@example.org")
    member = seat(klimaat, "member", email="lid@example.org")
    return round_, klimaat, jeugd, secretary, member


def post_ballot(client, round_, council, ranks: dict[int, str]):
    data = {f"rank-{pid}": value for pid, value in ranks.items()}
    return client.post(f"/adviesraden/rondes/{round_.slug}/stembiljet/{council.slug}", data=data)


def stored_ranks(round_, council) -> dict[int, int]:
    ballot = db.session.scalar(
        db.select(CouncilBallot).where(CouncilBallot.round_id == round_.id, CouncilBallot.council_id == council.id)
    )
    return {rank.proposal_id: rank.rank for rank in ballot.ranks} if ballot else {}


def test_secretary_submits_a_ballot_with_a_tie_and_a_blank(world, client, login):
    round_, klimaat, _jeugd, secretary, _member = world
    ids = proposal_ids(round_)
    login(client, secretary)
    page = client.get(f"/adviesraden/rondes/{round_.slug}/stembiljet/klimaatraad").get_data(as_text=True)
    assert "Stembiljet van de Klimaatraad" in page and "Warmtekaart" in page
    response = post_ballot(client, round_, klimaat, {ids["Warmtekaart"]: "1", ids["Jeugdruimte"]: "1",
                                                     ids["Schaduw op schoolroutes"]: ""})
    assert response.status_code == 302
    assert stored_ranks(round_, klimaat) == {ids["Warmtekaart"]: 1, ids["Jeugdruimte"]: 1}
    assert "is bewaard" in client.get(response.headers["Location"]).get_data(as_text=True)


def test_resubmitting_replaces_the_ballot(world, client, login):
    round_, klimaat, _jeugd, secretary, _member = world
    ids = proposal_ids(round_)
    login(client, secretary)
    post_ballot(client, round_, klimaat, {ids["Warmtekaart"]: "1", ids["Jeugdruimte"]: "2"})
    post_ballot(client, round_, klimaat, {ids["Jeugdruimte"]: "1"})
    assert stored_ranks(round_, klimaat) == {ids["Jeugdruimte"]: 1}
    assert db.session.scalar(db.select(db.func.count()).select_from(CouncilBallot)) == 1
    page = client.get(f"/adviesraden/rondes/{round_.slug}/stembiljet/klimaatraad").get_data(as_text=True)
    assert f'name="rank-{ids["Jeugdruimte"]}"\n                 value="1"' in page


def test_ballot_with_an_unknown_proposal_is_refused(world, client, login):
    round_, klimaat, _jeugd, secretary, _member = world
    ids = proposal_ids(round_)
    login(client, secretary)
    response = post_ballot(client, round_, klimaat, {ids["Warmtekaart"]: "1", 99999: "2"})
    assert response.status_code == 200
    assert "onbekend voorstel" in response.get_data(as_text=True)
    assert stored_ranks(round_, klimaat) == {}


def test_ballot_that_ranks_a_proposal_twice_is_refused(world, client, login):
    round_, klimaat, _jeugd, secretary, _member = world
    ids = proposal_ids(round_)
    login(client, secretary)
    key = f"rank-{ids['Warmtekaart']}"
    response = client.post(f"/adviesraden/rondes/{round_.slug}/stembiljet/klimaatraad",
                           data={key: ["1", "2"]})
    body = response.get_data(as_text=True)
    assert "twee keer" in body and "Warmtekaart" in body
    assert stored_ranks(round_, klimaat) == {}


def test_rank_that_is_not_a_number_is_shown_next_to_the_proposal(world, client, login):
    round_, klimaat, _jeugd, secretary, _member = world
    ids = proposal_ids(round_)
    login(client, secretary)
    body = post_ballot(client, round_, klimaat, {ids["Warmtekaart"]: "eerste"}).get_data(as_text=True)
    assert f'id="rank-{ids["Warmtekaart"]}-error"' in body and "geheel getal" in body
    assert stored_ranks(round_, klimaat) == {}


def test_empty_ballot_is_refused(world, client, login):
    round_, klimaat, _jeugd, secretary, _member = world
    login(client, secretary)
    body = post_ballot(client, round_, klimaat, {}).get_data(as_text=True)
    assert "minstens één voorstel" in body


def test_ballot_from_a_member_who_is_not_secretary_is_refused(world, client, login):
    round_, klimaat, _jeugd, _secretary, member = world
    ids = proposal_ids(round_)
    login(client, member)
    response = post_ballot(client, round_, klimaat, {ids["Warmtekaart"]: "1"})
    assert response.status_code == 403
    assert "Alleen de secretaris van de Klimaatraad" in response.get_data(as_text=True)
    assert stored_ranks(round_, klimaat) == {}


def test_secretary_of_another_council_cannot_vote_for_this_one(world, client, login, seat):
    round_, _klimaat, jeugd, _secretary, _member = world
    login(client, seat(jeugd, "chair"))
    response = client.get(f"/adviesraden/rondes/{round_.slug}/stembiljet/jeugdraad")
    assert response.status_code == 403


def test_ballot_after_the_ranking_closed_is_refused(world, client, login):
    round_, klimaat, _jeugd, secretary, _member = world
    ids = proposal_ids(round_)
    round_.step = "bundling"
    db.session.commit()
    login(client, secretary)
    body = post_ballot(client, round_, klimaat, {ids["Warmtekaart"]: "1"}).get_data(as_text=True)
    assert "De rangschikking is afgesloten" in body
    assert stored_ranks(round_, klimaat) == {}


def test_the_database_allows_one_ballot_per_council_per_round(world):
    round_, klimaat, _jeugd, _secretary, _member = world
    db.session.add(CouncilBallot(round_id=round_.id, council_id=klimaat.id))
    db.session.add(CouncilBallot(round_id=round_.id, council_id=klimaat.id))
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_rank_numbers_must_be_positive_in_the_database(world):
    round_, klimaat, _jeugd, _secretary, _member = world
    ballot = CouncilBallot(round_id=round_.id, council_id=klimaat.id)
    ballot.ranks.append(CouncilBallotRank(proposal_id=round_.proposals[0].id, rank=0))
    db.session.add(ballot)
    with pytest.raises(IntegrityError):
        db.session.flush()
    db.session.rollback()


def test_members_rank_and_the_council_ballot_is_their_aggregate(make_council, seat, make_round, client, login):
    from participation.advisory.queries import counted_ballots

    klimaat = make_council("Klimaatraad", "klimaatraad")
    round_ = make_round(proposals={klimaat: ["A", "B", "C"]}, ballot_mode="members")
    ids = proposal_ids(round_)
    orders = [("A", "B", "C"), ("A", "C", "B"), ("B", "A", "C")]
    for number, order in enumerate(orders):
        member = seat(klimaat, "member", email=f"lid{number}@example.org")
        login(client, member)
        response = post_ballot(client, round_, klimaat, {ids[title]: str(i + 1) for i, title in enumerate(order)})
        assert response.status_code == 302
    [ballot] = counted_ballots(round_)
    assert ballot.tiers == [[ids["A"]], [ids["B"]], [ids["C"]]]


def test_a_superscript_digit_as_rank_is_a_form_error(world, client, login):
    """"²" passes str.isdigit() but not int(): it is shown as a wrong number, not a crash."""
    round_, klimaat, _jeugd, secretary, _member = world
    ids = proposal_ids(round_)
    login(client, secretary)
    for value in ("²", "١", "99999999999999999999"):
        response = post_ballot(client, round_, klimaat, {ids["Warmtekaart"]: value})
        assert response.status_code == 200, value
        assert "geheel getal" in response.get_data(as_text=True)
    response = client.post(f"/adviesraden/rondes/{round_.slug}/stembiljet/klimaatraad", data={"rank-²": "1"})
    assert response.status_code == 200
    assert stored_ranks(round_, klimaat) == {}
