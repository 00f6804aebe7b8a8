"""The councils' ballots, ranking, pairwise table and ambition points as exports and as open data."""

import csv
import io
import json

import openpyxl
import pytest

from participation.advisory.models import (
    AmbitionPoint,
    AmbitionPointTarget,
    CouncilBallot,
    CouncilBallotRank,
    Endorsement,
    MemberBallot,
    MemberBallotRank,
    Recommendation,
    SubTheme,
)
from participation.extensions import db
from tests.advisory.conftest import proposal_ids


def read_csv(data: bytes) -> list[dict]:
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def read_xlsx(data: bytes) -> list[dict]:
    sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True).active
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


@pytest.fixture
def councils(make_council):
    return {
        "jeugd": make_council("Jeugdraad"),
        "cultuur": make_council("Cultuurraad"),
        "milieu": make_council("Milieuraad"),
    }


def cast(round_, council, ranks: dict[int, int]) -> None:
    ballot = CouncilBallot(round_id=round_.id, council_id=council.id)
    ballot.ranks.extend(CouncilBallotRank(proposal_id=pid, rank=rank) for pid, rank in ranks.items())
    db.session.add(ballot)


@pytest.fixture
def voted(councils, make_round, seat):
    """A published round: three proposals, three council ballots (Milieuraad leaves one unranked), a note."""
    jeugd, cultuur, milieu = councils["jeugd"], councils["cultuur"], councils["milieu"]
    round_ = make_round(
        "published", slug="advies-2026", title="Gezamenlijk advies 2026",
        proposals={jeugd: ["Speelpleinen"], cultuur: ["Open ateliers"], milieu: ["Trage wegen"]},
    )
    ids = proposal_ids(round_)
    speel, atelier, wegen = ids["Speelpleinen"], ids["Open ateliers"], ids["Trage wegen"]
    cast(round_, jeugd, {speel: 1, atelier: 2, wegen: 3})
    cast(round_, cultuur, {atelier: 1, speel: 2, wegen: 3})
    cast(round_, milieu, {speel: 1, wegen: 2})
    point = AmbitionPoint(round_id=round_.id, number=1, title="Ruimte voor jong en oud", vision="Iedereen speelt.")
    point.sub_themes.append(SubTheme(position=0, title=None, recommendations=[
        Recommendation(position=0, text="Een speelplein per wijk"),
        Recommendation(position=1, text="=Geen formule"),
    ]))
    point.sub_themes.append(SubTheme(position=1, title="Verbinding", recommendations=[
        Recommendation(position=0, text="Trage wegen tussen de wijken"),
    ]))
    point.targets.extend([AmbitionPointTarget(target_code="11.7"), AmbitionPointTarget(target_code="3.4")])
    db.session.add_all([
        point,
        AmbitionPoint(round_id=round_.id, number=2, title="Cultuur dichtbij", vision=""),
        Endorsement(round_id=round_.id, council_id=jeugd.id, endorses=True),
        Endorsement(round_id=round_.id, council_id=cultuur.id, endorses=False, reservation="Te weinig cultuur."),
        Endorsement(round_id=round_.id, council_id=milieu.id, endorses=True),
    ])
    db.session.commit()
    secretary = seat(jeugd, email="secretaris@example.org", name="Secretaris Sofie")
    return {"round": round_, "ids": ids, "secretary": secretary}


@pytest.fixture
def members_round(councils, make_round, make_user):
    """A round where the members of the Jeugdraad rank; the council's ballot is their aggregate."""
    jeugd = councils["jeugd"]
    round_ = make_round("ranking", slug="ledenronde", ballot_mode="members",
                        proposals={jeugd: ["Skatepark", "Fuifzaal"]})
    ids = proposal_ids(round_)
    people = []
    for n, order in enumerate(((ids["Skatepark"], ids["Fuifzaal"]),) * 2 + ((ids["Fuifzaal"], ids["Skatepark"]),)):
        person = make_user("council_member", email=f"lid{n}@example.org", name=f"Lid Nummer{n}")
        people.append(person)
        ballot = MemberBallot(round_id=round_.id, council_id=jeugd.id, user_id=person.id)
        ballot.ranks.extend(MemberBallotRank(proposal_id=pid, rank=rank) for rank, pid in enumerate(order, 1))
        db.session.add(ballot)
    db.session.commit()
    return {"round": round_, "ids": ids, "people": people}


SECRETARY_NL = "De secretaris vult het stembiljet van de adviesraad in"  # who ranked, as the round's settings say
MEMBERS_NL = "De leden rangschikken; het stembiljet van de adviesraad is het samengetelde resultaat"


