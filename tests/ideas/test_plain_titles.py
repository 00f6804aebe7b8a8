"""A title is plain text: stored as typed, escaped once where a page shows it, exported as typed."""

import csv
import importlib.util
import io
from pathlib import Path

from sqlalchemy import select

from participation.extensions import db
from participation.ideas.models import Idea, IdeaEdit

TITLE = "Fiets & wandel: 3 < 5 > 2 \"samen\""
ESCAPED_ONCE = "Fiets &amp; wandel: 3 &lt; 5 &gt; 2 &#34;samen&#34;"


def test_a_title_is_stored_as_typed_and_escaped_only_when_shown(client_as, make_process, admin_client):
    process = make_process("public")
    resident = client_as("resident")
    response = resident.post(f"/trajecten/{process.slug}/ideeen/nieuw", data={
        "title": TITLE, "body": "Een lus langs de Leie voor fietsers en wandelaars.", "theme": "planet",
    })
    assert response.status_code == 302
    idea = db.session.scalar(select(Idea))
    assert idea.title == TITLE
    page = resident.get(f"/ideeen/{idea.id}").get_data(as_text=True)
    assert ESCAPED_ONCE in page
    assert "&amp;amp;" not in page and "&amp;lt;" not in page
    rows = list(csv.DictReader(io.StringIO(admin_client.get("/beheer/exports/ideas.csv").get_data(as_text=True)
                                           .lstrip("\ufeff")), delimiter=";"))
    assert [row["titel"] for row in rows] == [TITLE]


def test_a_moderators_correction_keeps_the_title_as_typed(make_process, make_idea, client_as):
    idea = make_idea(make_process("public"))
    response = client_as("moderator").post(f"/moderatie/ideeen/{idea.id}/corrigeren", data={
        "title": "Bank & boom", "body": idea.body, "reason": "Titel verduidelijkt.",
    })
    assert response.status_code == 302
    db.session.refresh(idea)
    assert idea.title == "Bank & boom"
    assert db.session.scalar(select(IdeaEdit.new_title)) == "Bank & boom"


def load_migration():
    path = Path(__file__).resolve().parents[2] / "migrations" / "versions" / "plain_titles.py"
    spec = importlib.util.spec_from_file_location("plain_titles", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_migration_repairs_titles_stored_escaped(make_process, make_idea):
    escaped = make_idea(make_process("public"), title="x")
    typed = make_idea(escaped.process, title="Plein & park")
    db.session.execute(Idea.__table__.update().where(Idea.id == escaped.id)
                       .values(title="Fiets &amp; wandel: 3 &lt; 5 &gt; 2"))
    db.session.add(IdeaEdit(idea_id=escaped.id, old_title="Oud &amp; nieuw", new_title="x", old_body="", new_body=""))
    db.session.commit()
    changed = load_migration().repair_titles(db.session.connection())
    db.session.commit()
    assert changed == 2
    assert db.session.get(Idea, escaped.id).title == "Fiets & wandel: 3 < 5 > 2"
    assert db.session.get(Idea, typed.id).title == "Plein & park"
    assert db.session.scalar(select(IdeaEdit.old_title)) == "Oud & nieuw"
