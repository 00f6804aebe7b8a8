"""The coloured overview, the goal pages, the city's sentence and the open data."""

import json
import re

import pytest

from participation import ROOT
from participation.extensions import db
from participation.sdgs.colours import AA, contrast
from participation.sdgs.models import CityStatement, IdeaTarget, SdgGoal
from participation.sdgs.reference import reference_goals
from participation.sdgs.services import SdgError, link_idea, refuse_suggestion, set_city_statement
from tests.sdgs.helpers import make_idea


def test_overview_shows_17_goals_grouped_by_pillar(client):
    db.session.add(CityStatement(goal_number=10, sentence="Iedereen telt mee in Harelbeke"))
    db.session.commit()
    body = client.get("/sdgs").get_data(as_text=True)
    assert body.count('class="sdg-tile sdg-') == 17
    for pillar in ("People", "Planet", "Prosperity", "Peace", "Partnership"):
        assert f">{pillar}</h2>" in body
    assert "Iedereen telt mee in Harelbeke" in body
    assert "Geen armoede" in body


def test_overview_speaks_french_when_asked(client):
    client.get("/taal/fr")
    assert "Pas de pauvreté" in client.get("/sdgs").get_data(as_text=True)


def test_goal_page_shows_un_text_targets_and_city_sentence(client):
    db.session.add(CityStatement(goal_number=11, sentence="Harelbeke investeert in de stad"))
    db.session.commit()
    body = client.get("/sdgs/11").get_data(as_text=True)
    assert "Harelbeke investeert in de stad" in body
    assert body.count('<li id="target-11.') == 10
    assert 'id="target-11.a"' in body and "Tegen 2030" in body
    assert "Nog geen idee gekoppeld" in body or "Er is nog geen idee" in body


def test_tile_colours_reach_aa_and_css_matches_the_data():
    css = (ROOT / "static" / "css" / "site.css").read_text(encoding="utf-8")
    for goal in reference_goals():
        match = re.search(rf"\.sdg-{goal['number']} {{ --sdg-bg: (#[0-9A-F]{{6}}); --sdg-fg: (#[0-9A-F]{{6}}); }}", css)
        assert match, goal["number"]
        background, text = match.groups()
        assert background == goal["colour"].upper()
        assert contrast(background, text) >= AA, goal["number"]


def test_goal_page_lists_many_ideas_without_a_query_per_idea(client, make_process, count_queries, make_user):
    process = make_process()
    moderator = make_user("moderator")
    for n in range(12):
        idea = make_idea(process, title=f"Idee {n}")
        db.session.add(IdeaTarget(idea_id=idea.id, target_code="11.7", goal_number=11, linked_by_id=moderator.id))
        db.session.add(IdeaTarget(idea_id=idea.id, target_code="11.2", goal_number=11, linked_by_id=moderator.id))
    db.session.commit()
    client.get("/sdgs/11")
    with count_queries() as few:
        client.get("/sdgs/11")
    idea = make_idea(process, title="Nog een")
    db.session.add(IdeaTarget(idea_id=idea.id, target_code="11.1", goal_number=11))
    db.session.commit()
    with count_queries() as more:
        body = client.get("/sdgs/11").get_data(as_text=True)
    assert more.count == few.count
    assert "Subdoelen: 11.2, 11.7" in body
    with count_queries() as overview:
        client.get("/sdgs")
    assert overview.count <= 6


def test_goal_page_paginates_ideas(client, make_process, app):
    process = make_process()
    per_page = app.config["PER_PAGE"]
    for n in range(per_page + 3):
        idea = make_idea(process, title=f"Idee nummer {n:02d}")
        db.session.add(IdeaTarget(idea_id=idea.id, target_code="13.1", goal_number=13))
    db.session.commit()
    first = client.get("/sdgs/13").get_data(as_text=True)
    second = client.get("/sdgs/13?page=2").get_data(as_text=True)
    assert first.count("Idee nummer") == per_page
    assert second.count("Idee nummer") == 3
    assert 'rel="next"' in first


