"""The Inspiratienota 2040 page and the management team's keeps: the note's text for everyone, the staff
ideas kept for each chapter for those who may see them, and the keep on the idea's road."""

import json
import re
from pathlib import Path

import pytest

from participation.demo.chapters import load_chapters, load_vision_notes
from participation.demo.loader import DATA_DIR
from participation.extensions import db
from participation.ideas.models import ChapterKeep

HARELBEKE = DATA_DIR / "harelbeke"
SEED = Path(__file__).resolve().parent / "data" / "inspiratienota_2040.txt"
CLOSED_ROUND = [("propose", -60, -30), ("vote", -30, -10)]
NOTE_URL = "/nota/inspiratienota-2040"


@pytest.fixture
def note_round(app, make_process):
    """The staff round of the Inspiratienota, closed; the city's chapters and its note loaded."""

    def make(phases=CLOSED_ROUND):
        process = make_process("staff", phases=phases, slug="inspiratienota-2040", title="Inspiratienota 2040")
        load_chapters(HARELBEKE, [])
        load_vision_notes(HARELBEKE, ["inspiratienota_2040.json"], [])
        db.session.commit()
        return process

    return make


def seed_text() -> str:
    """The seed as one line: the PDF's line breaks gone, a word cut at a line's end joined again."""
    text = re.sub(r"-\n(?=\S)", "-", SEED.read_text(encoding="utf-8"))
    return re.sub(r"\s+", " ", text)


