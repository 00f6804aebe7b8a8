"""Moderators publish, hide, answer, merge and correct; every change is dated, signed and explained."""

from participation.extensions import db
from participation.ideas.models import Follow, Idea, IdeaEdit, IdeaStatusChange
from participation.ideas.signals import idea_merged, idea_status_changed
from participation.mail.models import OutboxMessage


def test_moderator_publishes_and_the_idea_is_listed(make_process, client_as, make_idea):
    process = make_process("public", slug="hallo")
    idea = make_idea(process, title="Een speelplein in Hulste", status="submitted")
    visitor = client_as(None)
    assert "Een speelplein in Hulste" not in visitor.get("/trajecten/hallo").get_data(as_text=True)
    moderator = client_as("moderator")
    assert "Een speelplein in Hulste" in moderator.get("/moderatie/ideeen").get_data(as_text=True)
    response = moderator.post(f"/moderatie/ideeen/{idea.id}/status",
                              data={"status": "published", "explanation": "Bedankt, we publiceren het."})
    assert response.status_code == 302
    assert "Een speelplein in Hulste" in visitor.get("/trajecten/hallo").get_data(as_text=True)
    page = visitor.get(f"/ideeen/{idea.id}").get_data(as_text=True)
    assert "De weg van dit idee" in page and "Bedankt, we publiceren het." in page
    change = db.session.scalars(db.select(IdeaStatusChange).order_by(IdeaStatusChange.id.desc())).first()
    assert change.author_id == moderator.user.id and change.from_status == "submitted"
    assert change.created_at is not None


def test_hiding_needs_a_reason_that_the_author_sees(make_process, client_as, make_idea):
    process = make_process("public", slug="hallo")
    author = client_as("resident")
    idea = make_idea(process, status="submitted", author=author.user)
    moderator = client_as("moderator")
    refused = moderator.post(f"/moderatie/ideeen/{idea.id}/status", data={"status": "hidden", "explanation": ""})
    assert "Leg de wijziging uit" in refused.get_data(as_text=True)
    assert db.session.get(Idea, idea.id).status == "submitted"
    moderator.post(f"/moderatie/ideeen/{idea.id}/status",
                   data={"status": "hidden", "explanation": "Dit gaat over een privé-geschil."})
    page = author.get(f"/ideeen/{idea.id}").get_data(as_text=True)
    assert "Dit idee is verborgen" in page and "Reden: Dit gaat over een privé-geschil." in page
    assert client_as("resident").get(f"/ideeen/{idea.id}").status_code == 404


def test_a_status_off_the_road_is_refused(make_process, client_as, make_idea):
    process = make_process("public", slug="hallo")
    idea = make_idea(process, status="submitted")
    response = client_as("moderator").post(f"/moderatie/ideeen/{idea.id}/status",
                                           data={"status": "realised", "explanation": "Klaar."})
    assert response.status_code == 200
    assert db.session.get(Idea, idea.id).status == "submitted"


def test_not_selected_keeps_the_answer_for_the_author(make_process, client_as, make_idea):
    process = make_process("public", slug="hallo")
    idea = make_idea(process, status="published")
    client_as("moderator").post(f"/moderatie/ideeen/{idea.id}/status", data={
        "status": "not_selected", "explanation": "De vervoerregio plant dit al voor 2027."})
    page = client_as(None).get(f"/ideeen/{idea.id}").get_data(as_text=True)
    assert "Antwoord van de stad" in page and "De vervoerregio plant dit al voor 2027." in page
    assert "Niet gekozen" in page


def test_followers_are_mailed_through_the_outbox_when_the_status_changes(make_process, client_as, make_idea, outbox):
    process = make_process("public", slug="hallo")
    idea = make_idea(process, title="Meer zitbanken op de Markt", status="published")
    follower = client_as("resident", email="volger@example.org")
    response = follower.post(f"/ideeen/{idea.id}/volgen", follow_redirects=True)
    assert "Je volgt dit idee" in response.get_data(as_text=True)
    follower.post(f"/ideeen/{idea.id}/volgen")  # twice counts once
    assert db.session.scalar(db.select(db.func.count()).select_from(Follow).where(Follow.idea_id == idea.id)) == 1
    received = []

    def listener(sender, change):
        received.append(sender)

    idea_status_changed.connect(listener)
    try:
        client_as("moderator", email="mod@example.org").post(
            f"/moderatie/ideeen/{idea.id}/status", data={"status": "selected", "explanation": "Het college kiest dit."})
    finally:
        idea_status_changed.disconnect(listener)
    mails = outbox("volger@example.org")
    assert len(mails) == 1
    assert "Gekozen" in mails[0].subject and "Het college kiest dit." in mails[0].body
    assert f"/ideeen/{idea.id}" in mails[0].body
    assert outbox("mod@example.org") == []
    assert [i.id for i in received] == [idea.id]


def test_mail_send_command_empties_the_outbox(app, make_process, make_idea, make_user, outbox):
    from participation.ideas import services

    process = make_process("public", slug="hallo")
    idea = make_idea(process, status="published")
    services.follow(make_user(email="volger@example.org"), idea)
    services.set_status(idea, "selected", make_user("moderator"), "Gekozen.")
    db.session.commit()
    app.config["MAIL_BACKEND"] = "log"
    try:
        result = app.test_cli_runner().invoke(args=["mail", "send"])
    finally:
        app.config["MAIL_BACKEND"] = "outbox"
    assert result.exit_code == 0 and "Sent 1" in result.output
    db.session.expire_all()
    assert all(message.sent_at for message in outbox("volger@example.org"))


