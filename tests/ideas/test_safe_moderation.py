"""Moderation that cannot go wrong in one click: merging asks to confirm and tells the people concerned,
publishing offers the usual explanation and takes several ideas at once, errors show at the top."""

from participation.extensions import db
from participation.ideas.models import Follow, Idea
from participation.ideas.rules import PUBLISH_EXPLANATION

DEFAULT_NL = "Je idee volgt de huisregels van het platform en staat nu voor iedereen online."


def test_merging_asks_to_confirm_and_changes_nothing_before(make_process, client_as, make_idea, make_user):
    process = make_process("public", slug="hallo")
    kept = make_idea(process, title="Bankjes op de Markt")
    duplicate = make_idea(process, title="Zitbanken op de Markt")
    db.session.add(Follow(user_id=make_user().id, idea_id=duplicate.id))
    duplicate.vote_count = 3
    db.session.commit()
    moderator = client_as("moderator")
    data = {"target": kept.id, "explanation": "Twee keer hetzelfde voorstel."}
    page = moderator.post(f"/moderatie/ideeen/{duplicate.id}/samenvoegen", data=data)
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "“Zitbanken op de Markt” samenvoegen?" in text
    assert "3 stemmen gaan naar het idee dat blijft." in text and "1 volger gaat mee" in text
    assert "2 personen (de indiener en de volgers) krijgen een mail" in text
    assert 'name="confirmed" value="yes"' in text and "Twee keer hetzelfde voorstel." in text
    assert db.session.get(Idea, duplicate.id).status == "published"

    response = moderator.post(f"/moderatie/ideeen/{duplicate.id}/samenvoegen", data={**data, "confirmed": "yes"})
    assert response.status_code == 302
    assert db.session.get(Idea, duplicate.id).merged_into_id == kept.id


def test_a_merge_that_cannot_happen_is_refused_before_the_confirmation(make_process, client_as, make_idea):
    process = make_process("public", slug="hallo")
    idea = make_idea(process)
    text = client_as("moderator").post(f"/moderatie/ideeen/{idea.id}/samenvoegen",
                                       data={"target": idea.id, "explanation": "x"}).get_data(as_text=True)
    assert "niet met zichzelf" in text and 'value="yes"' not in text


def test_the_explanation_is_on_both_roads_and_mailed_to_author_and_followers(
        make_process, client_as, make_idea, make_user, outbox):
    process = make_process("public", slug="hallo")
    author, follower = make_user(email="auteur@example.org"), make_user(email="volger@example.org")
    kept = make_idea(process, title="Bankjes op de Markt")
    duplicate = make_idea(process, title="Zitbanken op de Markt", author=author)
    db.session.add(Follow(user_id=follower.id, idea_id=duplicate.id))
    db.session.commit()
    moderator = client_as("moderator", email="moderator@example.org")
    moderator.post(f"/moderatie/ideeen/{duplicate.id}/samenvoegen", data={
        "target": kept.id, "explanation": "Beide vragen zitbanken op de Markt.", "confirmed": "yes"})

    visitor = client_as(None)
    kept_page = visitor.get(f"/ideeen/{kept.id}").get_data(as_text=True)
    road = kept_page.split("De weg van dit idee", 1)[1]
    assert "Een idee is bij dit idee gevoegd" in road and "Beide vragen zitbanken op de Markt." in road
    assert f"“Zitbanken op de Markt” (idee #{duplicate.id}) stelde hetzelfde voor" in road
    duplicate_page = moderator.get(f"/moderatie/ideeen/{duplicate.id}").get_data(as_text=True)
    assert "Beide vragen zitbanken op de Markt." in duplicate_page.split("De weg van dit idee", 1)[1]

    mailed = {message.recipient: message for message in outbox()}
    assert set(mailed) == {"auteur@example.org", "volger@example.org"}
    mail = mailed["volger@example.org"]
    assert mail.subject == "“Zitbanken op de Markt” is samengevoegd met “Bankjes op de Markt”"
    assert "Beide vragen zitbanken op de Markt." in mail.body and f"/ideeen/{kept.id}" in mail.body


def test_publishing_offers_the_usual_explanation(make_process, client_as, make_idea, outbox, make_user):
    process = make_process("public", slug="hallo")
    idea = make_idea(process, status="submitted", author=make_user(email="auteur@example.org"))
    db.session.add(Follow(user_id=idea.author_id, idea_id=idea.id))
    db.session.commit()
    moderator = client_as("moderator")
    page = moderator.get(f"/moderatie/ideeen/{idea.id}").get_data(as_text=True)
    publish = page.split('id="publish-panel"', 1)[1].split("</section>", 1)[0]
    assert DEFAULT_NL in publish and "Dit idee publiceren" in publish
    assert page.index('id="publish-panel"') < page.index('id="status-panel"')  # above the other actions
    response = moderator.post(f"/moderatie/ideeen/{idea.id}/status", data={
        "status": "published", "form": "publish", "explanation": DEFAULT_NL})
    assert response.status_code == 302
    assert db.session.get(Idea, idea.id).status == "published"
    assert DEFAULT_NL in outbox("auteur@example.org")[0].body


def test_a_publish_error_shows_at_the_top_of_its_form(make_process, client_as, make_idea):
    process = make_process("public", slug="hallo")
    idea = make_idea(process, status="submitted")
    page = client_as("moderator").post(f"/moderatie/ideeen/{idea.id}/status", data={
        "status": "published", "form": "publish", "explanation": ""}).get_data(as_text=True)
    publish = page.split('id="publish-panel"', 1)[1].split("</section>", 1)[0]
    assert f'action="/moderatie/ideeen/{idea.id}/status#publish-panel"' in publish
    summary = publish.index('class="error-summary"')
    assert summary < publish.index("<textarea") and "Leg de wijziging uit" in publish[summary:]
    assert db.session.get(Idea, idea.id).status == "submitted"


def test_several_ideas_are_published_at_once(make_process, client_as, make_idea):
    process = make_process("public", slug="hallo")
    ideas = [make_idea(process, title=f"Idee {n}", status="submitted") for n in range(3)]
    moderator = client_as("moderator")
    queue = moderator.get("/moderatie/ideeen").get_data(as_text=True)
    assert queue.count('name="ideas"') == 3 and DEFAULT_NL in queue
    response = moderator.post("/moderatie/ideeen/publiceren", data={
        "ideas": [ideas[0].id, ideas[2].id], "explanation": str(PUBLISH_EXPLANATION), "status": "submitted"},
        follow_redirects=True)
    assert "2 ideeën zijn gepubliceerd." in response.get_data(as_text=True)
    assert [db.session.get(Idea, idea.id).status for idea in ideas] == ["published", "submitted", "published"]


def test_publishing_none_or_a_published_idea_is_refused_whole(make_process, client_as, make_idea):
    process = make_process("public", slug="hallo")
    waiting = make_idea(process, title="Wacht", status="submitted")
    online = make_idea(process, title="Al online", status="published")
    moderator = client_as("moderator")
    empty = moderator.post("/moderatie/ideeen/publiceren", data={"explanation": "Ok."}).get_data(as_text=True)
    assert "Kies minstens één idee om te publiceren." in empty
    assert empty.index("error-summary") < empty.index('name="ideas"')
    mixed = moderator.post("/moderatie/ideeen/publiceren", data={
        "ideas": [waiting.id, online.id], "explanation": "Ok."}).get_data(as_text=True)
    assert "“Al online” kan vanuit zijn huidige status niet gepubliceerd worden." in mixed
    assert db.session.get(Idea, waiting.id).status == "submitted"
