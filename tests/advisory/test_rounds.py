"""The road of a round: the administrator moves it on, closes the ranking, bundles; councils endorse."""

import pytest

from participation.accounts.models import User
from participation.advisory import services
from participation.advisory.models import (
    AmbitionPoint,
    CouncilMembership,
    CouncilRound,
    Endorsement,
    MixedGroup,
    Proposal,
)
from participation.extensions import db
from tests.advisory.conftest import proposal_ids

CONFIRM = {"confirm": "yes"}  # the box that says the administrator closes the ranking on purpose


@pytest.fixture
def three(make_council, seat):
    councils = [make_council(name, name.lower()) for name in ("Klimaatraad", "Jeugdraad", "Sportraad")]
    secretaries = [seat(c, "secretary", email=f"{c.slug}@example.org") for c in councils]
    return councils, secretaries


def vote(round_, council, secretary, order: list[list[str]]):
    ids = proposal_ids(round_)
    entries = [(ids[title], place) for place, tier in enumerate(order, start=1) for title in tier]
    services.submit_ballot(round_, council, secretary, entries)
    db.session.commit()


def test_admin_creates_a_round_and_moves_it_to_the_proposals(admin_client):
    response = admin_client.post("/beheer/adviesrondes", data={
        "title": "Gezamenlijk advies 2026", "slug": "advies-2026", "method": "borda",
        "ballot_mode": "secretary", "point_count": "5",
    })
    assert response.status_code == 302
    round_ = db.session.scalar(db.select(CouncilRound).where(CouncilRound.slug == "advies-2026"))
    assert (round_.method, round_.point_count, round_.step) == ("borda", 5, "groups")
    admin_client.post("/beheer/adviesrondes/advies-2026/volgende-stap")
    db.session.refresh(round_)
    assert round_.step == "proposals"


def test_round_with_a_taken_address_is_refused(admin_client, make_round):
    make_round(slug="advies")
    response = admin_client.post("/beheer/adviesrondes", data={
        "title": "Nog een", "slug": "advies", "method": "schulze", "ballot_mode": "secretary", "point_count": "9",
    })
    assert "gebruikt dit webadres al" in response.get_data(as_text=True)


def test_ranking_cannot_start_without_proposals(admin_client, make_round):
    round_ = make_round(step="proposals")
    response = admin_client.post(f"/beheer/adviesrondes/{round_.slug}/volgende-stap", data=CONFIRM,
                                 follow_redirects=True)
    assert "er valt niets te rangschikken" in response.get_data(as_text=True)
    db.session.refresh(round_)
    assert round_.step == "proposals"


def test_secretary_and_chair_enter_proposals_but_a_member_cannot(three, make_round, seat, client, login):
    (klimaat, _j, _s), (secretary, _js, _ss) = three
    round_ = make_round(step="proposals")
    login(client, secretary)
    response = client.post(f"/adviesraden/rondes/{round_.slug}/voorstellen/klimaatraad",
                           data={"title": "Warmtekaart per wijk", "elaboration": "Met een renovatieloket."})
    assert response.status_code == 302
    member = seat(klimaat, "member", email="lid@example.org")
    login(client, member)
    page = client.get(f"/adviesraden/rondes/{round_.slug}/voorstellen/klimaatraad").get_data(as_text=True)
    assert "Warmtekaart per wijk" in page and "Voorstel toevoegen" not in page
    response = client.post(f"/adviesraden/rondes/{round_.slug}/voorstellen/klimaatraad", data={"title": "Nog één"})
    assert response.status_code == 403
    assert db.session.scalar(db.select(db.func.count()).select_from(Proposal)) == 1


def test_closing_the_ranking_freezes_the_order_with_shared_places(three, make_round, admin_client):
    councils, secretaries = three
    round_ = make_round(proposals={councils[0]: ["A", "B"], councils[1]: ["C"]})
    vote(round_, councils[0], secretaries[0], [["A"], ["B"], ["C"]])
    vote(round_, councils[1], secretaries[1], [["B"], ["A"], ["C"]])
    vote(round_, councils[2], secretaries[2], [["A", "B"], ["C"]])
    admin_client.post(f"/beheer/adviesrondes/{round_.slug}/volgende-stap", data=CONFIRM)
    db.session.refresh(round_)
    assert round_.step == "bundling" and round_.ranking_closed_at is not None
    assert {p.title: p.rank for p in round_.proposals} == {"A": 1, "B": 1, "C": 3}


