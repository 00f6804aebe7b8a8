"""The city's chapters are its data: Harelbeke's five, or the UN's five Ps for a city that gives none."""

import json

import pytest

from participation.core.chapters import ChaptersError, chapter_of_goal, chapters, read_chapters
from participation.demo.chapters import load_chapters
from participation.extensions import db
from participation.ideas.models import Idea


def load_demo(app):
    result = app.test_cli_runner().invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output


def test_without_city_data_the_chapters_are_the_un_five_ps(app):
    with app.test_request_context():
        assert [c.label for c in chapters()] == ["People", "Planet", "Prosperity", "Peace", "Partnership"]
        assert chapter_of_goal(16).key == "peace"
        assert chapter_of_goal(10).key == "prosperity"


def test_harelbeke_groups_its_goals_as_its_plan_report(app):
    load_demo(app)
    with app.test_request_context():
        assert [c.label for c in chapters()] == ["People", "Prosperity", "Planet", "Public Services", "Partnerships"]
        assert {n: chapter_of_goal(n).label for n in (1, 2, 3, 4, 10)} == dict.fromkeys((1, 2, 3, 4, 10), "People")
        assert {n: chapter_of_goal(n).label for n in (7, 8, 11)} == dict.fromkeys((7, 8, 11), "Prosperity")
        assert {n: chapter_of_goal(n).label for n in (6, 13, 15)} == dict.fromkeys((6, 13, 15), "Planet")
        assert chapter_of_goal(16).label == "Public Services"
        assert chapter_of_goal(16).text == (
            "Evolueren naar een flexibele, open, extern gerichte en innovatieve organisatie")
        assert sorted(n for c in chapters() for n in c.goals) == list(range(1, 18))


def test_the_city_names_read_the_same_in_every_language(app, client):
    load_demo(app)
    with app.test_request_context(headers={"Accept-Language": "fr"}):
        from flask_babel import force_locale

        with force_locale("fr"):
            assert chapter_of_goal(16).label == "Public Services"


def test_loading_the_city_moves_ideas_filed_under_peace_to_public_services(app, tmp_path, make_process, make_user):
    from participation.ideas import services

    with app.test_request_context():
        load_chapters(tmp_path, [])  # no chapters.json: the UN's five Ps
        db.session.commit()
        process = make_process()
        author = make_user()
        text = services.IdeaText(title="Eén loket", body="<p>Een loket voor alles.</p>", theme="peace")
        idea = services._new_idea(process, services.clean_text(text), author, author_id=author.id)
        db.session.commit()
    load_demo(app)
    assert db.session.get(Idea, idea.id).theme == "public_services"
    with app.test_request_context():
        assert chapter_of_goal(16).key == "public_services"


def test_a_goal_in_two_chapters_is_refused(tmp_path):
    path = tmp_path / "chapters.json"
    path.write_text(json.dumps({"chapters": [
        {"key": "a", "name": {"nl": "A"}, "goals": [1, 16]},
        {"key": "b", "name": {"nl": "B"}, "goals": [16]},
    ]}), encoding="utf-8")
    with pytest.raises(ChaptersError, match="SDG 16"):
        read_chapters(path)


def test_idea_form_filters_and_sdg_overview_use_the_city_chapters(app, client, employee_client):
    load_demo(app)
    body = client.get("/sdgs").get_data(as_text=True)
    assert body.index(">Public Services</h2>") < body.index(">Partnerships</h2>")
    assert ">Peace</h2>" not in body
    services_section = body[body.index(">Public Services</h2>"):body.index(">Partnerships</h2>")]
    assert 'href="/sdgs/16"' in services_section
    people = body[body.index(">People</h2>"):body.index(">Prosperity</h2>")]
    assert 'href="/sdgs/10"' in people
    goal_page = client.get("/sdgs/16").get_data(as_text=True)
    assert '<a href="/sdgs#chapter-public_services">Public Services</a>' in goal_page
    form = employee_client.get("/trajecten/inspiratienota-2040/ideeen/nieuw").get_data(as_text=True)
    assert '<option value="public_services">Public Services</option>' in form
    assert 'value="peace"' not in form
    listing = employee_client.get("/trajecten/inspiratienota-2040?thema=public_services").get_data(as_text=True)
    assert "Eén digitaal loket voor alle aanvragen" in listing
    assert "Zonnepanelen op alle stadsgebouwen" not in listing


def test_plan_tracker_shows_the_plan_goals_under_the_city_chapters(app, client):
    load_demo(app)
    body = client.get("/plan").get_data(as_text=True)
    people = body[body.index('id="chapter-people"'):body.index('</section>', body.index('id="chapter-people"'))]
    assert 'href="/plan/sdg/10"' in people
    assert 'id="chapter-peace"' not in body