def test_council_ballots_csv_holds_each_councils_ranking(admin_client, voted):
    response = admin_client.get("/beheer/exports/council_ballots.csv")
    assert response.status_code == 200
    assert 'filename="council-ballots-' in response.headers["Content-Disposition"]
    rows = read_csv(response.data)
    assert list(rows[0]) == ["ronde", "adviesraad", "stembiljet", "voorstel_id", "voorstel", "voorstel_van", "rang",
                             "sessie_id", "sessie"]
    assert {(r["sessie_id"], r["sessie"]) for r in rows} == {("", "")}, "every ballot was submitted online"
    assert [(r["adviesraad"], r["voorstel"], r["rang"]) for r in rows] == [
        ("Jeugdraad", "Speelpleinen", "1"), ("Jeugdraad", "Open ateliers", "2"), ("Jeugdraad", "Trage wegen", "3"),
        ("Cultuurraad", "Open ateliers", "1"), ("Cultuurraad", "Speelpleinen", "2"),
        ("Cultuurraad", "Trage wegen", "3"),
        ("Milieuraad", "Speelpleinen", "1"), ("Milieuraad", "Trage wegen", "2"),
    ]
    assert {r["ronde"] for r in rows} == {"advies-2026"}
    assert rows[0]["stembiljet"] == SECRETARY_NL and rows[0]["voorstel_van"] == "Jeugdraad"
    assert "Secretaris Sofie" not in response.get_data(as_text=True)


def test_member_ballots_are_exported_only_as_the_councils_aggregate(admin_client, members_round):
    response = admin_client.get("/beheer/exports/council_ballots.json")
    rows = json.loads(response.data)
    assert [(r["adviesraad"], r["stembiljet"], r["voorstel"], r["rang"]) for r in rows] == [
        ("Jeugdraad", MEMBERS_NL, "Skatepark", 1), ("Jeugdraad", MEMBERS_NL, "Fuifzaal", 2),
    ]
    text = response.get_data(as_text=True)
    for person in members_round["people"]:
        assert person.display_name not in text and person.email not in text


def test_council_ranking_explains_each_place_with_the_schulze_strengths(admin_client, voted):
    ids = voted["ids"]
    rows = read_xlsx(admin_client.get("/beheer/exports/council_ranking.xlsx").data)
    assert [(r["plaats"], r["niveau"], r["voorstel"], r["adviesraad"]) for r in rows] == [
        (1, 1, "Speelpleinen", "Jeugdraad"),
        (2, 2, "Open ateliers", "Cultuurraad"),
        (3, 3, "Trage wegen", "Milieuraad"),
    ]
    first, second, third = rows
    assert first["methode"] == "Schulze-methode" and first["stembiljetten"] == 3
    assert first["verslagen_door"] is None and first["score"] is None
    assert (second["verslagen_door"], second["sterkte_winnaar"], second["sterkte_terug"]) == (ids["Speelpleinen"], 2, 0)
    assert (third["verslagen_door"], third["sterkte_winnaar"], third["sterkte_terug"]) == (ids["Open ateliers"], 2, 0)
    assert first["gedeelde_plaats"] == "nee"


def test_council_ranking_by_borda_gives_scores_and_shared_places(admin_client, councils, make_round):
    jeugd, cultuur = councils["jeugd"], councils["cultuur"]
    round_ = make_round("bundling", slug="borda-ronde", method="borda", proposals={jeugd: ["A"], cultuur: ["B"]})
    ids = proposal_ids(round_)
    cast(round_, jeugd, {ids["A"]: 1, ids["B"]: 2})
    cast(round_, cultuur, {ids["B"]: 1, ids["A"]: 2})
    db.session.commit()
    rows = json.loads(admin_client.get("/beheer/exports/council_ranking.json").data)
    assert [(r["plaats"], r["gedeelde_plaats"], r["score"], r["methode"]) for r in rows] == [
        (1, True, 1.0, "Borda-telling"), (1, True, 1.0, "Borda-telling"),
    ]


def test_pairwise_table_in_long_form(admin_client, voted):
    ids = voted["ids"]
    rows = read_csv(admin_client.get("/beheer/exports/council_pairwise.csv").data)
    assert len(rows) == 6  # every ordered pair of three proposals
    table = {(int(r["voorstel_a_id"]), int(r["voorstel_b_id"])): int(r["voorkeur_a_boven_b"]) for r in rows}
    speel, atelier, wegen = ids["Speelpleinen"], ids["Open ateliers"], ids["Trage wegen"]
    assert table[speel, atelier] == 2 and table[atelier, speel] == 1
    assert table[speel, wegen] == 3 and table[wegen, speel] == 0
    assert table[atelier, wegen] == 2 and table[wegen, atelier] == 1  # Milieuraad left Open ateliers unranked
    assert all(r["stembiljetten"] == "3" for r in rows)
    one = next(r for r in rows if int(r["voorstel_a_id"]) == speel and int(r["voorstel_b_id"]) == atelier)
    assert (one["voorstel_a"], one["voorstel_b"], one["voorkeur_b_boven_a"]) == ("Speelpleinen", "Open ateliers", "1")


