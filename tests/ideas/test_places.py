"""Places below the deelgemeente: the city's wijken, an idea about one wijk, and lists filtered by both.

Harelbeke has three deelgemeenten (Harelbeke 8530, Bavikhove 8531, Hulste 8531). Stasegem is part of
Harelbeke, 8530, with no postcode of its own: a wijk of Harelbeke, not a fourth deelgemeente.
"""

import re

import pytest

from participation.core.models import City, District, Neighbourhood
from participation.extensions import db
from participation.ideas.models import Idea

GOOD = {"title": "Schaduw op de speelplaats", "body": "<p>Bomen voor de kinderen.</p>", "theme": "planet"}


def titles(response) -> list[str]:
    return re.findall(r'<h3><a href="/ideeen/\d+">([^<]+)</a></h3>', response.get_data(as_text=True))


@pytest.fixture
def harelbeke(db):
    """The city's places as its data names them (a part of them: what these tests need)."""
    city = City(name="Harelbeke", slug="harelbeke")
    places = {}
    for position, (name, postcode, wijken) in enumerate((
        ("Harelbeke", "8530", ("Stasegem", "het Eiland")), ("Bavikhove", "8531", ()), ("Hulste", "8531", ("Ter Elst",)),
    )):
        district = District(name=name, postcode=postcode, position=position)
        city.districts.append(district)
        places[name] = district
        for index, wijk in enumerate(wijken):
            places[wijk] = Neighbourhood(name=wijk, position=index)
            district.neighbourhoods.append(places[wijk])
    db.session.add(city)
    db.session.commit()
    return places


def test_the_city_data_names_three_deelgemeenten_and_their_wijken(app):
    assert app.test_cli_runner().invoke(args=["demo", "load"]).exit_code == 0
    districts = db.session.scalars(db.select(District).order_by(District.position)).all()
    assert [(d.name, d.postcode) for d in districts] == [
        ("Harelbeke", "8530"), ("Bavikhove", "8531"), ("Hulste", "8531")]
    wijken = {d.name: [n.name for n in d.neighbourhoods] for d in districts}
    assert wijken == {
        "Harelbeke": ["Stasegem", "Collegewijk", "het Eiland", "het Ooste", "Zandberg"],
        "Bavikhove": [],
        "Hulste": ["Ter Elst"],
    }
    shade = db.session.scalar(db.select(Idea).where(Idea.title == "Bomen en schaduw op de speelplaatsen"))
    assert (shade.district.name, shade.neighbourhood.name, shade.place) == ("Harelbeke", "Stasegem",
                                                                            "Stasegem (Harelbeke)")


def test_stasegem_loaded_once_as_a_district_becomes_the_wijk_with_its_ideas(app, make_process, make_idea):
    city = City(name="Harelbeke", slug="harelbeke")
    old = District(name="Stasegem", postcode="8530")
    city.districts.extend([District(name="Harelbeke", postcode="8530"), old])
    db.session.add(city)
    db.session.commit()
    idea = make_idea(make_process(slug="oud"), title="Een bank in Stasegem", district_id=old.id)

    result = app.test_cli_runner().invoke(args=["demo", "load"])

    assert result.exit_code == 0, result.output
    assert "Stasegem is a neighbourhood of Harelbeke now (1 ideas moved)" in result.output
    db.session.expire_all()
    assert db.session.scalar(db.select(District).where(District.name == "Stasegem")) is None
    idea = db.session.get(Idea, idea.id)
    assert (idea.district.name, idea.neighbourhood.name) == ("Harelbeke", "Stasegem")


def test_a_resident_names_a_wijk_and_its_deelgemeente_follows(make_process, client_as, harelbeke):
    make_process("public", slug="hallo")
    resident = client_as("resident")
    form = resident.get("/trajecten/hallo/ideeen/nieuw").get_data(as_text=True)
    assert '<optgroup label="Harelbeke (8530)">' in form and ">Stasegem</option>" in form
    assert '<label for="neighbourhood_id">Wijk</label>' in form

    response = resident.post("/trajecten/hallo/ideeen/nieuw",
                             data={**GOOD, "district_id": "", "neighbourhood_id": str(harelbeke["Stasegem"].id)})

    assert response.status_code == 302
    idea = db.session.scalar(db.select(Idea))
    assert (idea.district_id, idea.neighbourhood_id) == (harelbeke["Harelbeke"].id, harelbeke["Stasegem"].id)
    assert "Stasegem (Harelbeke)" in resident.get(f"/ideeen/{idea.id}").get_data(as_text=True)


def test_a_wijk_of_another_deelgemeente_is_refused_and_nothing_is_saved(make_process, client_as, harelbeke):
    make_process("public", slug="hallo")
    response = client_as("resident").post("/trajecten/hallo/ideeen/nieuw", data={
        **GOOD, "district_id": str(harelbeke["Hulste"].id), "neighbourhood_id": str(harelbeke["Stasegem"].id),
    })
    assert response.status_code == 200
    assert "Stasegem ligt in Harelbeke: kies die deelgemeente, of geen wijk." in response.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(Idea)) == 0


