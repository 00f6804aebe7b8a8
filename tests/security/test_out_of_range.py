"""Numbers too large for the database (2³¹ and more for PostgreSQL, 2⁶³ and more for SQLite) never reach it:
paths answer 404, query strings fall back to their default, forms say what is wrong; the API answers JSON."""

import pytest
from sqlalchemy import select

from participation.extensions import db
from participation.ideas import services
from participation.plan.models import IdeaAction
from tests.plan.helpers import import_example

HUGE = ("3000000000", "2147483648", "99999999999999999999", "922337203685477581")


@pytest.fixture
def idea(make_process):
    from tests.plan.helpers import make_idea

    return make_idea(make_process("public", phases=[("propose", -3, -1), ("vote", -1, 5)]), status="published")


@pytest.mark.parametrize("number", HUGE)
def test_paths_with_a_huge_id_are_not_found(client_as, idea, number):
    moderator = client_as("moderator")
    for url in (f"/ideeen/{number}", f"/moderatie/ideeen/{number}", f"/sdgs/{number}",
                f"/ideeen/{number}/actie"):
        assert moderator.get(url).status_code == 404, url
    for url in (f"/stemmen/ideeen/{number}", f"/ideeen/{number}/volgen", f"/moderatie/ideeen/{number}/samenvoegen"):
        assert moderator.post(url, data={"target": idea.id, "explanation": "x"}).status_code == 404, url


@pytest.mark.parametrize("number", HUGE)
def test_query_strings_with_a_huge_number_fall_back_to_their_default(client_as, idea, number):
    resident = client_as("resident")
    process = idea.process.slug
    for url in (f"/trajecten/{process}?wijk={number}", f"/trajecten/{process}?deelgemeente={number}",
                f"/trajecten/{process}?page={number}", f"/account/ideeen?page={number}",
                f"/account/gevolgde-ideeen?page={number}", f"/sdgs/11?page={number}", f"/plan?q=a&page={number}",
                f"/trajecten/{process}/rangschikking?page={number}"):
        assert resident.get(url).status_code == 200, url
    page = resident.get(f"/trajecten/{process}?page={number}").get_data(as_text=True)
    assert idea.title in page


@pytest.mark.parametrize("number", HUGE)
def test_the_api_answers_json_for_huge_numbers(client, idea, number):
    process = idea.process.slug
    for url in (f"/api/v1/ideas/{number}", f"/api/v1/processes/{process}/ideas?neighbourhood={number}",
                f"/api/v1/processes/{process}/ideas?page={number}&per_page={number}",
                f"/api/v1/plan/actions?sdg={number}"):
        response = client.get(url)
        assert response.status_code in (200, 400, 404), url
        assert response.is_json, url


def test_the_api_answers_json_when_a_page_does_not_exist_or_a_method_is_wrong(client, app):
    missing = client.get("/api/v1/bestaat-niet")
    assert missing.status_code == 404 and missing.get_json()["error"]["status"] == 404
    wrong = client.post("/api/v1/processes")
    assert wrong.status_code == 405 and wrong.get_json()["error"]["status"] == 405


def test_the_api_answers_json_when_it_fails(client, app, monkeypatch):
    from participation.api import views

    def broken():
        raise RuntimeError("boom")

    monkeypatch.setattr(views, "open_processes", broken)
    response = client.get("/api/v1/processes")
    assert response.status_code == 500 and response.get_json()["error"]["status"] == 500
    assert client.get("/bestaat-niet").mimetype == "text/html"


@pytest.mark.parametrize("number", HUGE)
def test_merge_into_a_huge_number_is_a_form_error(client_as, idea, make_process, number):
    from tests.plan.helpers import make_idea

    duplicate = make_idea(idea.process, title="Een dubbel", status="published")
    response = client_as("moderator").post(f"/moderatie/ideeen/{duplicate.id}/samenvoegen",
                                           data={"target": number, "explanation": "Hetzelfde."})
    assert response.status_code == 200
    assert "Vul een geheel getal in" in response.get_data(as_text=True)
    db.session.refresh(duplicate)
    assert duplicate.status == "published"


@pytest.mark.parametrize("number", [*HUGE, "²", "-1", "x"])
def test_linking_to_a_huge_action_number_is_not_found(client_as, idea, number):
    import_example()
    response = client_as("moderator").post(f"/ideeen/{idea.id}/actie", data={"action_id": number})
    assert response.status_code == 404
    assert db.session.scalar(select(IdeaAction.id)) is None


def test_voting_and_following_still_work_with_ordinary_numbers(client_as, idea):
    resident = client_as("resident")
    assert resident.post(f"/ideeen/{idea.id}/volgen").status_code == 302
    assert services.is_following(resident.user, idea)


def test_a_nul_character_anywhere_is_a_bad_request(client_as, idea):
    """PostgreSQL refuses NUL in a string; the request is refused before it gets there."""
    resident = client_as("resident")
    assert resident.get(f"/trajecten/{idea.process.slug}?q=fiets%00").status_code == 400
    assert resident.get("/plan?q=%00").status_code == 400
    response = resident.post(f"/trajecten/{idea.process.slug}/ideeen/nieuw",
                             data={"title": "Bank\x00", "body": "Een bank.", "theme": "people"})
    assert response.status_code == 400
    assert client_as(None).get("/api/v1/processes?x=%00").is_json