def test_ranking_cannot_close_without_ballots(make_round, make_council, admin_client):
    round_ = make_round(proposals={make_council(): ["A"]})
    response = admin_client.post(f"/beheer/adviesrondes/{round_.slug}/volgende-stap", data=CONFIRM,
                                 follow_redirects=True)
    assert "de rangschikking kan niet afsluiten" in response.get_data(as_text=True)


def test_result_page_shows_the_method_the_pairwise_table_and_the_ties(three, make_round, client_as):
    councils, secretaries = three
    round_ = make_round(proposals={councils[0]: ["Warmtekaart", "Schaduw"], councils[1]: ["Jeugdruimte"]})
    vote(round_, councils[0], secretaries[0], [["Warmtekaart"], ["Schaduw"]])
    vote(round_, councils[1], secretaries[1], [["Schaduw"], ["Warmtekaart"]])
    member = client_as("council_member")
    assert "nog open" in member.get(f"/adviesraden/rondes/{round_.slug}/rangschikking").get_data(as_text=True)
    services.close_ranking(round_)
    round_.step = "bundling"
    db.session.commit()
    body = member.get(f"/adviesraden/rondes/{round_.slug}/rangschikking").get_data(as_text=True)
    assert "Methode: Schulze-methode" in body
    assert "gedeelde plaats 1" in body
    assert '<th scope="row">V1</th>' in body and "<caption" in body
    assert "Sterkste ketens" in body
    assert "Waarom" in body
    assert client_as(None).get(f"/adviesraden/rondes/{round_.slug}/rangschikking").status_code == 404


def test_borda_result_shows_the_scores(three, make_round, client_as):
    councils, secretaries = three
    round_ = make_round(proposals={councils[0]: ["A", "B", "C"]}, method="borda")
    vote(round_, councils[0], secretaries[0], [["A"], ["B"], ["C"]])
    services.close_ranking(round_)
    round_.step = "bundling"
    db.session.commit()
    body = client_as("council_member").get(f"/adviesraden/rondes/{round_.slug}/rangschikking").get_data(as_text=True)
    assert "Borda-telling" in body and "Punten" in body


def test_bundling_endorsement_and_publication(three, make_round, admin_client, client_as, client, login):
    councils, secretaries = three
    round_ = make_round(step="ranking", proposals={councils[0]: ["A"], councils[1]: ["B"]}, point_count=2)
    vote(round_, councils[0], secretaries[0], [["A"], ["B"]])
    admin_client.post(f"/beheer/adviesrondes/{round_.slug}/volgende-stap", data=CONFIRM)
    response = admin_client.post(f"/beheer/adviesrondes/{round_.slug}/bundelen", data={
        "action": "point", "number": "1", "title": "Solidair Harelbeke", "vision": "Iedereen telt mee.",
        "targets": "10.2, 1.3",
    })
    assert response.status_code == 302
    point = db.session.scalar(db.select(AmbitionPoint))
    assert [t.target_code for t in point.targets] == ["1.3", "10.2"]
    admin_client.post(f"/beheer/adviesrondes/{round_.slug}/punten/{point.id}",
                      data={"action": "sub", "sub-sub_title": "Respect voor mensen"})
    sub_id = point.sub_themes[0].id
    admin_client.post(f"/beheer/adviesrondes/{round_.slug}/punten/{point.id}",
                      data={"action": "rec", "rec-sub_theme": str(sub_id), "rec-text": "Klantvriendelijkheid eerst."})
    ids = proposal_ids(round_)
    response = admin_client.post(f"/beheer/adviesrondes/{round_.slug}/volgende-stap", data=CONFIRM,
                                 follow_redirects=True)
    assert "nog niet in een ambitiepunt" in response.get_data(as_text=True)
    admin_client.post(f"/beheer/adviesrondes/{round_.slug}/bundelen",
                      data={"action": "assign", f"point-{ids['A']}": str(point.id), f"point-{ids['B']}": str(point.id)})
    admin_client.post(f"/beheer/adviesrondes/{round_.slug}/volgende-stap", data=CONFIRM)
    db.session.refresh(round_)
    assert round_.step == "endorsement"

    login(client, secretaries[0])
    response = client.post(f"/adviesraden/rondes/{round_.slug}/onderschrijven/klimaatraad",
                           data={"decision": "endorse"})
    assert response.status_code == 302
    login(client, secretaries[1])
    body = client.post(f"/adviesraden/rondes/{round_.slug}/onderschrijven/jeugdraad",
                       data={"decision": "reservation"}).get_data(as_text=True)
    assert "Schrijf het voorbehoud" in body
    client.post(f"/adviesraden/rondes/{round_.slug}/onderschrijven/jeugdraad",
                data={"decision": "reservation", "reservation": "Te weinig over jeugd."})
    assert db.session.scalar(db.select(db.func.count()).select_from(Endorsement)) == 2

    assert client_as(None).get(f"/adviesraden/rondes/{round_.slug}/ambitienota").status_code == 404
    admin_client.post(f"/beheer/adviesrondes/{round_.slug}/volgende-stap", data=CONFIRM)
    body = client_as(None).get(f"/adviesraden/rondes/{round_.slug}/ambitienota").get_data(as_text=True)
    assert "1. Solidair Harelbeke" in body.replace("</span> ", "") or "Solidair Harelbeke" in body
    assert "CONCREET" in body and "Klantvriendelijkheid eerst." in body
    assert "Bundelt 2 voorstellen van de adviesraden" in body
    endorsed = body.split("Onderschreven door")[1]
    assert "Klimaatraad" in endorsed and "Te weinig over jeugd." in endorsed