def test_administrator_edits_and_removes_the_city_sentence(client_as, client):
    admin = client_as("administrator")
    response = admin.post("/sdgs/5/zin", data={"sentence": "  Harelbeke  kiest voor gelijke kansen "})
    assert response.status_code == 302
    assert db.session.get(CityStatement, 5).sentence == "Harelbeke kiest voor gelijke kansen"
    assert "Harelbeke kiest voor gelijke kansen" in client.get("/sdgs/5").get_data(as_text=True)
    too_long = admin.post("/sdgs/5/zin", data={"sentence": "x" * 301})
    assert too_long.status_code == 200 and "field-error" in too_long.get_data(as_text=True)
    assert db.session.get(CityStatement, 5).sentence == "Harelbeke kiest voor gelijke kansen"
    admin.post("/sdgs/5/zin", data={"sentence": ""})
    assert db.session.get(CityStatement, 5) is None


def test_api_lists_17_goals_with_targets_in_three_languages(client):
    db.session.add(CityStatement(goal_number=10, sentence="Iedereen telt mee in Harelbeke"))
    db.session.commit()
    response = client.get("/api/v1/sdgs")
    assert response.status_code == 200 and response.mimetype == "application/json"
    data = json.loads(response.get_data(as_text=True))
    assert [g["number"] for g in data] == list(range(1, 18))
    assert sum(len(g["targets"]) for g in data) == 169
    goal = data[10]
    assert set(goal["title"]) == {"nl", "fr", "en"}
    assert goal["targets"][6]["code"] == "11.7"
    assert goal["targets"][6]["text"]["nl"].startswith("Tegen 2030")
    assert data[9]["city_statement"] == "Iedereen telt mee in Harelbeke"
    assert data[0]["city_statement"] is None


def test_api_answers_with_what_its_openapi_fragment_describes(client):
    from participation.sdgs.api import OPENAPI

    schemas = OPENAPI["components"]["schemas"]
    data = client.get("/api/v1/sdgs").get_json()
    for goal in data:
        assert set(goal) == set(schemas["SdgGoal"]["properties"])
        for target in goal["targets"]:
            assert set(target) == set(schemas["SdgTarget"]["properties"])
            assert re.match(schemas["SdgTarget"]["properties"]["code"]["pattern"], target["code"])
    assert "/api/v1/sdgs" in OPENAPI["paths"]


GOAL_PAGE_LINKS = {
    "statement": 'href="/sdgs/11/zin"',
    "link": 'href="/sdgs/koppelen"',
    "manage_targets": 'href="/sdgs/koppelen?idea=',
    "indicators": 'href="/beheer/indicatoren"',
}


@pytest.mark.parametrize(("role", "shown"), [
    ("anonymous", set()),
    ("resident", set()),
    ("employee", set()),
    ("moderator", {"link", "manage_targets"}),
    ("administrator", {"statement", "link", "manage_targets", "indicators"}),
])
def test_goal_page_offers_each_role_only_what_it_may_do(client_as, make_process, role, shown):
    idea = make_idea(make_process(), title="Een veilige schoolomgeving aan de Markt")
    db.session.add(IdeaTarget(idea_id=idea.id, target_code="11.7", goal_number=11))
    db.session.commit()
    page = client_as(role).get("/sdgs/11").get_data(as_text=True)
    assert "Een veilige schoolomgeving aan de Markt" in page
    assert {name for name, href in GOAL_PAGE_LINKS.items() if href in page} == shown


def test_only_an_administrator_writes_the_city_sentence_and_only_a_moderator_links(make_process, make_user):
    goal = db.session.get(SdgGoal, 11)
    with pytest.raises(SdgError):
        set_city_statement(goal, "Harelbeke investeert in de stad", make_user("moderator"))
    assert set_city_statement(goal, "Harelbeke investeert in de stad", make_user("administrator"))
    idea = make_idea(make_process())
    for role in ("resident", "employee"):
        with pytest.raises(SdgError):
            link_idea(idea, "11.7", make_user(role))
        with pytest.raises(SdgError):
            refuse_suggestion(idea, 11, "11.7", make_user(role))
    assert link_idea(idea, "11.7", make_user("moderator")).target_code == "11.7"


def test_goal_page_sections_are_registered_in_order_and_a_missing_template_fails_at_start_up(app):
    from jinja2 import TemplateNotFound

    from participation.sdgs.sections import register_goal_section

    templates = [section.template for section in app.extensions["sdg_goal_sections"]]
    assert templates == ["advisory/_goal_points.html", "plan/_goal_actions.html"]
    with pytest.raises(TemplateNotFound):
        register_goal_section(app, "plan/_goal_actoins.html", lambda number: [], position=30)
    assert len(app.extensions["sdg_goal_sections"]) == 2
