"""Place on the map: an idea may name a spot (a point inside the city's box, and/or an address in
words), a process page shows a map of its ideas (the list stays for who has no JavaScript or no tiles),
and the open data gives the points as GeoJSON."""

import re

import pytest

from participation.core.models import City
from participation.extensions import db
from participation.ideas.images import IdeaImage
from participation.ideas.models import Idea
from participation.ideas.services import IdeaError, point_of

FORM = {"title": "Een zebrapad aan de school", "body": "Veilig oversteken.", "theme": "people", "district_id": ""}


@pytest.fixture
def city(db):
    city = City(name="Harelbeke", slug="harelbeke", map_south=50.815, map_west=3.245, map_north=50.9, map_east=3.37)
    db.session.add(city)
    db.session.commit()
    return city


def test_a_resident_names_a_spot_in_the_city_with_a_belgian_comma(city, make_process, client_as):
    make_process(slug="hallo")
    data = {**FORM, "latitude": "50,8566", "longitude": "3,3094", "address": "Markt, aan de kerk"}
    assert client_as("resident").post("/trajecten/hallo/ideeen/nieuw", data=data).status_code == 302
    idea = db.session.scalar(db.select(Idea))
    assert (idea.latitude, idea.longitude, idea.address) == (50.8566, 3.3094, "Markt, aan de kerk")


def test_a_spot_outside_the_city_is_refused_in_dutch_and_the_words_stay(city, make_process, client_as):
    make_process(slug="hallo")
    data = {**FORM, "latitude": "51.2194", "longitude": "4.4025"}  # Antwerpen
    response = client_as("resident").post("/trajecten/hallo/ideeen/nieuw", data=data)
    body = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Deze plek ligt buiten Harelbeke" in body and "Een zebrapad aan de school" in body
    assert db.session.scalar(db.select(db.func.count()).select_from(Idea)) == 0


def test_half_a_point_or_words_for_numbers_are_refused(city, make_process, client_as):
    make_process(slug="hallo")
    client = client_as("resident")
    half = client.post("/trajecten/hallo/ideeen/nieuw", data={**FORM, "latitude": "50.85"})
    assert "Geef zowel de breedtegraad als de lengtegraad" in half.get_data(as_text=True)
    words = client.post("/trajecten/hallo/ideeen/nieuw", data={**FORM, "latitude": "markt", "longitude": "3.3"})
    assert "Schrijf een getal" in words.get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(Idea)) == 0
    with pytest.raises(IdeaError):
        point_of(50.85, None)


def test_the_desk_takes_an_address_in_words(city, make_process, client_as):
    make_process(slug="hallo")
    data = {**FORM, "resident_name": "Meneer Declercq", "consent": "y",
            "address": "Aan de bushalte in de Kortrijksestraat, tegenover de bakker"}
    assert client_as("employee").post("/trajecten/hallo/ideeen/loket", data=data).status_code == 302
    idea = db.session.scalar(db.select(Idea))
    assert idea.address == "Aan de bushalte in de Kortrijksestraat, tegenover de bakker" and idea.latitude is None
    page = client_as("moderator").get(f"/ideeen/{idea.id}").get_data(as_text=True)
    assert "Aan de bushalte in de Kortrijksestraat, tegenover de bakker" in page


def make_point_idea(make_idea, process, title, point, status="published"):
    idea = make_idea(process, title=title, status=status)
    idea.latitude, idea.longitude = point
    db.session.commit()
    return idea


def test_the_geojson_has_the_published_ideas_with_a_spot_of_a_public_process(city, make_process, make_idea,
                                                                              client):
    process = make_process(slug="hallo")
    shown = make_point_idea(make_idea, process, "Een bank op de Markt", (50.8566, 3.3094))
    make_point_idea(make_idea, process, "Nog niet gelezen", (50.85, 3.3), status="submitted")
    make_idea(process, title="Overal in de stad")
    staff = make_process("staff", slug="personeel")
    make_point_idea(make_idea, staff, "Van het personeel", (50.85, 3.3))
    response = client.get("/api/v1/processes/hallo/ideas.geojson")
    assert response.status_code == 200 and response.mimetype == "application/geo+json"
    data = response.get_json()
    assert data["type"] == "FeatureCollection"
    [feature] = data["features"]
    assert feature["id"] == shown.id
    assert feature["geometry"] == {"type": "Point", "coordinates": [3.3094, 50.8566]}
    assert feature["properties"]["title"] == "Een bank op de Markt"
    assert feature["properties"]["url"].endswith(f"/ideeen/{shown.id}")
    assert client.get("/api/v1/processes/personeel/ideas.geojson").status_code == 404