def test_endorsement_by_a_member_who_is_not_secretary_is_refused(three, make_round, seat, client, login):
    councils, _secretaries = three
    round_ = make_round(step="endorsement")
    login(client, seat(councils[0], "chair", email="voorzitter@example.org"))
    response = client.post(f"/adviesraden/rondes/{round_.slug}/onderschrijven/klimaatraad",
                           data={"decision": "endorse"})
    assert response.status_code == 403


def test_unknown_sdg_target_is_refused_and_nothing_is_saved(make_round, admin_client):
    round_ = make_round(step="bundling")
    body = admin_client.post(f"/beheer/adviesrondes/{round_.slug}/bundelen", data={
        "action": "point", "number": "1", "title": "Een punt", "targets": "10.2, 18.1",
    }).get_data(as_text=True)
    assert "18.1" in body and "Onbekende SDG-subdoelen" in body
    assert db.session.scalar(db.select(db.func.count()).select_from(AmbitionPoint)) == 0


def test_point_number_beyond_the_count_is_refused(make_round, admin_client):
    round_ = make_round(step="bundling", point_count=9)
    body = admin_client.post(f"/beheer/adviesrondes/{round_.slug}/bundelen", data={
        "action": "point", "number": "10", "title": "Tiende punt",
    }).get_data(as_text=True)
    assert "van 1 tot 9" in body


def test_admin_adds_a_member_who_gets_the_council_member_role(make_council, make_user, admin_client):
    council = make_council("Sportraad", "sportraad")
    user = make_user(email="sporter@example.org")
    response = admin_client.post("/beheer/adviesraden/sportraad", data={"email": "sporter@example.org",
                                                                        "role": "secretary"})
    assert response.status_code == 302
    db.session.refresh(user)
    assert user.has_role("council_member")
    assert db.session.get(CouncilMembership, (council.id, user.id)).role == "secretary"
    body = admin_client.get("/beheer/adviesraden/sportraad").get_data(as_text=True)
    assert "sporter@example.org" in body and "Secretaris" in body


def test_a_new_secretary_replaces_the_old_one(make_council, seat, make_user):
    council = make_council()
    old = seat(council, "secretary")
    new = make_user(email="nieuw@example.org")
    services.add_member(council, new, "secretary")
    db.session.commit()
    assert db.session.get(CouncilMembership, (council.id, old.id)).role == "member"