def fragments(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in ("about", "chapter", "kind", "number", "slug", "process", "url"):
                yield from fragments(item)
    elif isinstance(value, list):
        for item in value:
            yield from fragments(item)


def test_the_note_data_is_the_seed_word_for_word():
    data = json.loads((HARELBEKE / "inspiratienota_2040.json").read_text(encoding="utf-8"))
    seed = seed_text()
    texts = [text for text in fragments(data) if text != "[…]"]
    assert len(texts) >= 100
    # The title, and the heading VOOR HARELBEKE written as a sentence, are the only texts not found as such.
    missing = [text for text in texts if re.sub(r"\s+", " ", text) not in seed
               and text not in ("Inspiratienota 2040", "Voor Harelbeke")]
    assert missing == []
    assert [c["chapter"] for c in data["chapters"]] == ["people", "prosperity", "planet", "public_services",
                                                        "partnership"]
    titles = [p["title"] for c in data["chapters"] for p in c["parts"] if p["kind"] == "challenge"]
    assert titles == ["A world of divide", "A Glocal World", "A Sustainable Future",
                      "Dalende slagkracht voor steden en gemeenten", "A Digital Future"]


def test_anyone_reads_the_note_chapter_by_chapter(note_round, client):
    note_round()
    body = client.get(NOTE_URL).get_data(as_text=True)
    for name in ("People", "Prosperity", "Planet", "Public Services", "Partnerships"):
        assert f">{name}</h2>" in body
    assert "Maatschappelijke uitdaging: A world of divide" in body
    assert "Hoe blijven we als lokaal bestuur een aantrekkelijke werkgever in een periode van war on talent?" in body
    assert "Voor Harelbeke</h3>" in body
    assert "WE EVOLUEREN NAAR EEN FLEXIBELE, OPEN, EXTERN GERICHTE, EN INNOVATIEVE ORGANISATIE" in body
    assert "Welke stad willen we morgen zijn?" in body
    assert "Ideeën die het managementteam bewaarde" not in body


def test_the_process_page_links_to_the_note(note_round, employee_client):
    note_round()
    body = employee_client.get("/trajecten/inspiratienota-2040").get_data(as_text=True)
    assert f'href="{NOTE_URL}"' in body


def keep(moderator_client, idea, chapter="public_services", note="Het managementteam neemt dit op in het "
         "hoofdstuk over dienstverlening."):
    return moderator_client.post(f"/moderatie/ideeen/{idea.id}/hoofdstuk", data={"chapter": chapter, "note": note})


def test_moderator_keeps_an_idea_for_a_chapter_after_the_round(note_round, make_idea, moderator_client,
                                                               client_as):
    process = note_round()
    idea = make_idea(process, title="Eén digitaal loket", theme="public_services")
    response = keep(moderator_client, idea)
    assert response.status_code == 302
    kept = db.session.get(ChapterKeep, idea.id)
    assert kept.chapter.key == "public_services" and kept.note.startswith("Het managementteam")

    staff_page = client_as("employee").get(NOTE_URL).get_data(as_text=True)
    services = staff_page[staff_page.index('id="chapter-public_services"'):staff_page.index('id="chapter-partnership"')]
    assert "Eén digitaal loket" in services and "hoofdstuk over dienstverlening" in services
    people = staff_page[staff_page.index('id="chapter-people"'):staff_page.index('id="chapter-prosperity"')]
    assert "Eén digitaal loket" not in people

    for outsider in (client_as(None), client_as("resident"), client_as("council_member")):
        page = outsider.get(NOTE_URL).get_data(as_text=True)
        assert "Eén digitaal loket" not in page and "hoofdstuk over dienstverlening" not in page

    road = client_as("employee").get(f"/ideeen/{idea.id}").get_data(as_text=True)
    assert "Bewaard voor het hoofdstuk Public Services" in road
    assert "het managementteam" in road and "hoofdstuk over dienstverlening" in road
    assert f'href="{NOTE_URL}#chapter-public_services"' in road


def test_keeping_again_moves_the_idea_and_withdrawing_removes_it(note_round, make_idea, moderator_client):
    idea = make_idea(note_round())
    keep(moderator_client, idea)
    keep(moderator_client, idea, chapter="planet", note="Toch bij Planet.")
    assert db.session.get(ChapterKeep, idea.id).chapter.key == "planet"
    assert moderator_client.post(f"/moderatie/ideeen/{idea.id}/hoofdstuk/intrekken").status_code == 302
    assert db.session.get(ChapterKeep, idea.id) is None


def test_no_keep_while_the_round_runs(note_round, make_idea, moderator_client):
    idea = make_idea(note_round(phases=[("propose", -5, 5), ("vote", 5, 15)]))
    screen = moderator_client.get(f"/moderatie/ideeen/{idea.id}").get_data(as_text=True)
    assert "/hoofdstuk\"" not in screen and "zodra de ronde afgesloten is" in screen
    response = keep(moderator_client, idea)
    assert response.status_code == 200
    assert db.session.get(ChapterKeep, idea.id) is None
    assert db.session.get(ChapterKeep, idea.id) is None


def test_a_keep_needs_a_note_and_a_published_idea(note_round, make_idea, moderator_client):
    process = note_round()
    idea = make_idea(process)
    assert keep(moderator_client, idea, note="  ").status_code == 200
    assert keep(moderator_client, idea, note="\u200b\u200b").status_code == 200
    hidden = make_idea(process, title="Verborgen idee", status="hidden")
    assert keep(moderator_client, hidden).status_code == 200
    assert db.session.scalar(db.select(db.func.count()).select_from(ChapterKeep)) == 0


def test_no_keep_for_an_idea_of_a_process_without_note(make_process, make_idea, moderator_client):
    load_chapters(HARELBEKE, [])
    db.session.commit()
    idea = make_idea(make_process("public", phases=CLOSED_ROUND))
    assert keep(moderator_client, idea).status_code == 200
    assert db.session.get(ChapterKeep, idea.id) is None


def test_the_note_page_reads_kept_ideas_in_a_fixed_number_of_queries(note_round, make_idea, moderator_client,
                                                                     client_as, count_queries):
    process = note_round()
    employee = client_as("employee")
    keep(moderator_client, make_idea(process, title="Eerste idee"))
    with count_queries() as few:
        employee.get(NOTE_URL)
    for n in range(4):
        keep(moderator_client, make_idea(process, title=f"Idee {n}"), chapter="planet")
    with count_queries() as many:
        body = employee.get(NOTE_URL).get_data(as_text=True)
    assert "Idee 3" in body
    assert many.count == few.count