def test_the_desk_enters_the_wijk_and_the_author_can_change_it(make_process, client_as, harelbeke):
    make_process("public", slug="hallo")
    employee = client_as("employee")
    response = employee.post("/trajecten/hallo/ideeen/loket", data={
        **GOOD, "district_id": "", "neighbourhood_id": str(harelbeke["Ter Elst"].id),
        "resident_name": "Maria Vandenbussche", "consent": "y",
    })
    assert response.status_code == 302
    idea = db.session.scalar(db.select(Idea))
    assert (idea.district.name, idea.neighbourhood.name) == ("Hulste", "Ter Elst")

    author = client_as("resident")
    author_idea = db.session.get(Idea, idea.id)
    author_idea.author_id, author_idea.entered_by_id = author.user.id, None
    db.session.commit()
    edit = author.get(f"/ideeen/{idea.id}/bewerken").get_data(as_text=True)
    assert re.search(rf'<option selected value="{harelbeke["Ter Elst"].id}">Ter Elst', edit)
    author.post(f"/ideeen/{idea.id}/bewerken", data={**GOOD, "district_id": "", "neighbourhood_id": ""})
    idea = db.session.get(Idea, idea.id)
    assert (idea.district, idea.neighbourhood) == (None, None), "no wijk and no deelgemeente: the whole city"


def test_lists_filter_by_deelgemeente_and_by_wijk(make_process, client, make_idea, harelbeke):
    process = make_process("public", slug="hallo")
    make_idea(process, title="Bomen in Stasegem", neighbourhood_id=harelbeke["Stasegem"].id)
    make_idea(process, title="Een plein op het Eiland", neighbourhood_id=harelbeke["het Eiland"].id)
    make_idea(process, title="Zitbanken op de Markt", district_id=harelbeke["Harelbeke"].id)
    make_idea(process, title="Speelplein in Hulste", district_id=harelbeke["Hulste"].id)
    make_idea(process, title="Een digitaal loket")

    harelbeke_id, stasegem_id = harelbeke["Harelbeke"].id, harelbeke["Stasegem"].id
    assert sorted(titles(client.get(f"/trajecten/hallo?deelgemeente={harelbeke_id}"))) == [
        "Bomen in Stasegem", "Een plein op het Eiland", "Zitbanken op de Markt",
    ], "a deelgemeente holds the ideas about its wijken"
    assert titles(client.get(f"/trajecten/hallo?wijk={stasegem_id}")) == ["Bomen in Stasegem"]
    assert titles(client.get(f"/trajecten/hallo?deelgemeente={harelbeke_id}&wijk={stasegem_id}")) == [
        "Bomen in Stasegem"]
    assert titles(client.get(f"/trajecten/hallo?deelgemeente={harelbeke['Hulste'].id}&wijk={stasegem_id}")) == []
    page = client.get(f"/trajecten/hallo?wijk={stasegem_id}").get_data(as_text=True)
    assert f'<option value="{stasegem_id}" selected>Stasegem</option>' in page
    assert '<label for="wijk">Wijk</label>' in page and '<label for="deelgemeente">Deelgemeente</label>' in page


def test_the_open_data_carries_the_wijk_and_filters_by_it(make_process, client, make_idea, harelbeke):
    process = make_process("public", slug="hallo")
    make_idea(process, title="Bomen in Stasegem", neighbourhood_id=harelbeke["Stasegem"].id)
    make_idea(process, title="Speelplein in Hulste", district_id=harelbeke["Hulste"].id)

    places = client.get("/api/v1/places").get_json()["data"]
    assert [(p["name"], p["postcode"], [n["name"] for n in p["neighbourhoods"]]) for p in places] == [
        ("Harelbeke", "8530", ["Stasegem", "het Eiland"]), ("Bavikhove", "8531", []), ("Hulste", "8531", ["Ter Elst"]),
    ]
    stasegem = harelbeke["Stasegem"]
    body = client.get(f"/api/v1/processes/hallo/ideas?neighbourhood={stasegem.id}").get_json()
    assert [idea["title"] for idea in body["data"]] == ["Bomen in Stasegem"]
    assert body["data"][0]["neighbourhood"] == {
        "id": stasegem.id, "name": "Stasegem", "district_id": stasegem.district_id}
    assert body["data"][0]["district"]["name"] == "Harelbeke"
    assert f"neighbourhood={stasegem.id}" in body["links"]["self"]
    hulste = client.get(f"/api/v1/processes/hallo/ideas?district={harelbeke['Hulste'].id}").get_json()["data"]
    assert [(idea["title"], idea["neighbourhood"]) for idea in hulste] == [("Speelplein in Hulste", None)]