def test_mixed_groups_take_members_of_different_councils(three, make_round, seat, admin_client):
    councils, secretaries = three
    round_ = make_round(step="groups")
    admin_client.post(f"/beheer/adviesrondes/{round_.slug}/groepen", data={"name": "Groep A"})
    group = db.session.scalar(db.select(MixedGroup))
    url = f"/beheer/adviesrondes/{round_.slug}/groepen/{group.id}"
    admin_client.post(url, data={"action": "member", "member-email": "klimaatraad@example.org",
                                 "member-council": str(councils[0].id)})
    other = seat(councils[0], "member", email="tweede@example.org")
    body = admin_client.post(url, data={"action": "member", "member-email": other.email,
                                        "member-council": str(councils[0].id)}).get_data(as_text=True)
    assert "meng leden van verschillende raden" in body
    admin_client.post(url, data={"action": "input", "input-input_text": "Meer groen", "input-people": "3",
                                 "input-planet": "5", "input-prosperity": "0", "input-peace_partnership": "1"})
    db.session.refresh(group)
    assert len(group.members) == 1 and group.input_text == "Meer groen"
    assert {v.theme: v.votes for v in group.theme_votes}["planet"] == 5
    overview = admin_client.get(f"/beheer/adviesrondes/{round_.slug}/groepen").get_data(as_text=True)
    assert "Groep A" in overview and "Planet" in overview


def test_council_round_list_has_no_n_plus_one(make_council, seat, make_user, admin_client, count_queries):
    council = make_council("Cultuurraad", "cultuurraad")
    for n in range(12):
        seat(council, "member", email=f"lid{n}@example.org")
    with count_queries() as few:
        admin_client.get("/beheer/adviesraden/cultuurraad")
    for n in range(12, 20):
        seat(council, "member", email=f"lid{n}@example.org")
    with count_queries() as more:
        admin_client.get("/beheer/adviesraden/cultuurraad")
    assert more.count == few.count


def test_note_page_queries_do_not_grow_with_the_points(make_round, client_as, count_queries):
    from participation.advisory.models import Recommendation, SubTheme

    round_ = make_round(step="published", point_count=9)

    def add_points(numbers):
        for number in numbers:
            point = AmbitionPoint(round_id=round_.id, number=number, title=f"Punt {number}", vision="Visie.")
            section = SubTheme(title="Deel", position=0)
            section.recommendations.append(Recommendation(text="Aanbeveling.", position=0))
            point.sub_themes.append(section)
            db.session.add(point)
        db.session.commit()

    visitor = client_as(None)
    add_points([1, 2])
    with count_queries() as few:
        assert visitor.get(f"/adviesraden/rondes/{round_.slug}/ambitienota").status_code == 200
    add_points([3, 4, 5, 6, 7])
    with count_queries() as more:
        body = visitor.get(f"/adviesraden/rondes/{round_.slug}/ambitienota").get_data(as_text=True)
    assert "Punt 7" in body
    assert more.count == few.count


def test_admin_removes_a_recommendation_and_a_section(make_round, admin_client):
    from participation.advisory.models import Recommendation, SubTheme

    round_ = make_round(step="bundling")
    point = AmbitionPoint(round_id=round_.id, number=1, title="Punt")
    section = SubTheme(title="Deel", position=0)
    section.recommendations.append(Recommendation(text="Weg ermee.", position=0))
    section.recommendations.append(Recommendation(text="Blijft.", position=1))
    point.sub_themes.append(section)
    db.session.add(point)
    db.session.commit()
    url = f"/beheer/adviesrondes/{round_.slug}/punten/{point.id}"
    gone = section.recommendations[0].id
    admin_client.post(url, data={"action": "remove", "kind": "rec", "item": str(gone)})
    assert db.session.get(Recommendation, gone) is None
    assert [r.text for r in db.session.get(SubTheme, section.id).recommendations] == ["Blijft."]
    other = make_round(step="bundling")
    other_point = AmbitionPoint(round_id=other.id, number=1, title="Ander punt")
    db.session.add(other_point)
    db.session.commit()
    response = admin_client.post(f"/beheer/adviesrondes/{other.slug}/punten/{other_point.id}",
                                 data={"action": "remove", "kind": "sub", "item": str(section.id)},
                                 follow_redirects=True)
    assert "maakt geen deel uit" in response.get_data(as_text=True)
    admin_client.post(url, data={"action": "remove", "kind": "sub", "item": str(section.id)})
    assert db.session.scalar(db.select(db.func.count()).select_from(Recommendation)) == 0


