"""One ranking: the page, the JSON its script reads after a vote, the frozen result and the export
give the same places, shared places and order."""

import csv
import io
from datetime import timedelta

from participation.database import utcnow
from participation.extensions import db
from participation.processes.models import Phase
from tests.votes.conftest import OPEN


def page_places(client, slug: str) -> list[tuple[str, str, bool]]:
    """(place, title, shared) per row of the ranking page, in its order."""
    html = client.get(f"/trajecten/{slug}/rangschikking").get_data(as_text=True)
    rows = html.split('<tbody>', 1)[1].split('</tbody>', 1)[0].split("<tr")[1:]
    found = []
    for row in rows:
        place = row.split('<span class="rank-number">', 1)[1].split("<", 1)[0]
        title = row.split('class="rank-title">', 1)[1].split("</a>", 1)[0].rsplit(">", 1)[1]
        found.append((place, title, ">gedeeld<" in row))
    return found


def json_places(client, slug: str) -> list[tuple[str, str, bool]]:
    data = client.get(f"/trajecten/{slug}/rangschikking.json").get_json()
    return [(str(item["place"]), item["title"], item["shared"]) for item in data["ideas"]]


def test_after_a_vote_the_json_gives_the_places_a_reload_shows(voting, make_idea, client_as):
    process, _ideas = voting(kind="dots", budget=3, max_per_idea=2, ideas=0)
    make_idea(process, "Zitbanken langs de Leie", votes=2)
    make_idea(process, "Meer bomen", votes=1)
    bikes = make_idea(process, "veilig fietspad")
    make_idea(process, "Speeltuin")
    resident = client_as("resident")
    for _ in range(2):
        answer = resident.post(f"/stemmen/ideeen/{bikes.id}", headers={"Accept": "application/json"})
        assert answer.get_json()["ok"]
    expected = [("1", "veilig fietspad", True), ("1", "Zitbanken langs de Leie", True),
                ("3", "Meer bomen", False), ("4", "Speeltuin", False)]
    assert json_places(resident, process.slug) == expected
    assert page_places(resident, process.slug) == expected


def test_the_json_follows_the_search_and_the_page(voting, make_idea, client, app):
    process, _ideas = voting(ideas=0)
    make_idea(process, "Meer bomen", votes=4)
    make_idea(process, "Veilig fietspad", votes=2)
    make_idea(process, "Fietsenstalling", votes=2)
    data = client.get(f"/trajecten/{process.slug}/rangschikking.json?q=fiets").get_json()
    assert [(item["title"], item["place"], item["shared"]) for item in data["ideas"]] == [
        ("Fietsenstalling", 2, True), ("Veilig fietspad", 2, True),
    ]
    assert data["state"] == "open" and data["page"] == 1


def test_the_frozen_result_keeps_the_live_order_of_ties(voting, make_idea, client):
    process, _ideas = voting(phases=OPEN, ideas=0)
    for title in ("bomen", "Akkers", "Zitbanken", "aardbeien"):
        make_idea(process, title)
    live = page_places(client, process.slug)
    vote = next(phase for phase in process.phases if phase.kind == "vote")
    db.session.execute(db.update(Phase).where(Phase.id == vote.id).values(ends_at=utcnow() - timedelta(seconds=1)))
    db.session.commit()
    assert page_places(client, process.slug) == live
    assert [title for _place, title, _shared in live] == ["aardbeien", "Akkers", "bomen", "Zitbanken"]


def test_the_vote_totals_export_has_the_pages_places(voting, make_idea, client, admin_client):
    process, _ideas = voting(ideas=0)
    for title, votes in (("Meer bomen", 4), ("Zitbanken", 2), ("Fietspad", 2), ("Speeltuin", 0)):
        make_idea(process, title, votes=votes)
    rows = list(csv.DictReader(io.StringIO(admin_client.get(
        f"/beheer/exports/vote_totals.csv?traject={process.slug}").data.decode("utf-8-sig")), delimiter=";"))
    assert [(row["rang"], row["titel"]) for row in rows] == [
        (place, title) for place, title, _shared in page_places(client, process.slug)
    ] == [("1", "Meer bomen"), ("2", "Fietspad"), ("2", "Zitbanken"), ("4", "Speeltuin")]
