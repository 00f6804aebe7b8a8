"""The ideas of a process: filters, Dutch search, orders, pages, and a constant number of queries."""

import re

from sqlalchemy import insert

from participation.database import utcnow
from participation.extensions import db
from participation.ideas.counters import recount
from participation.ideas.models import Idea, IdeaTerm
from participation.ideas.words import idea_stems


def titles(response) -> list[str]:
    return re.findall(r'<h3><a href="/ideeen/\d+">([^<]+)</a></h3>', response.get_data(as_text=True))


def bulk_ideas(process, count: int, start: int = 0) -> None:
    """Many published ideas at once, with their search words, as the services would write them."""
    now = utcnow()
    rows = [
        {"process_id": process.id, "title": f"Idee nummer {n}", "body": f"<p>Fietsen en bomen in straat {n}</p>",
         "theme": ("people", "planet", "prosperity")[n % 3], "status": "published", "vote_count": n % 97,
         "created_at": now, "updated_at": now}
        for n in range(start, start + count)
    ]
    db.session.execute(insert(Idea), rows)
    ids = db.session.scalars(db.select(Idea.id).where(Idea.process_id == process.id)).all()
    terms = sorted(idea_stems("Idee nummer", "<p>Fietsen en bomen in straat</p>"))
    db.session.execute(insert(IdeaTerm), [{"idea_id": i, "term": t} for i in ids for t in terms])
    recount(process.id)
    db.session.commit()


def test_the_list_of_ten_thousand_ideas_needs_as_many_queries_as_a_short_one(make_process, client, count_queries):
    small, large = make_process("public", slug="klein"), make_process("public", slug="groot")
    bulk_ideas(small, 3)
    bulk_ideas(large, 10_000)
    for sort in ("new", "votes", "random"):
        with count_queries() as few:
            response = client.get(f"/trajecten/klein?sorteer={sort}")
        assert response.status_code == 200
        with count_queries() as many:
            response = client.get(f"/trajecten/groot?sorteer={sort}&q=fietsen&page=3")
        assert response.status_code == 200
        assert len(titles(response)) == 20
        # Without the page cache (as in the tests) the cards' ideas are read after the page's rows; with it,
        # the rows alone (tests/processes/test_kept_cards.py).
        assert many.count == few.count <= 15, many.statements
    body = response.get_data(as_text=True)
    assert "10.000 ideeën" in body and 'rel="next"' in body


def test_filter_by_theme_district_and_status(make_process, client, make_idea):
    from participation.core.models import City, District

    city = City(name="Harelbeke", slug="harelbeke")
    hulste = District(name="Hulste", postcode="8531")
    city.districts.append(hulste)
    db.session.add(city)
    db.session.commit()
    process = make_process("public", slug="hallo")
    make_idea(process, title="Speelplein in Hulste", theme="people", district_id=hulste.id)
    make_idea(process, title="Fietsstraat", theme="planet", status="selected")
    make_idea(process, title="Nog niet gelezen", theme="planet", status="submitted")
    assert titles(client.get("/trajecten/hallo?thema=people")) == ["Speelplein in Hulste"]
    assert titles(client.get(f"/trajecten/hallo?deelgemeente={hulste.id}")) == ["Speelplein in Hulste"]
    assert titles(client.get("/trajecten/hallo?status=selected")) == ["Fietsstraat"]
    assert titles(client.get("/trajecten/hallo?status=submitted")) == ["Fietsstraat", "Speelplein in Hulste"]
    assert "Geen ideeën gevonden" in client.get("/trajecten/hallo?thema=peace").get_data(as_text=True)


def test_dutch_search_finds_other_forms_of_the_words(make_process, client, make_idea):
    process = make_process("public", slug="hallo")
    make_idea(process, title="Een fietsstraat naar school", body="<p>Veilig voor fietsers.</p>")
    make_idea(process, title="Meer zitbanken op de Markt", body="<p>Om even uit te rusten.</p>")
    make_idea(process, title="Bomen op de speelplaats", body="<p>Schaduw voor de kinderen.</p>")
    assert titles(client.get("/trajecten/hallo?q=fietsen")) == ["Een fietsstraat naar school"]
    assert titles(client.get("/trajecten/hallo?q=zitbank")) == ["Meer zitbanken op de Markt"]
    assert titles(client.get("/trajecten/hallo?q=boom+kinderen")) == ["Bomen op de speelplaats"]
    assert titles(client.get("/trajecten/hallo?q=Speelpláats")) == ["Bomen op de speelplaats"]
    assert titles(client.get("/trajecten/hallo?q=zwembad")) == []


def test_most_votes_and_a_random_order_that_stays_the_same_for_a_visitor(make_process, client, app):
    process = make_process("public", slug="hallo")
    bulk_ideas(process, 40)
    by_votes = titles(client.get("/trajecten/hallo?sorteer=votes"))
    assert by_votes[0] == "Idee nummer 39"
    first = titles(client.get("/trajecten/hallo?sorteer=random"))
    assert titles(client.get("/trajecten/hallo?sorteer=random")) == first
    second_page = titles(client.get("/trajecten/hallo?sorteer=random&page=2"))
    assert not set(first) & set(second_page) and len(first + second_page) == 40
    others = [titles(app.test_client().get("/trajecten/hallo?sorteer=random")) for _ in range(3)]
    assert any(order != first for order in others)


def test_my_ideas_and_the_ideas_i_follow(make_process, client_as, make_idea):
    process = make_process("public", slug="hallo")
    client = client_as("resident")
    make_idea(process, title="Mijn eigen idee", status="submitted", author=client.user)
    followed = make_idea(process, title="Een idee van iemand anders")
    client.post(f"/ideeen/{followed.id}/volgen")
    assert titles(client.get("/account/ideeen")) == ["Mijn eigen idee"]
    assert titles(client.get("/account/gevolgde-ideeen")) == ["Een idee van iemand anders"]
    empty = client_as("resident")
    assert "Je hebt nog geen ideeën ingediend." in empty.get("/account/ideeen").get_data(as_text=True)
    assert "Je volgt nog geen ideeën." in empty.get("/account/gevolgde-ideeen").get_data(as_text=True)


def test_the_process_page_shows_phases_and_the_submit_button(make_process, client_as, client):
    make_process("public", slug="hallo", phases=[("propose", -1, 10), ("vote", 10, 20)])
    page = client_as("resident").get("/trajecten/hallo").get_data(as_text=True)
    assert "Ideeënfase" in page and "Stemfase" in page and "Dien een idee in" in page
    anonymous = client.get("/trajecten/hallo").get_data(as_text=True)
    assert "Dien een idee in" not in anonymous and "om een idee in te dienen" in anonymous
    assert "Er zijn nog geen gepubliceerde ideeën." in anonymous