def test_mixed_groups_seat_attendees_by_name_without_an_account(three, make_round, admin_client):
    councils, _secretaries = three
    round_ = make_round(step="groups")
    admin_client.post(f"/beheer/adviesrondes/{round_.slug}/groepen", data={"name": "Groep B"})
    group = db.session.scalar(db.select(MixedGroup))
    url = f"/beheer/adviesrondes/{round_.slug}/groepen/{group.id}"
    accounts_before = db.session.scalar(db.select(db.func.count(User.id)))

    admin_client.post(url, data={"action": "member", "member-email": "klimaatraad@example.org",
                                 "member-council": str(councils[0].id)})
    seated = admin_client.post(url, data={"action": "guest", "guest-name": "An Vandenberghe",
                                          "guest-council": str(councils[1].id)}, follow_redirects=True)
    unknown_council = admin_client.post(url, data={"action": "guest", "guest-name": "Piet Declercq",
                                                   "guest-council": "0"}, follow_redirects=True)
    same_council = admin_client.post(url, data={"action": "guest", "guest-name": "Jan Desmet",
                                                "guest-council": str(councils[0].id)}).get_data(as_text=True)
    twice = admin_client.post(url, data={"action": "guest", "guest-name": "an vandenberghe",
                                         "guest-council": "0"}).get_data(as_text=True)

    assert "An Vandenberghe (Jeugdraad)" in seated.get_data(as_text=True)
    assert "zonder account" in unknown_council.get_data(as_text=True)
    assert "meng leden van verschillende raden" in same_council
    assert "zit al in groep Groep B" in twice
    db.session.refresh(group)
    assert [(guest.name, guest.council_id) for guest in group.guests] == [
        ("An Vandenberghe", councils[1].id), ("Piet Declercq", None)]
    assert db.session.scalar(db.select(db.func.count(User.id))) == accounts_before  # no account was made
    overview = admin_client.get(f"/beheer/adviesrondes/{round_.slug}/groepen").get_data(as_text=True)
    assert "An Vandenberghe (Jeugdraad)" in overview and "Piet Declercq" in overview
    removed = admin_client.post(f"{url}/gasten/{group.guests[1].id}/verwijderen", follow_redirects=True)
    assert "Piet Declercq zit niet meer in groep Groep B." in removed.get_data(as_text=True)
    db.session.refresh(group)
    assert [guest.name for guest in group.guests] == ["An Vandenberghe"]


def test_a_joint_council_session_is_recorded_on_the_round(make_round, admin_client, client_as):
    round_ = make_round(step="groups")
    response = admin_client.post(f"/beheer/adviesrondes/{round_.slug}/sessies/nieuw", data={
        "kind": "joint_session", "title": "de eerste gezamenlijke sessie", "held_on": "2023-10-01",
        "month_only": "y", "attendance-0-group": "", "attendance-0-count": "",
    })
    assert response.status_code == 302
    page = client_as("council_member").get(f"/adviesraden/rondes/{round_.slug}").get_data(as_text=True)
    assert "Sessies" in page and "De eerste gezamenlijke sessie" in page
    session_page = client_as("council_member").get(response.headers["Location"]).get_data(as_text=True)
    assert "Het aantal deelnemers werd niet vastgelegd." in session_page
    assert "Gezamenlijke sessie van de adviesraden" in session_page
    assert client_as("moderator").post(f"/beheer/adviesrondes/{round_.slug}/sessies/nieuw").status_code == 403