def test_the_process_page_offers_the_map_and_keeps_the_list(app, city, make_process, make_idea, client):
    process = make_process(slug="hallo")
    page = client.get("/trajecten/hallo").get_data(as_text=True)
    assert "data-ideas-map" not in page  # no idea has a spot: no empty map
    make_point_idea(make_idea, process, "Een bank op de Markt", (50.8566, 3.3094))
    response = client.get("/trajecten/hallo")
    page = response.get_data(as_text=True)
    assert 'data-ideas-map="/api/v1/processes/hallo/ideas.geojson"' in page
    assert re.search(r'<section class="idea-map-section"[^>]*\shidden', page)  # shown by map.js, never without
    assert '<h3><a href="/ideeen/' in page and "Een bank op de Markt" in page  # the list is there regardless
    assert "/static/vendor/leaflet/leaflet.js" in page and "/static/js/map.js" in page
    assert 'data-tiles="https://tile.openstreetmap.org/{z}/{x}/{y}.png"' in page
    assert 'data-bounds="50.815,3.245,50.9,3.37"' in page
    csp = response.headers["Content-Security-Policy"]
    assert "img-src 'self' data: https://tile.openstreetmap.org;" in csp and "unsafe-inline" not in csp


def test_the_map_files_are_served_from_static(client):
    for path in ("/static/vendor/leaflet/leaflet.js", "/static/vendor/leaflet/leaflet.css",
                 "/static/vendor/leaflet.markercluster/leaflet.markercluster.js", "/static/js/map.js"):
        assert client.get(path).status_code == 200, f"{path}: make setup copies Leaflet from npm"


def test_the_tile_server_is_a_setting_and_the_csp_follows_it(app):
    from participation import create_app

    other = create_app("testing", SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"],
                       MAP_TILE_URL="https://{s}.tiles.stad.be/{z}/{x}/{y}.png")
    response = other.test_client().get("/")
    assert "img-src 'self' data: https://*.tiles.stad.be;" in response.headers["Content-Security-Policy"]
    none = create_app("testing", SQLALCHEMY_DATABASE_URI=app.config["SQLALCHEMY_DATABASE_URI"], MAP_TILE_URL="")
    assert "img-src 'self' data:;" in none.test_client().get("/").headers["Content-Security-Policy"]


def test_the_demo_puts_hallo_harelbeke_ideas_on_the_map_with_photos_made_on_loading(app, client):
    runner = app.test_cli_runner()
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    placed = db.session.scalars(db.select(Idea).where(Idea.latitude.is_not(None))).all()
    assert len(placed) >= 5
    city = db.session.scalar(db.select(City))
    south, west, north, east = city.map_bounds
    assert all(south <= i.latitude <= north and west <= i.longitude <= east for i in placed)
    photos = db.session.scalar(db.select(db.func.count()).select_from(IdeaImage))
    assert photos >= 3
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    assert db.session.scalar(db.select(db.func.count()).select_from(IdeaImage)) == photos
    features = client.get("/api/v1/processes/hallo-harelbeke/ideas.geojson").get_json()["features"]
    assert len(features) >= 4
    bench = db.session.scalar(db.select(Idea).where(Idea.title == "Meer zitbanken op de Markt"))
    image = bench.images[0]
    assert client.get(f"/ideeen/{bench.id}/fotos/{image.id}-small.jpg").status_code == 200


def test_the_open_data_of_an_idea_gives_its_point(city, make_process, make_idea, client):
    process = make_process(slug="hallo")
    placed = make_point_idea(make_idea, process, "Een bank op de Markt", (50.8566, 3.3094))
    anywhere = make_idea(process, title="Overal")
    assert client.get(f"/api/v1/ideas/{placed.id}").get_json()["point"] == {"latitude": 50.8566, "longitude": 3.3094}
    assert client.get(f"/api/v1/ideas/{anywhere.id}").get_json()["point"] is None


def test_an_address_is_kept_as_typed_and_escaped_where_shown(city, make_process, client_as):
    make_process(slug="hallo")
    data = {**FORM, "resident_name": "Mevrouw Claes", "consent": "y", "address": "Markt & <Kerkplein>"}
    client = client_as("employee")
    assert client.post("/trajecten/hallo/ideeen/loket", data=data).status_code == 302
    idea = db.session.scalar(db.select(Idea))
    assert idea.address == "Markt & <Kerkplein>"
    assert "Markt &amp; &lt;Kerkplein&gt;" in client.get(f"/ideeen/{idea.id}").get_data(as_text=True)
