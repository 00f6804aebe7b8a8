"""Anonymous pages come from the cache until a write changes what they show; nothing personal is kept."""

from datetime import timedelta

from participation.extensions import db
from participation.ideas import services
from participation.votes.services import cast_vote
from tests.conftest import log_in


def test_the_second_anonymous_visit_comes_from_the_cache(cached, voting_process, client):
    process, idea = voting_process
    for path in (f"/trajecten/{process.slug}", f"/ideeen/{idea.id}", f"/trajecten/{process.slug}/rangschikking",
                 f"/api/v1/processes/{process.slug}/ideas", "/sdgs/11", "/plan/sdg/11"):
        first = client.get(path)
        again = client.get(path)
        assert first.status_code == again.status_code == 200, path
        assert "X-Page-Cache" not in first.headers and again.headers.get("X-Page-Cache") == "hit", path
        assert again.data == first.data and again.headers["ETag"] == first.headers["ETag"]
        assert client.get(path, headers={"If-None-Match": first.headers["ETag"]}).status_code == 304


def test_a_vote_shows_on_the_next_anonymous_request(cached, voting_process, client, make_user):
    process, idea = voting_process
    ranking = f"/trajecten/{process.slug}/rangschikking"
    api = f"/api/v1/processes/{process.slug}/ideas"
    client.get(ranking), client.get(api), client.get(f"/ideeen/{idea.id}")
    assert client.get(api).get_json()["data"][0]["vote_count"] == 0
    cast_vote(make_user(), idea)
    assert client.get(api).get_json()["data"][0]["vote_count"] == 1
    assert "X-Page-Cache" not in client.get(ranking).headers


def test_a_new_idea_and_a_status_change_show_at_once(cached, make_process, make_idea, make_user, client):
    process = make_process("public", slug="hallo")
    make_idea(process, title="Een bank op de Markt")
    assert "Bomen langs de Leie" not in client.get("/trajecten/hallo").get_data(as_text=True)
    client.get("/trajecten/hallo")
    tree = make_idea(process, title="Bomen langs de Leie")
    assert "Bomen langs de Leie" in client.get("/trajecten/hallo").get_data(as_text=True)
    client.get(f"/ideeen/{tree.id}")
    services.set_status(tree, "hidden", make_user("moderator"), "Dubbel.", notify=False)
    db.session.commit()
    assert "Bomen langs de Leie" not in client.get("/trajecten/hallo").get_data(as_text=True)
    assert client.get(f"/ideeen/{tree.id}").status_code == 404


def test_signed_in_pages_and_flash_messages_are_never_cached_or_served_from_it(cached, voting_process, client,
                                                                               make_user, app):
    process, idea = voting_process
    path = f"/trajecten/{process.slug}"
    anonymous = client.get(path).get_data(as_text=True)
    resident = make_user()
    log_in(client, resident)
    for _ in range(2):
        response = client.get(path)
        assert "X-Page-Cache" not in response.headers
        assert response.get_data(as_text=True) != anonymous
    remembered = app.test_client()
    remembered.set_cookie("remember_token", "anything")
    assert "X-Page-Cache" not in remembered.get(path).headers
    other = app.test_client()
    with other.session_transaction() as session:
        session["_flashes"] = [("success", "Bedankt!")]
    flashed = other.get(path)
    assert "Bedankt!" in flashed.get_data(as_text=True) and "X-Page-Cache" not in flashed.headers
    assert "Bedankt!" not in app.test_client().get(path).get_data(as_text=True)


def test_each_language_has_its_own_page(cached, voting_process, app):
    process, _idea = voting_process
    dutch, french = app.test_client(), app.test_client()
    with french.session_transaction() as session:
        session["lang"] = "fr"
    assert dutch.get("/sdgs/11").data != french.get("/sdgs/11").data
    french.get("/sdgs/11")  # the first answer to a session with a language also marks it (a cookie)
    assert french.get("/sdgs/11").headers.get("X-Page-Cache") == "hit"
    assert dutch.get("/sdgs/11").get_data(as_text=True) != french.get("/sdgs/11").get_data(as_text=True)


def test_a_kept_process_shows_its_new_title_and_phases_at_once(cached, voting_process, client, make_user):
    process, idea = voting_process
    log_in(client, make_user())
    path, ranking = f"/trajecten/{process.slug}", f"/trajecten/{process.slug}/rangschikking"
    assert f'data-vote-cast="{idea.id}"' in client.get(path).get_data(as_text=True)
    assert f'data-vote-cast="{idea.id}"' in client.get(ranking).get_data(as_text=True)
    process.title = "Een nieuwe titel"
    vote = next(phase for phase in process.phases if phase.kind == "vote")
    vote.ends_at = vote.starts_at + timedelta(hours=1)  # the vote is over
    db.session.commit()
    page = client.get(path).get_data(as_text=True)
    assert "Een nieuwe titel" in page and f'data-vote-cast="{idea.id}"' not in page
    assert f'data-vote-cast="{idea.id}"' not in client.get(ranking).get_data(as_text=True)
