"""An idea keeps its body rendered as its page shows it: the same HTML and words as rendering it fresh,
kept again when the body changes, and rendered and stored by its page when a row was written without it."""

import json
from pathlib import Path

from sqlalchemy import insert, select

from participation.extensions import db
from participation.ideas import services
from participation.ideas.models import Idea
from participation.ideas.texts import fill_rendered_bodies
from participation.text import render_rich_text, rich_text_words, summary
from tests.conftest import idea

SEED_IDEAS = Path(__file__).resolve().parents[2] / "participation" / "demo" / "harelbeke" / "ideas.json"
EDITED = {"title": "Een bank op de Grote Markt", "body": "Een **zitbank** in de schaduw\nvan de linde.",
          "theme": "people"}


def stored(idea_id: int):
    return db.session.execute(select(Idea.body_html, Idea.body_words).where(Idea.id == idea_id)).one()


def test_the_seeds_idea_texts_are_kept_as_they_render_fresh(make_process):
    process = make_process("public")
    bodies = [item["body"] for item in json.loads(SEED_IDEAS.read_text(encoding="utf-8"))]
    bodies += ["", "Een lijst:\n\n- een\n- twee\n\n> geciteerd [link](https://example.org)", "<script>x</script>"]
    made = [idea(process, title=f"Idee {n}", body=body) for n, body in enumerate(bodies)]
    db.session.expire_all()
    for found, body in zip(made, bodies, strict=True):
        html, words = stored(found.id)
        assert html == str(render_rich_text(body))
        assert words == rich_text_words(body)


def test_editing_an_idea_keeps_its_new_body_rendered(make_process, client_as, make_idea):
    process = make_process("public", slug="hallo")
    client = client_as("resident")
    own = make_idea(process, status="submitted", author=client.user)
    assert client.post(f"/ideeen/{own.id}/bewerken", data=EDITED).status_code == 302
    html, words = stored(own.id)
    assert html == str(render_rich_text(EDITED["body"])) and "<strong>zitbank</strong>" in html
    assert words == "Een zitbank in de schaduw van de linde."
    page = client.get(f"/ideeen/{own.id}").get_data(as_text=True)
    assert "<strong>zitbank</strong>" in page


def test_a_moderators_correction_keeps_the_corrected_body_rendered(make_process, make_idea, make_user):
    found = make_idea(make_process("public"))
    services.correct_idea(found, make_user("moderator"), found.title, "Een *gecorrigeerde* tekst.", "typfout")
    db.session.commit()
    assert stored(found.id).body_html == str(render_rich_text("Een *gecorrigeerde* tekst."))


def test_an_idea_written_without_its_rendering_gets_it_from_its_page(make_process, client_as):
    process = make_process("public")
    body = "Meer **bomen** op de markt, voor schaduw in de zomer."
    idea_id = db.session.execute(insert(Idea).returning(Idea.id), [{
        "process_id": process.id, "title": "Meer bomen", "body": body, "theme": "planet", "status": "published",
    }]).scalar_one()
    db.session.commit()
    assert stored(idea_id).body_html is None
    page = client_as(None).get(f"/ideeen/{idea_id}").get_data(as_text=True)
    assert "<strong>bomen</strong>" in page and summary(body) in page
    db.session.expire_all()
    assert tuple(stored(idea_id)) == (str(render_rich_text(body)), rich_text_words(body))


def test_filling_renders_every_idea_without_its_rendering(make_process):
    process = make_process("public")
    db.session.execute(insert(Idea), [{"process_id": process.id, "title": f"Idee {n}", "body": f"Tekst *{n}*",
                                       "theme": "planet"} for n in range(5)])
    db.session.commit()
    assert fill_rendered_bodies(batch=2) == 5
    assert fill_rendered_bodies() == 0
    rows = db.session.execute(select(Idea.body, Idea.body_html)).all()
    assert all(html == str(render_rich_text(body)) for body, html in rows)