def test_the_theme_votes_of_the_mixed_groups_count_for_the_session_they_met_in(three, make_round, admin_client,
                                                                              client_as, make_meeting):
    councils, _secretaries = three
    round_ = make_round(step="groups")
    other_round = make_round(step="groups")
    session = make_meeting(round_=round_, title="de eerste gezamenlijke sessie", kind="joint_session",
                           attendance=[])
    groups = []
    for name, votes in (("Groep A", {"people": 3, "planet": 5}), ("Groep B", {"people": 1, "planet": 2})):
        group = services.create_group(round_, name)
        services.record_group_input(group, "", votes)
        groups.append(group)
    services.add_group_guest(groups[0], "An Vandenberghe", councils[1])
    stranger = services.create_group(other_round, "Groep van elders")
    db.session.commit()
    url = f"/beheer/adviesrondes/{round_.slug}/sessies/{session.id}/groepen"

    refused = admin_client.post(url, data={"group": [str(groups[0].id), str(stranger.id)]}, follow_redirects=True)
    assert "Kies groepen van deze ronde." in refused.get_data(as_text=True)
    admin_client.post(url, data={"group": [str(group.id) for group in groups]})

    page = client_as("council_member").get(f"/adviesraden/rondes/{round_.slug}/sessies/{session.id}")
    text = page.get_data(as_text=True)
    assert "Gemengde groepen van deze sessie" in text and "An Vandenberghe (Jeugdraad)" in text
    totals = text.split("<tfoot>", 1)[1].split("</tfoot>", 1)[0]
    assert [cell.split("<")[0] for cell in totals.split('<td class="num">')[1:]] == ["4", "7", "0", "0"]
    assert "Welke gemengde groepen" not in text  # only the administrator links groups
    admin_client.post(url, data={"group": [str(groups[1].id)]})
    db.session.expire_all()
    assert db.session.get(MixedGroup, groups[0].id).meeting_id is None
    assert db.session.get(MixedGroup, groups[1].id).meeting_id == session.id


def test_bundling_and_removing_with_a_superscript_digit_is_a_message(make_round, admin_client):
    round_ = make_round(step="bundling")
    point = AmbitionPoint(round_id=round_.id, number=1, title="Punt")
    db.session.add(point)
    db.session.commit()
    for data in ({"action": "assign", "point-²": "1"}, {"action": "assign", "point-1": "²"},
                 {"action": "assign", "point-1": "99999999999999999999"}):
        response = admin_client.post(f"/beheer/adviesrondes/{round_.slug}/bundelen", data=data,
                                     follow_redirects=True)
        assert response.status_code == 200, data
        assert "Kies een voorstel en een ambitiepunt van deze ronde" in response.get_data(as_text=True)
    for item in ("²", "99999999999999999999"):
        response = admin_client.post(f"/beheer/adviesrondes/{round_.slug}/punten/{point.id}",
                                     data={"action": "remove", "kind": "rec", "item": item}, follow_redirects=True)
        assert response.status_code == 200, item
        assert "maakt geen deel uit" in response.get_data(as_text=True)


def test_closing_the_ranking_names_the_councils_without_a_ballot_and_asks_to_confirm(
        three, make_round, admin_client):
    councils, secretaries = three
    round_ = make_round(proposals={councils[0]: ["A", "B"]})
    vote(round_, councils[0], secretaries[0], [["A"], ["B"]])
    page = admin_client.get(f"/beheer/adviesrondes/{round_.slug}").get_data(as_text=True)
    warning = page.split('class="warning"', 1)[1].split("</div>", 1)[0]
    assert "2 van de 3 adviesraden hebben nog niet gestemd:" in warning
    assert "Jeugdraad" in warning and "Sportraad" in warning and "Klimaatraad" not in warning
    assert "Ik sluit de rangschikking af, ook zonder de stembiljetten van 2 adviesraden." in page

    refused = admin_client.post(f"/beheer/adviesrondes/{round_.slug}/volgende-stap").get_data(as_text=True)
    assert "Vink het vakje aan om te bevestigen dat je de rangschikking afsluit." in refused
    db.session.refresh(round_)
    assert round_.step == "ranking" and round_.ranking_closed_at is None

    admin_client.post(f"/beheer/adviesrondes/{round_.slug}/volgende-stap", data=CONFIRM)
    db.session.refresh(round_)
    assert round_.step == "bundling"


@pytest.mark.parametrize(("role", "administers"), [
    ("anonymous", False), ("resident", False), ("council_member", False), ("moderator", False),
    ("administrator", True),
])
def test_only_an_administrator_is_offered_to_manage_councils_and_rounds(make_round, client_as, role, administers):
    make_round(step="published", slug="ambitienota-2024", title="Ambitienota 2024")
    browser = client_as(role)
    index = browser.get("/adviesraden").get_data(as_text=True)
    round_page = browser.get("/adviesraden/rondes/ambitienota-2024").get_data(as_text=True)
    assert "Ambitienota 2024" in index and "Ambitienota 2024" in round_page
    assert ('href="/beheer/adviesraden"' in index) is administers
    assert ('href="/beheer/adviesrondes/ambitienota-2024"' in round_page) is administers