def test_unfollow(make_process, client_as, make_idea):
    process = make_process("public", slug="hallo")
    idea = make_idea(process, status="published")
    client = client_as("resident")
    client.post(f"/ideeen/{idea.id}/volgen")
    response = client.post(f"/ideeen/{idea.id}/niet-meer-volgen", follow_redirects=True)
    assert "Je volgt dit idee niet meer." in response.get_data(as_text=True)
    assert db.session.get(Follow, (client.user.id, idea.id)) is None


def test_merging_moves_followers_once_and_signals_before_commit(make_process, client_as, make_idea, make_user):
    process = make_process("public", slug="hallo")
    kept = make_idea(process, title="Bankjes op de Markt", status="published")
    duplicate = make_idea(process, title="Zitbanken op de Markt", status="published")
    both, only_duplicate = make_user(), make_user()
    for user, idea in ((both, kept), (both, duplicate), (only_duplicate, duplicate)):
        db.session.add(Follow(user_id=user.id, idea_id=idea.id))
    db.session.commit()
    seen = []

    def listener(sender, target, actor):
        # inside the transaction: the duplicate is already merged, not yet committed
        seen.append((sender.id, target.id, actor.id, sender.status, db.session.is_active))

    idea_merged.connect(listener)
    try:
        moderator = client_as("moderator")
        response = moderator.post(f"/moderatie/ideeen/{duplicate.id}/samenvoegen",
                                  data={"target": kept.id, "explanation": "Zelfde idee.", "confirmed": "yes"})
    finally:
        idea_merged.disconnect(listener)
    assert response.status_code == 302
    assert seen == [(duplicate.id, kept.id, moderator.user.id, "merged", True)]
    followers = set(db.session.scalars(db.select(Follow.user_id).where(Follow.idea_id == kept.id)))
    assert {both.id, only_duplicate.id} <= followers
    assert db.session.scalar(db.select(db.func.count()).select_from(Follow).where(Follow.idea_id == duplicate.id)) == 0
    assert db.session.get(Idea, duplicate.id).merged_into_id == kept.id
    visitor = client_as(None)
    assert visitor.get(f"/ideeen/{duplicate.id}").headers["Location"].endswith(f"/ideeen/{kept.id}")
    assert "Zitbanken op de Markt" not in visitor.get("/trajecten/hallo").get_data(as_text=True)


def test_merging_into_another_process_or_itself_is_refused(make_process, client_as, make_idea):
    process, other = make_process("public", slug="hallo"), make_process("public", slug="ander")
    idea = make_idea(process, status="published")
    elsewhere = make_idea(other, status="published")
    moderator = client_as("moderator")
    response = moderator.post(f"/moderatie/ideeen/{idea.id}/samenvoegen",
                              data={"target": elsewhere.id, "explanation": "x"})
    assert "Alleen ideeën van hetzelfde traject" in response.get_data(as_text=True)
    response = moderator.post(f"/moderatie/ideeen/{idea.id}/samenvoegen", data={"target": idea.id, "explanation": "x"})
    assert "niet met zichzelf" in response.get_data(as_text=True)
    assert db.session.get(Idea, idea.id).status == "published"


def test_a_typo_correction_leaves_a_trace(make_process, client_as, make_idea):
    process = make_process("public", slug="hallo")
    idea = make_idea(process, title="Meer zitbanken op de Mrkt", status="published")
    moderator = client_as("moderator")
    moderator.post(f"/moderatie/ideeen/{idea.id}/corrigeren", data={
        "title": "Meer zitbanken op de Markt", "body": idea.body, "reason": "Tikfout in de titel"})
    edit = db.session.scalar(db.select(IdeaEdit))
    assert edit.old_title == "Meer zitbanken op de Mrkt" and edit.new_title == "Meer zitbanken op de Markt"
    assert edit.editor_id == moderator.user.id
    page = client_as(None).get(f"/ideeen/{idea.id}").get_data(as_text=True)
    assert "Verbeteringen" in page and "Tikfout in de titel" in page


def test_residents_and_employees_cannot_screen(make_process, client_as, make_idea):
    process = make_process("public", slug="hallo")
    idea = make_idea(process, status="submitted")
    for role in ("resident", "employee"):
        client = client_as(role)
        assert client.get(f"/moderatie/ideeen/{idea.id}").status_code == 403
        assert client.post(f"/moderatie/ideeen/{idea.id}/status",
                           data={"status": "published", "explanation": "x"}).status_code == 403
    assert db.session.get(Idea, idea.id).status == "submitted"
    assert db.session.scalar(db.select(db.func.count()).select_from(OutboxMessage)) == 0


def test_a_desk_resident_with_an_email_address_hears_about_the_idea(make_process, make_user, outbox):
    from participation.ideas import services

    process = make_process("public", slug="hallo")
    employee, moderator = make_user("employee"), make_user("moderator")
    text = services.IdeaText(title="Bankjes", body="<p>Meer bankjes</p>", theme="people")
    by_mail = services.enter_for_resident(process, employee, text,
                                          services.OnBehalf("Maria", "maria@example.org", True))
    by_phone = services.enter_for_resident(process, employee, text, services.OnBehalf("Jan", "056 12 34 56", True))
    for idea in (by_mail, by_phone):
        services.set_status(idea, "published", moderator, "We publiceren het.")
    db.session.commit()
    mails = outbox("maria@example.org")
    assert len(mails) == 1 and "aan het loket gaf" in mails[0].body and "Dag Maria" in mails[0].body
    assert len(outbox()) == 1