def test_ambition_points_one_row_per_recommendation(admin_client, voted):
    rows = read_csv(admin_client.get("/beheer/exports/ambition_points.csv").data)
    assert list(rows[0]) == ["ronde", "punt", "titel", "visie", "subthema", "aanbeveling", "sdg_doelen", "gepubliceerd"]
    assert [(r["punt"], r["subthema"], r["aanbeveling"]) for r in rows] == [
        ("1", "", "Een speelplein per wijk"), ("1", "", "'=Geen formule"),
        ("1", "Verbinding", "Trage wegen tussen de wijken"), ("2", "", ""),
    ]
    assert rows[0]["sdg_doelen"] == "3.4,11.7" and rows[0]["gepubliceerd"] == "ja"
    sheet = read_xlsx(admin_client.get("/beheer/exports/ambition_points.xlsx").data)
    assert sheet[1]["aanbeveling"] == "=Geen formule"  # stored as text in XLSX, never run


def test_the_exports_page_offers_the_council_kinds(admin_client, voted):
    page = admin_client.get("/beheer/exports").get_data(as_text=True)
    for kind in ("council_ballots", "council_ranking", "council_pairwise", "ambition_points"):
        assert f"/beheer/exports/{kind}.xlsx" in page
    for title in ("Stembiljetten van de adviesraden", "Gezamenlijke rangschikking van de adviesraden",
                  "Paarsgewijze tabel van de rangschikking", "Ambitiepunten"):
        assert title in page


def test_the_command_ignores_the_process_option_for_rounds(app, voted, make_process, tmp_path):
    make_process(slug="hallo-harelbeke")
    target = tmp_path / "punten.json"
    result = app.test_cli_runner().invoke(
        args=["export", "ambition_points", "--format", "json", "--process", "hallo-harelbeke", "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    assert len(json.loads(target.read_text())) == 4


def test_council_exports_are_for_administrators_only(client_as, voted):
    for role in (None, "council_member", "moderator"):
        response = client_as(role).get("/beheer/exports/council_ballots.csv")
        assert response.status_code in (302, 403)


# Open data ---------------------------------------------------------------------------------------


def test_api_lists_the_points_of_published_rounds_only(client, voted, make_round, councils):
    draft = make_round("bundling", slug="concept")
    db.session.add(AmbitionPoint(round_id=draft.id, number=1, title="Nog een concept"))
    db.session.commit()

    body = client.get("/api/v1/ambition-points?per_page=1").get_json()

    assert body["meta"] == {"page": 1, "per_page": 1, "total": 2, "pages": 2}
    point = body["data"][0]
    assert point["number"] == 1 and point["title"] == "Ruimte voor jong en oud"
    assert point["sub_themes"] == [
        {"title": None, "recommendations": ["Een speelplein per wijk", "=Geen formule"]},
        {"title": "Verbinding", "recommendations": ["Trage wegen tussen de wijken"]},
    ]
    assert point["sdg_targets"] == ["3.4", "11.7"]
    assert point["endorsed_by"] == ["Jeugdraad", "Milieuraad"]
    assert point["round"]["slug"] == "advies-2026"
    assert point["round"]["links"]["ranking"].endswith(f"/api/v1/councils/rounds/{voted['round'].id}/ranking")
    second = client.get(body["links"]["next"]).get_json()["data"][0]
    assert second["title"] == "Cultuur dichtbij"


def test_api_point_list_does_not_query_per_point(client, voted, make_round, count_queries):
    with count_queries() as few:
        client.get("/api/v1/ambition-points?per_page=1")
    with count_queries() as many:
        client.get("/api/v1/ambition-points?per_page=20")
    assert many.count == few.count


def test_api_ranking_gives_the_tiers_and_the_pairwise_table(client, voted):
    ids = voted["ids"]
    body = client.get(f"/api/v1/councils/rounds/{voted['round'].id}/ranking").get_json()
    assert body["method"] == "schulze" and body["ballots"] == 3
    assert [(t["place"], [p["title"] for p in t["proposals"]]) for t in body["tiers"]] == [
        (1, ["Speelpleinen"]), (2, ["Open ateliers"]), (3, ["Trage wegen"]),
    ]
    assert body["tiers"][0]["proposals"][0]["council"] == "Jeugdraad"
    pairs = {(p["a"], p["b"]): (p["prefer_a"], p["prefer_b"]) for p in body["pairwise"]}
    assert pairs[ids["Open ateliers"], ids["Trage wegen"]] == (2, 1)
    assert len(pairs) == 6


def test_api_ranking_of_a_round_not_yet_published_is_not_found(client, members_round):
    response = client.get(f"/api/v1/councils/rounds/{members_round['round'].id}/ranking")
    assert response.status_code == 404
    assert response.get_json() == {"error": {"status": 404, "message": "Not Found"}}
    assert client.get("/api/v1/councils/rounds/999999/ranking").status_code == 404
